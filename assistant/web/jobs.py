"""Background extraction: each uploaded file is read and extracted in a worker thread.

The readers and backends are the CLI's (``assistant.ingest.read_bytes`` with its limits,
``assistant.pipeline.extract_document``); progress and the stage are written to the
document row so the upload page can show them per file. A file that fails keeps its
error message (naming the file, row and field, as the CLI does); nothing else is lost.
For PDFs and scans the pages holding values are rendered to PNG so the review page can
draw the OCR boxes on them.
"""

from __future__ import annotations

import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ..errors import AssistantError, error_text
from ..messages import ocr_page_label
from .models import Document
from .store import save_table

__all__ = ["Extractor", "render_pages"]

log = logging.getLogger(__name__)


class Extractor:
    """A small pool of worker threads extracting uploaded documents one by one."""

    def __init__(self, sessions: sessionmaker[Session], files: Path, backend: str | None = None, workers: int = 1):
        self.sessions, self.files, self.backend = sessions, files, backend
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="extract")

    def submit(self, document_id: int):
        return self.pool.submit(self.run, document_id)

    def resume(self) -> None:
        """Queue again the documents a stopped server left half done."""
        with self.sessions() as session:
            ids = [
                d.id for d in session.query(Document).filter(Document.state.in_(("queued", "reading", "extracting")))
            ]
        for document_id in ids:
            self.submit(document_id)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    def _stage(self, document_id: int, state: str, progress: int, stage: str, **fields) -> None:
        with self.sessions.begin() as session:
            document = session.get(Document, document_id)
            document.state, document.progress, document.stage = state, progress, stage
            for key, value in fields.items():
                setattr(document, key, value)

    def _page_progress(self, document_id: int):
        """The OCR reader's ``on_page(done, total)`` as the upload list's bar and "第 k/n 页" (10 % → 60 %)."""

        def on_page(done: int, total: int | None) -> None:
            label = ocr_page_label(done, total, "zh")
            if total and done >= total:
                self._stage(document_id, "reading", 60, label)
            else:
                progress = 10 + 50 * done // total if total else 10
                self._stage(document_id, "reading", progress, label + "（每页约 5–10 秒）")

        return on_page

    def run(self, document_id: int) -> None:
        started = time.perf_counter()
        with self.sessions() as session:
            document = session.get(Document, document_id)
            filename, stored = document.filename, document.stored_name
        suffix = Path(stored).suffix
        slow = suffix in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
        try:
            from ..extract import default_backend
            from ..extract import extract as extract_document
            from ..ingest import read_bytes

            self._stage(
                document_id, "reading", 10, "读取文件" + ("（扫描页需 OCR 识别，每页约 5–10 秒）" if slow else "")
            )
            data = (self.files / stored).read_bytes()
            doc = read_bytes(data, filename, suffix=suffix, on_page=self._page_progress(document_id))
            self._stage(document_id, "extracting", 60, "提取项目与指标")
            backend = self.backend or default_backend()
            table = extract_document(doc, backend)
            pages = []
            if slow:
                self._stage(document_id, "extracting", 85, "生成页面图像")
                try:
                    pages = render_pages(data, suffix, table, self.files)
                except Exception:  # the table is what matters; the page view falls back to the text
                    log.exception("page images of document %s", document_id)
            with self.sessions.begin() as session:
                document = session.get(Document, document_id)
                save_table(session, document, table)
                document.header = {**document.header, "pages": pages}
                document.source_text = doc.text
                document.layout = doc.layout
                document.state, document.progress, document.stage = "done", 100, "完成"
                document.seconds = round(time.perf_counter() - started, 2)
        except AssistantError as exc:
            self._stage(
                document_id,
                "failed",
                100,
                "读取失败",
                error=error_text(exc, "zh"),
                seconds=round(time.perf_counter() - started, 2),
            )
        except Exception as exc:  # a bug must not kill the worker; the clerk sees it on the document
            log.exception("extraction of document %s failed", document_id)
            self._stage(
                document_id,
                "failed",
                100,
                "读取失败",
                error=f"{filename}: 内部错误 {type(exc).__name__}: {exc}",
                seconds=round(time.perf_counter() - started, 2),
            )


def _spans(table) -> list:
    out = list(table.spans.values())
    for unit in table.units:
        out += unit.spans.values()
        for project in unit.projects:
            out += project.spans.values()
            for ind in project.indicators:
                out += ind.spans.values()
    return out


def render_pages(data: bytes, suffix: str, table, folder: Path, dpi: int = 200) -> list[dict]:
    """PNG images of the pages values were read from, as the boxes' coordinates see them.

    OCR boxes are in pixels of the deskewed page (at ``dpi`` for PDFs); text-PDF boxes are
    in PDF points, so ``scale`` turns a box into image pixels.
    """
    import numpy as np
    from PIL import Image

    from ..ingest.ocr.grid import deskew

    spans = [s for s in _spans(table) if s.page is not None and s.box is not None]
    ocr_pages = {s.page for s in spans if s.confidence is not None}
    pages_used = sorted({s.page for s in spans})
    if not pages_used:
        return []
    if suffix == ".pdf":
        from ..ingest.ocr.pdf import render_pdf_pages

        images = {i + 1: img for i, img in render_pdf_pages(data, "page", [p - 1 for p in pages_used], dpi)}
    else:
        from ..ingest.ocr.image import image_pages

        images = {i + 1: img for i, img in enumerate(image_pages(data, "page")) if i + 1 in pages_used}
    out = []
    for number, image in sorted(images.items()):
        image = np.asarray(image)
        ocr = number in ocr_pages
        if ocr:
            image, _ = deskew(image if image.ndim == 2 else image.mean(axis=2).astype(np.uint8))
        name = f"page-{uuid.uuid4().hex}.png"
        Image.fromarray(image).save(folder / name, optimize=False)
        out.append(
            {
                "page": number,
                "file": name,
                "width": int(image.shape[1]),
                "height": int(image.shape[0]),
                "scale": 1.0 if ocr or suffix != ".pdf" else dpi / 72,
            }
        )
    return out
