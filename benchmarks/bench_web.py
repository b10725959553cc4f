"""Workbench timings: upload -> extraction done, and the review page's load, for the seed
table (text) and for a scanned page (a 200-dpi PNG drawn from the gold, read by OCR).

    python benchmarks/bench_web.py [--shots DIR]

Runs the real app on a temporary SQLite store through uvicorn on a loopback port. The
extraction time is the background job's own (stored on the document); the page load is
measured twice: the server's answer (HTTP GET) and, when Chromium is installed, the
browser's load of the whole page (navigation start to load event), with a screenshot.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from scan_render import find_cjk_font, render_gold_page
from web_support import CHROMIUM, chromium, live_server

from assistant.gold import load_gold
from assistant.web.app import Settings
from assistant.web.models import Document

SEED = ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"


def _scan() -> bytes | None:
    if find_cjk_font() is None:
        return None
    table = next(r.table for r in load_gold() if r.stem == "000_e2922c57f8184701")
    page, _ = render_gold_page(table, [0, 1, 2, 3], dpi=200)
    buffer = io.BytesIO()
    page.image.save(buffer, format="PNG")
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, default=None, help="save review-page screenshots here")
    args = parser.parse_args()
    files = [("seed 000_e2922c57f8184701.txt", "seed.txt", SEED.read_bytes())]
    scan = _scan()
    if scan is None:
        print("no CJK font to draw a scanned page with: scanned-page figures skipped")
    else:
        files.append(("scanned page (200 dpi PNG, 4 projects)", "scan.png", scan))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        settings = Settings(db_url=f"sqlite:///{tmp / 'wb.sqlite'}", files=tmp / "uploads")
        with live_server(settings) as base:
            client = httpx.Client(base_url=base, timeout=300)
            client.get("/health")
            token = client.cookies.get("csrf")
            for doc_id, (label, name, data) in enumerate(files, 1):
                started = time.perf_counter()
                client.post("/upload", files={"files": (name, data)}, data={"csrf_token": token})
                stages: list[str] = []  # what the upload list showed while the file was read
                while True:
                    rows = client.get("/documents/rows").text
                    for stage in re.findall(r"</progress> ([^<]+?)\s*</td>", rows):
                        if stage not in stages:
                            stages.append(stage)
                    if "读取失败" in rows or 'hx-get="/documents/rows"' not in rows:
                        break
                    time.sleep(0.1)
                waited = time.perf_counter() - started
                from sqlalchemy import create_engine, select
                from sqlalchemy.orm import Session

                with Session(create_engine(settings.db_url)) as session:
                    document = session.scalars(select(Document).where(Document.id == doc_id)).one()
                    job, state = document.seconds, document.state
                loads = []
                for _ in range(3):
                    t = time.perf_counter()
                    page = client.get(f"/d/{doc_id}")
                    loads.append(time.perf_counter() - t)
                print(
                    f"{label}: {state}; extraction {job:.2f} s (upload to listed as done {waited:.2f} s); "
                    f"review page {min(loads) * 1000:.0f} ms server time, {len(page.content) / 1024:.0f} KiB"
                )
                print(f"  the upload list showed: {' → '.join(stages) or '(done before the first poll)'}")
                if Path(CHROMIUM).exists():
                    with tempfile.TemporaryDirectory() as downloads, chromium(Path(downloads)) as driver:
                        driver.get(f"{base}/d/{doc_id}")
                        timing = driver.execute_script(
                            "const n = performance.getEntriesByType('navigation')[0];"
                            "return [n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd];"
                        )
                        print(
                            f"  in Chromium: response {timing[0]:.0f} ms, DOM ready {timing[1]:.0f} ms, "
                            f"loaded {timing[2]:.0f} ms"
                        )
                        if args.shots:
                            args.shots.mkdir(parents=True, exist_ok=True)
                            driver.save_screenshot(str(args.shots / f"review-{name.split('.')[0]}.png"))


if __name__ == "__main__":
    main()
