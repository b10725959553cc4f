"""Documents and review: upload, the document list, the review page and every edit on it.

Every change to a project goes through :func:`_change`: the version the page was drawn
from must still be the stored one (else the clerk gets a conflict message with their
value kept), the change is recorded in ``edits`` (who, when, old, new), and the project
card is drawn again with its findings re-checked.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..i18n import field_label
from ..ingest import supported_suffixes
from ..schema import Failure, Project
from .app import templates
from .models import Document, Edit, ProjectRecord, utcnow
from .review import (
    EditError,
    apply_edit,
    display,
    fields_to_check,
    new_indicator,
    project_findings,
    source_html,
    spans_of,
    table_findings,
)
from .security import auth_cookie, clerk_name, csrf_protect, quote_name
from .store import load_table

router = APIRouter()

STATUS = {"todo": "待审核", "doing": "审核中", "done": "已审核", "busy": "处理中", "failed": "读取失败"}


def db(request: Request):
    with request.app.state.sessions() as session:
        yield session


#: a database session for one request
DB = Annotated[Session, Depends(db)]


def ref(pid: int, path: str) -> str:
    """The id a field shares between the record table and the source view."""
    return f"{pid}-{path.replace('.', '-')}" if path else str(pid)


def _when(value) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def field_path_label(path: str | None) -> str:
    """``indicators.2.annual_value`` -> 第3条指标·年度指标值, for the edit history."""
    if not path:
        return ""
    parts = path.split(".")
    if parts[0] == "indicators" and len(parts) >= 2:
        number = f"第{int(parts[1]) + 1}条指标" if parts[1].isdigit() else "全部指标"
        return number + (f"·{field_label(parts[2])}" if len(parts) > 2 else "")
    return field_label(path)


def clerk_value(request: Request) -> str:
    name = clerk_name(request)
    return "" if name == "未署名" else name


def failure_text(failure: dict[str, Any]) -> str:
    """An unread row's message in Chinese (from its code and parameters; older rows as stored)."""
    return Failure.model_validate(failure).text("zh")


templates.env.globals.update(
    failure_text=failure_text,
    ref=ref,
    when=_when,
    display=display,
    STATUS=STATUS,
    field_label_of=field_path_label,
    field_path_label=field_path_label,
    clerk_value=clerk_value,
)


# ---- the document list and upload -------------------------------------------------------------


def document_status(session: Session, document: Document) -> str:
    if document.state == "failed":
        return "failed"
    if document.state != "done":
        return "busy"
    projects = document.projects
    if document.accepted_at is not None or (projects and all(p.accepted_at for p in projects)):
        return "done"
    edited = session.scalar(select(func.count(Edit.id)).where(Edit.document_id == document.id))
    return "doing" if edited else "todo"


def _counts(document: Document) -> dict[str, int]:
    errors = warnings = check = 0
    for record in document.projects:
        project, confirmed = Project.model_validate(record.data), set(record.confirmed)
        for finding in project_findings(project, confirmed):
            errors += finding.severity == "error"
            warnings += finding.severity != "error"
        check += len(fields_to_check(project, confirmed))
    failures = len((document.header or {}).get("failures") or [])
    return {
        "errors": errors,
        "warnings": warnings,
        "check": check,
        "failures": failures,
        "projects": len(document.projects),
    }


def _rows(session: Session) -> list[dict[str, Any]]:
    documents = session.scalars(select(Document).order_by(Document.id.desc())).all()
    rows = []
    for document in documents:
        status = document_status(session, document)
        rows.append(
            {"doc": document, "status": status, "counts": _counts(document) if document.state == "done" else None}
        )
    return rows


@router.get("/", response_class=HTMLResponse)
def index(request: Request, session: DB):
    rows = _rows(session)
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "rows": rows,
            "suffixes": supported_suffixes(),
            "busy": any(r["status"] == "busy" for r in rows),
            "limit_mb": request.app.state.settings.max_upload_mb,
        },
    )


@router.get("/documents/rows", response_class=HTMLResponse)
def document_rows(request: Request, session: DB):
    rows = _rows(session)
    return templates.TemplateResponse(
        request, "_doc_rows.html", {"rows": rows, "busy": any(r["status"] == "busy" for r in rows)}
    )


