"""What leaves the review page: exports, "save as gold" and "add to library".

Exports use the CLI's writers (:func:`assistant.export.export_bytes`) on the table as the
clerks corrected it. "Save as gold" writes ``<gold>/<stem>.json`` and the uploaded file as
``<gold>/source/<stem><suffix>``, the layout ``python cli.py eval extract --gold <gold>``
reads. "Add to library" stores the table where ``library add`` does, so drafting learns from it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from .. import settings
from ..draft.library import store_table
from ..export import dumps_json, export_bytes, write_atomic
from .app import templates
from .models import Edit
from .pages import DB, _document, clerk_name
from .security import csrf_protect
from .store import load_table

router = APIRouter()

MEDIA = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json; charset=utf-8", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "source": ("text/plain; charset=utf-8", "txt"),
}


def gold_dir(request: Request) -> Path:
    """``--gold-dir``, else ``$ASSISTANT_GOLD_DIR``, else ``$ASSISTANT_HOME/gold`` (never the checkout's gold/)."""
    configured = request.app.state.settings.gold_dir or settings.env("ASSISTANT_GOLD_DIR")
    return Path(configured) if configured else settings.home_dir() / "gold"


def _stem(filename: str) -> str:
    return re.sub(r"[^\w\u4e00-\u9fff-]+", "_", Path(filename).stem).strip("_")[:60] or "table"


@router.get("/d/{doc_id}/export.{fmt}")
def export(doc_id: int, fmt: str, session: DB):
    if fmt not in MEDIA:
        raise HTTPException(404, f"不支持的导出格式 {fmt}")
    document = _document(session, doc_id)
    media, ext = MEDIA[fmt]
    data = export_bytes(load_table(document), fmt)
    name = f"{_stem(document.filename)}-已审核.{ext}"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f"attachment; filename=\"export.{ext}\"; filename*=UTF-8''{quote(name)}"},
    )


def _notice(request: Request, doc_id: int, message: str, path: Path | None = None):
    return templates.TemplateResponse(request, "notice.html", {"message": message, "path": path, "doc_id": doc_id})


@router.post("/d/{doc_id}/gold", dependencies=[Depends(csrf_protect)])
def save_gold(request: Request, doc_id: int, session: DB):
    document = _document(session, doc_id)
    table = load_table(document)
    folder = gold_dir(request)
    (folder / "source").mkdir(parents=True, exist_ok=True)
    stem = f"{_stem(document.filename)}-{doc_id}"
    suffix = Path(document.stored_name).suffix
    table.meta, table.failures = None, []  # a gold record is the interchange fields only
    write_atomic(folder / f"{stem}.json", dumps_json(table).encode("utf-8"))
    shutil.copyfile(request.app.state.settings.files / document.stored_name, folder / "source" / f"{stem}{suffix}")
    session.add(
        Edit(
            document_id=doc_id,
            user=clerk_name(request),
            action="gold",
            field=None,
            old=None,
            new=str(folder / f"{stem}.json"),
        )
    )
    session.commit()
    return _notice(
        request,
        doc_id,
        f"已存为标准答案（gold）：{folder / (stem + '.json')}。评测时运行：python cli.py eval extract --gold {folder}",
        folder,
    )


@router.post("/d/{doc_id}/library", dependencies=[Depends(csrf_protect)])
def add_library(request: Request, doc_id: int, session: DB):
    document = _document(session, doc_id)
    table = load_table(document)
    projects = [p for p in table.projects() if not p.classified and p.indicators]
    if not projects:
        raise HTTPException(400, "该表没有带绩效指标的项目，无需加入指标库")
    target = store_table(table, _stem(document.filename), source=document.filename)
    session.add(
        Edit(document_id=doc_id, user=clerk_name(request), action="library", field=None, old=None, new=str(target))
    )
    session.commit()
    indicators = sum(len(p.indicators) for p in projects)
    return _notice(
        request, doc_id, f"已加入指标库：{len(projects)} 个项目、{indicators} 条指标，起草新项目时会参考。", target
    )
