"""The drafting page: a new project's name, goal and budget -> measurable indicators.

The draft is the CLI's (:func:`assistant.draft.adapt.draft_offline`, learning from the gold
tables and the tables added to the library); it is stored so the clerk can edit it, every
edit re-lints it, and it exports as xlsx or as the paste-ready 绩效指标 cell.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..draft.adapt import with_findings
from ..draft.models import Draft, DraftIndicator, DraftRequest
from ..export import export_bytes, render_indicators
from ..i18n import SECTORS, SEVERITIES, finding_name, finding_text
from .app import templates
from .models import DraftRecord
from .pages import DB, clerk_name
from .review import EditError, display  # noqa: F401 (display is a template global)
from .security import csrf_protect

router = APIRouter()

DRAFT_FIELDS = ("level1_code", "level1_name", "level2_code", "level2_name", "name", "period_value", "annual_value")


def _view(request: Request, record: DraftRecord, error: str | None = None, status: int = 200):
    draft = Draft.model_validate(record.data)
    findings: dict[int | None, list[dict]] = {}
    for finding in draft.findings:
        findings.setdefault(finding.get("seq"), []).append(
            {
                **finding,
                "zh_name": finding_name(finding["code"]),
                "zh": finding_text(finding["code"]),
                "severity_zh": SEVERITIES.get(finding["severity"], finding["severity"]),
            }
        )
    return templates.TemplateResponse(
        request,
        "draft_view.html",
        {
            "record": record,
            "draft": draft,
            "findings": findings,
            "error": error,
            "similar": [key.split(" / ", 1)[-1] for key in draft.similar_projects[:3]],
            "sector_zh": SECTORS.get(draft.sector or "", draft.sector),
            "cell": render_indicators(draft.indicators),
        },
        status_code=status,
    )


def _choices() -> dict[str, list[tuple[str, str]]]:
    """The type and sector menus: the project-type file's types and sectors, named in Chinese."""
    from ..draft.types import load_types

    types = load_types()
    return {
        "types": [(t.id, t.name) for t in types.types],
        "sectors": [(s, SECTORS.get(s, s)) for s in types.sectors],
    }


def _form_page(request: Request, session: Session, status: int = 200, **context):
    recent = session.scalars(select(DraftRecord).order_by(DraftRecord.id.desc()).limit(20)).all()
    return templates.TemplateResponse(
        request, "draft.html", {"recent": recent, **_choices(), **context}, status_code=status
    )


@router.get("/draft", response_class=HTMLResponse)
def draft_form(request: Request, session: DB):
    return _form_page(request, session)


@router.post("/draft", dependencies=[Depends(csrf_protect)])
def make_draft(
    request: Request,
    session: DB,
    name: str = Form(""),
    goal: str = Form(""),
    budget: str = Form(""),
    department: str = Form(""),
    unit: str = Form(""),
    project_type: str = Form(""),
    sector: str = Form(""),
):
    from ..draft import draft as make
    from ..draft.library import load_library

    try:
        draft_request = DraftRequest(
            name=name.strip(),
            goal=goal.strip(),
            budget=budget.strip() or None,
            department=department.strip() or None,
            unit=unit.strip() or None,
            project_type=project_type.strip() or None,
            sector=sector.strip() or None,
        )
    except ValidationError:
        form = {"name": name, "goal": goal, "budget": budget, "department": department, "unit": unit}
        return _form_page(
            request,
            session,
            422,
            error="请填写项目名称；预算请填大于0的数字（万元），如 20；项目类型和领域请从列表中选择",
            form=form | {"project_type": project_type, "sector": sector},
        )
    draft = make(draft_request, load_library())  # the offline backend, as the CLI's default
    record = DraftRecord(created_by=clerk_name(request), data=draft.model_dump(mode="json"))
    session.add(record)
    session.commit()
    return RedirectResponse(f"/draft/{record.id}", status_code=303)


