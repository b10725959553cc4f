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
from ..draft.models import Draft, DraftRequest
from ..export import export_bytes, render_indicators
from ..i18n import SEVERITIES, finding_name, finding_text
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
            "cell": render_indicators(draft.indicators),
        },
        status_code=status,
    )


@router.get("/draft", response_class=HTMLResponse)
def draft_form(request: Request, session: DB):
    recent = session.scalars(select(DraftRecord).order_by(DraftRecord.id.desc()).limit(20)).all()
    return templates.TemplateResponse(request, "draft.html", {"recent": recent})


@router.post("/draft", dependencies=[Depends(csrf_protect)])
def make_draft(
    request: Request,
    session: DB,
    name: str = Form(""),
    goal: str = Form(""),
    budget: str = Form(""),
    department: str = Form(""),
    unit: str = Form(""),
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
        )
    except ValidationError:
        recent = session.scalars(select(DraftRecord).order_by(DraftRecord.id.desc()).limit(20)).all()
        return templates.TemplateResponse(
            request,
            "draft.html",
            {
                "recent": recent,
                "error": "请填写项目名称；预算请填大于0的数字（万元），如 20",
                "form": {"name": name, "goal": goal, "budget": budget, "department": department, "unit": unit},
            },
            status_code=422,
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
    record = _record(session, draft_id)
    if record.version != version:
        return _view(request, record, f"该草稿已被他人修改（您输入的“{value}”未保存），请核对后重新输入", 409)
    draft = Draft.model_validate(record.data)
    if field not in DRAFT_FIELDS or not 0 <= index < len(draft.indicators):
        return _view(request, record, str(EditError(f"不能修改字段 {field}")), 422)
    indicators = list(draft.indicators)
    indicators[index] = indicators[index].model_copy(update={field: value.strip() or None}).with_target()
    record.data = with_findings(draft.model_copy(update={"indicators": indicators})).model_dump(mode="json")
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