@router.post("/upload", dependencies=[Depends(csrf_protect)])
async def upload(request: Request, files: Annotated[list[UploadFile], File()], session: DB):
    settings = request.app.state.settings
    allowed = set(supported_suffixes())
    queued, refused = [], []
    for upload_file in files:
        original = Path(upload_file.filename or "").name[:300] or "未命名"
        suffix = Path(original).suffix.lower()
        if suffix not in allowed:
            refused.append(f"{original}：不支持的文件类型（支持 {'、'.join(sorted(allowed))}）")
            continue
        data = await upload_file.read()
        if not data:
            refused.append(f"{original}：文件是空的")
            continue
        stored = f"{uuid.uuid4().hex}{suffix}"  # never a path from the client
        (settings.files / stored).write_bytes(data)
        document = Document(
            filename=original,
            stored_name=stored,
            size=len(data),
            uploaded_by=clerk_name(request),
            state="queued",
            progress=0,
            stage="排队中",
        )
        session.add(document)
        session.commit()
        queued.append(document.id)
    for document_id in queued:
        request.app.state.extractor.submit(document_id)
    if request.headers.get("hx-request"):
        rows = _rows(session)
        return templates.TemplateResponse(request, "_doc_rows.html", {"rows": rows, "busy": True, "refused": refused})
    if refused:
        raise HTTPException(400, "；".join(refused))
    return RedirectResponse("/", status_code=303)


@router.post("/me", dependencies=[Depends(csrf_protect)])
def set_name(request: Request, clerk: str = Form("")):
    response = RedirectResponse(request.headers.get("referer") or "/", status_code=303)
    response.set_cookie("clerk", quote_name(clerk), samesite="strict", max_age=3600 * 24 * 365)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request):
    return templates.TemplateResponse(request, "login.html", {})


@router.post("/login", dependencies=[Depends(csrf_protect)])
def login(request: Request, token: str = Form("")):
    expected = request.app.state.settings.token
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        return templates.TemplateResponse(request, "login.html", {"error": "口令不正确"}, status_code=403)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie("auth", auth_cookie(request.app.state.secret, expected), httponly=True, samesite="strict")
    return response


# ---- the review page ---------------------------------------------------------------------------


def _document(session: Session, doc_id: int) -> Document:
    document = session.get(Document, doc_id)
    if document is None:
        raise HTTPException(404, f"没有编号为 {doc_id} 的文件")
    return document


def card_context(record: ProjectRecord, conflict: dict | None = None, error: dict | None = None) -> dict[str, Any]:
    project = Project.model_validate(record.data)
    confirmed = set(record.confirmed)
    findings = project_findings(project, confirmed)
    by_path: dict[str, list] = {}
    by_indicator: dict[int, list] = {}  # shown in a full-width row under the indicator, not in its narrow cells
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
        parts = finding.path.split(".")
        if parts[0] == "indicators" and len(parts) > 1 and parts[1].isdigit():
            by_indicator.setdefault(int(parts[1]), []).append(finding)
    unit = ""
    return {
        "r": record,
        "p": project,
        "findings": by_path,
        "all_findings": findings,
        "by_indicator": by_indicator,
        "check": fields_to_check(project, confirmed),
        "conflict": conflict,
        "error": error,
        "unit": unit,
        "project_level": [f for f in findings if not f.path.startswith("indicators.")],
    }


def _marks(records: list[ProjectRecord]) -> tuple[list[tuple[int, int, str, str]], list[dict[str, Any]]]:
    """The text spans and the page boxes of every field, with the field's state as a css class."""
    marks, boxes = [], []
    for record in records:
        context = card_context(record)
        for path, span in spans_of(context["p"]).items():
            css = "chk" if path in context["check"] else ("bad" if context["findings"].get(path) else "")
            marks.append((span.start, span.end, ref(record.id, path), css))
            if span.page is not None and span.box is not None:
                boxes.append({"page": span.page, "box": span.box, "ref": ref(record.id, path), "css": css})
    return marks, boxes