def _record(session: Session, draft_id: int) -> DraftRecord:
    record = session.get(DraftRecord, draft_id)
    if record is None:
        raise HTTPException(404, f"没有编号为 {draft_id} 的草稿")
    return record


@router.get("/draft/{draft_id}", response_class=HTMLResponse)
def draft_view(request: Request, draft_id: int, session: DB):
    return _view(request, _record(session, draft_id))


@router.post("/draft/{draft_id}/edit", dependencies=[Depends(csrf_protect)])
def draft_edit(
    request: Request,
    draft_id: int,
    session: DB,
    index: int = Form(...),
    field: str = Form(...),
    value: str = Form(""),
    version: int = Form(...),
):
    def edit(indicators: list[DraftIndicator]) -> list[DraftIndicator]:
        if field not in DRAFT_FIELDS or not 0 <= index < len(indicators):
            raise EditError(f"不能修改字段 {field}")
        indicators[index] = indicators[index].model_copy(update={field: value.strip() or None}).with_target()
        return indicators

    record = _record(session, draft_id)
    refused = _change(request, record, version, f"输入的“{value}”", edit)
    if refused:
        return refused
    session.commit()
    return _view(request, record)


def _change(request: Request, record: DraftRecord, version: int, attempted: str, change) -> HTMLResponse | None:
    """Apply ``change(indicators) -> indicators`` to the stored draft, renumber and re-lint it;
    None when done (the caller commits), else the page with why nothing changed.

    A stale version (another clerk saved first) changes nothing and says what was not saved."""
    if record.version != version:
        return _view(request, record, f"该草稿已被他人修改（您{attempted}未保存），请核对后重新操作", 409)
    draft = Draft.model_validate(record.data)
    try:
        indicators = change(list(draft.indicators))
    except EditError as exc:
        return _view(request, record, str(exc), 422)
    indicators = [ind.model_copy(update={"seq": n}) for n, ind in enumerate(indicators, 1)]
    record.data = with_findings(draft.model_copy(update={"indicators": indicators})).model_dump(mode="json")
    return None


@router.post("/draft/{draft_id}/indicators/add", dependencies=[Depends(csrf_protect)])
def draft_add(request: Request, draft_id: int, session: DB, version: int = Form(...)):
    """A blank indicator at the end, for the clerk to fill in (the linter says what is missing)."""
    record = _record(session, draft_id)
    blank = DraftIndicator(seq=0, rationale="人工添加")
    refused = _change(request, record, version, "添加的指标", lambda inds: [*inds, blank])
    if refused:
        return refused
    session.commit()
    return _view(request, record)


@router.post("/draft/{draft_id}/indicators/{index}/delete", dependencies=[Depends(csrf_protect)])
def draft_delete(request: Request, draft_id: int, index: int, session: DB, version: int = Form(...)):
    def drop(indicators: list[DraftIndicator]) -> list[DraftIndicator]:
        if not 0 <= index < len(indicators):
            raise EditError(f"没有第 {index + 1} 条指标")
        return indicators[:index] + indicators[index + 1 :]

    record = _record(session, draft_id)
    refused = _change(request, record, version, "的删除", drop)
    if refused:
        return refused
    session.commit()
    return _view(request, record)


@router.get("/draft/{draft_id}/export.{fmt}")
def draft_export(draft_id: int, fmt: str, session: DB):
    draft = Draft.model_validate(_record(session, draft_id).data)
    name = draft.request.name[:60]
    if fmt == "xlsx":
        return Response(
            export_bytes(draft.table(), "xlsx"),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={
                "Content-Disposition": f'attachment; filename="draft.xlsx"; '
                f"filename*=UTF-8''{quote(name + '-绩效指标草稿.xlsx')}"
            },
        )
    if fmt == "txt":
        return Response(render_indicators(draft.indicators) + "\n", media_type="text/plain; charset=utf-8")
    raise HTTPException(404, f"不支持的导出格式 {fmt}")