_SEVERITY_CSS = {"": 0, "bad": 1, "chk": 2}


def _page_view(page: dict[str, Any], boxes: list[dict[str, Any]]) -> dict[str, Any]:
    """A page image with one overlay per distinct box (a cell holds several fields: they share
    its box), in percent of the image so it scales with it."""
    scale, width, height = page["scale"], page["width"], page["height"]
    merged: dict[tuple, dict[str, Any]] = {}
    for b in boxes:
        if b["page"] != page["page"]:
            continue
        key = tuple(round(v, 1) for v in b["box"])
        entry = merged.setdefault(
            key,
            {
                "refs": [],
                "css": "",
                "left": b["box"][0] * scale / width * 100,
                "top": b["box"][1] * scale / height * 100,
                "width": (b["box"][2] - b["box"][0]) * scale / width * 100,
                "height": (b["box"][3] - b["box"][1]) * scale / height * 100,
            },
        )
        entry["refs"].append(b["ref"])
        if _SEVERITY_CSS[b["css"]] > _SEVERITY_CSS[entry["css"]]:
            entry["css"] = b["css"]
    return {**page, "boxes": list(merged.values())}


@router.get("/d/{doc_id}", response_class=HTMLResponse)
def review(request: Request, doc_id: int, session: DB):
    document = _document(session, doc_id)
    if document.state != "done":
        return templates.TemplateResponse(
            request, "waiting.html", {"doc": document, "status": STATUS[document_status(session, document)]}
        )
    records = list(document.projects)
    marks, boxes = _marks(records)
    pages = [_page_view(page, boxes) for page in (document.header or {}).get("pages") or []]
    header = document.header or {}
    units = [u["name"] for u in header.get("units", [])]
    return templates.TemplateResponse(
        request,
        "review.html",
        {
            "doc": document,
            "cards": [card_context(r) for r in records],
            "units": units,
            "source": source_html(document.source_text or "", marks),
            "pages": pages,
            "failures": header.get("failures") or [],
            "table_findings": table_findings(load_table(document, records)),
            "status": STATUS[document_status(session, document)],
            "counts": _counts(document),
            "meta": header.get("meta") or {},
        },
    )


@router.get("/d/{doc_id}/page/{number}.png")
def page_image(request: Request, doc_id: int, number: int, session: DB):
    document = _document(session, doc_id)
    for page in (document.header or {}).get("pages") or []:
        if page["page"] == number:
            return FileResponse(request.app.state.settings.files / page["file"], media_type="image/png")
    raise HTTPException(404, f"第 {number} 页没有图像")


@router.get("/d/{doc_id}/history", response_class=HTMLResponse)
def history(request: Request, doc_id: int, session: DB):
    document = _document(session, doc_id)
    edits = session.scalars(select(Edit).where(Edit.document_id == doc_id).order_by(Edit.id.desc())).all()
    names = {p.id: p.data.get("name") for p in document.projects}
    return templates.TemplateResponse(request, "history.html", {"doc": document, "edits": edits, "names": names})


def _card(request: Request, record: ProjectRecord, status: int = 200, **extra) -> HTMLResponse:
    return templates.TemplateResponse(request, "_project.html", card_context(record, **extra), status_code=status)


def _change(
    request: Request,
    session: Session,
    doc_id: int,
    pid: int,
    version: int,
    change: Callable[[ProjectRecord], list[tuple[str, str | None, str | None, str | None]]],
    attempted: dict[str, str] | None = None,
) -> HTMLResponse:
    """Apply ``change`` to a project if ``version`` is current; record what it returns as
    (action, field, old, new) edits; answer with the card drawn again."""
    record = session.get(ProjectRecord, pid)
    if record is None or record.document_id != doc_id:
        raise HTTPException(404, "该项目不存在（可能已被删除），请刷新页面")
    if record.version != version:
        return _conflict(request, session, record, attempted)
    try:
        edits = change(record)
    except EditError as exc:
        session.rollback()
        return _card(request, record, status=422, error={"message": str(exc), **(attempted or {})})
    user = clerk_name(request)
    if any(action not in ("accept", "confirm") for action, *_ in edits):
        record.document.accepted_at = record.document.accepted_by = None  # changed: the document needs review again
    for action, field, old, new in edits:
        session.add(Edit(document_id=doc_id, project_id=pid, user=user, action=action, field=field, old=old, new=new))
    try:
        session.commit()
    except StaleDataError:  # another clerk saved in between our read and our write
        session.rollback()
        return _conflict(request, session, session.get(ProjectRecord, pid), attempted)
    return _card(request, record)


def _conflict(request: Request, session: Session, record: ProjectRecord, attempted: dict[str, str] | None):
    session.refresh(record)
    last = session.scalars(select(Edit).where(Edit.project_id == record.id).order_by(Edit.id.desc())).first()
    conflict = {"user": last.user if last else "另一位同事", "at": _when(last.at) if last else "", **(attempted or {})}
    return _card(request, record, status=409, conflict=conflict)


def _set(record: ProjectRecord, path: str, value: str) -> list:
    data, old, new = apply_edit(record.data, path, value)
    if old == new:
        return []
    record.data = data
    record.confirmed = sorted(set(record.confirmed) | {path})  # a value a person typed is a checked value
    record.accepted_at, record.accepted_by = None, None  # changed after acceptance: review it again
    return [("edit", path, old, new)]


@router.post("/d/{doc_id}/p/{pid}/edit", dependencies=[Depends(csrf_protect)])
def edit(
    request: Request,
    doc_id: int,
    pid: int,
    session: DB,
    field: str = Form(...),
    value: str = Form(""),
    version: int = Form(...),
):
    return _change(
        request, session, doc_id, pid, version, lambda r: _set(r, field, value), {"field": field, "value": value}
    )


@router.post("/d/{doc_id}/p/{pid}/confirm", dependencies=[Depends(csrf_protect)])
def confirm(request: Request, doc_id: int, pid: int, session: DB, field: str = Form(...), version: int = Form(...)):
    def change(record: ProjectRecord):
        if field in record.confirmed:
            return []
        record.confirmed = sorted(set(record.confirmed) | {field})
        return [("confirm", field, None, "已核对")]

    return _change(request, session, doc_id, pid, version, change)


@router.post("/d/{doc_id}/p/{pid}/indicators/add", dependencies=[Depends(csrf_protect)])
def add_indicator(request: Request, doc_id: int, pid: int, session: DB, version: int = Form(...)):
    def change(record: ProjectRecord):
        data = dict(record.data)
        data["indicators"] = [*data["indicators"], new_indicator(data)]
        record.data, record.accepted_at = data, None
        return [("add", f"indicators.{len(data['indicators']) - 1}", None, f"新指标 #{data['indicators'][-1]['seq']}")]

    return _change(request, session, doc_id, pid, version, change)


def _shift_confirmed(confirmed: list[str], remap: Callable[[int], int | None]) -> list[str]:
    """Keep confirmations on the indicators they were made on after a delete or a move."""
    out = []
    for path in confirmed:
        parts = path.split(".")
        if parts[0] == "indicators" and len(parts) > 1 and parts[1].isdigit():
            new = remap(int(parts[1]))
            if new is None:
                continue
            parts[1] = str(new)
        out.append(".".join(parts))
    return out


@router.post("/d/{doc_id}/p/{pid}/indicators/{index}/delete", dependencies=[Depends(csrf_protect)])
def delete_indicator(request: Request, doc_id: int, pid: int, index: int, session: DB, version: int = Form(...)):
    def change(record: ProjectRecord):
        items = list(record.data["indicators"])
        if not 0 <= index < len(items):
            raise EditError("该指标已不存在，请刷新页面")
        removed = items.pop(index)
        record.data = {**record.data, "indicators": items}
        record.confirmed = _shift_confirmed(record.confirmed, lambda i: None if i == index else i - (i > index))
        record.accepted_at = None
        return [("delete", f"indicators.{index}", f"#{removed.get('seq')} {removed.get('name') or ''}", None)]

    return _change(request, session, doc_id, pid, version, change)


@router.post("/d/{doc_id}/p/{pid}/indicators/{index}/move", dependencies=[Depends(csrf_protect)])
def move_indicator(
    request: Request,
    doc_id: int,
    pid: int,
    index: int,
    session: DB,
    direction: str = Form(...),
    version: int = Form(...),
):
    def change(record: ProjectRecord):
        items = list(record.data["indicators"])
        other = index - 1 if direction == "up" else index + 1
        if not (0 <= index < len(items) and 0 <= other < len(items)):
            return []
        items[index], items[other] = items[other], items[index]
        record.data = {**record.data, "indicators": items}
        record.confirmed = _shift_confirmed(
            record.confirmed, lambda i: other if i == index else index if i == other else i
        )
        record.accepted_at = None
        return [("move", f"indicators.{index}", str(index + 1), str(other + 1))]

    return _change(request, session, doc_id, pid, version, change)


@router.post("/d/{doc_id}/p/{pid}/renumber", dependencies=[Depends(csrf_protect)])
def renumber(request: Request, doc_id: int, pid: int, session: DB, version: int = Form(...)):
    def change(record: ProjectRecord):
        items = [dict(item) for item in record.data["indicators"]]
        old = ",".join(str(i.get("seq")) for i in items)
        for number, item in enumerate(items, 1):
            item["seq"] = number
        new = ",".join(str(i["seq"]) for i in items)
        if old == new:
            return []
        record.data = {**record.data, "indicators": items}
        record.accepted_at = None
        return [("edit", "indicators.*.seq", old, new)]

    return _change(request, session, doc_id, pid, version, change)


def _accept(record: ProjectRecord, user: str) -> list:
    check = fields_to_check(Project.model_validate(record.data), set(record.confirmed))
    if check:
        raise EditError(f"还有 {len(check)} 个待核对的值（黄色标记），请逐一核对并点“确认”后再接受")
    if record.accepted_at is not None:
        return []
    record.accepted_at, record.accepted_by = utcnow(), user
    return [("accept", None, None, "已接受")]


@router.post("/d/{doc_id}/p/{pid}/accept", dependencies=[Depends(csrf_protect)])
def accept_project(request: Request, doc_id: int, pid: int, session: DB, version: int = Form(...)):
    return _change(request, session, doc_id, pid, version, lambda r: _accept(r, clerk_name(request)))


@router.post("/d/{doc_id}/accept", dependencies=[Depends(csrf_protect)])
def accept_document(request: Request, doc_id: int, session: DB):
    document = _document(session, doc_id)
    user = clerk_name(request)
    blocked = []
    for record in document.projects:
        try:
            for action, field, old, new in _accept(record, user):
                session.add(
                    Edit(
                        document_id=doc_id,
                        project_id=record.id,
                        user=user,
                        action=action,
                        field=field,
                        old=old,
                        new=new,
                    )
                )
        except EditError:
            blocked.append(record.data.get("name"))
    if blocked:
        session.rollback()
        raise HTTPException(409, f"以下项目还有待核对的值，请先核对确认：{'、'.join(blocked)}")
    document.accepted_at, document.accepted_by = utcnow(), user
    session.add(
        Edit(
            document_id=doc_id, project_id=None, user=user, action="accept", field=None, old=None, new="整份文件已接受"
        )
    )
    session.commit()
    return RedirectResponse(f"/d/{doc_id}", status_code=303)


@router.post("/d/{doc_id}/delete", dependencies=[Depends(csrf_protect)])
def delete_document(request: Request, doc_id: int, session: DB):
    """Remove a file uploaded by mistake: its records, its history and the stored files."""
    document = _document(session, doc_id)
    if document.state not in ("done", "failed"):
        raise HTTPException(409, "该文件还在识别中，请等识别完成后再删除")
    files = request.app.state.settings.files
    names = [document.stored_name] + [p["file"] for p in (document.header or {}).get("pages") or []]
    session.query(Edit).filter(Edit.document_id == doc_id).delete()
    session.delete(document)
    session.commit()
    for name in names:
        (files / name).unlink(missing_ok=True)
    return RedirectResponse("/", status_code=303)
