"""OCR speed and accuracy on table pages rendered from the gold records.

Three reports:

* ``--stages`` (default): where a page's time goes — rasterising (a scanned PDF page at the
  page's dpi), deskew, grid finding, text detection, the orientation probe, recognition
  and assembly — for clean 200-dpi pages, best and median of ``--repeat`` runs, wall-clock
  and CPU seconds (all threads; steadier than wall-clock on a busy machine), with
  onnxruntime's thread settings and the load average printed (the machine is shared:
  read the figures beside the load).
* ``--accuracy``: for each resolution and condition (clean; degraded: 1.5° rotation, blur,
  noise, paper tone, JPEG q60), seconds per page, character error rate per cell and the
  strict indicator F1 of the extracted records.
* ``--faces all`` (or a comma list of ``scan_render.FACES``): the face matrix of issue 9 —
  every face at 150/200/300 dpi, clean and degraded, and turned 90/180/270° — with
  ``--confusions`` printing what the engine read in place of what was printed.

* ``--real``: the same faces on REAL dev tables (``tests/scan_sheets.py``: a dev source's own
  cells printed as ruled A4 pages), clean at 200 dpi and degraded at 150 dpi, read through the
  image reader and the rules, and scored against the unchanged gold as the eval does: strict /
  lenient F1, name, amounts, goal, refused, silent, CER; beside it the ceiling, the same cells
  read as text (tab between cells). ``--docs N`` documents (default 5), ``--faces`` as above.

    python benchmarks/bench_ocr.py [--stages] [--before-after] [--accuracy] [--faces all [--confusions]]
        [--pages 2] [--dpi 150,200] [--repeat 3] [--threads N]
    ASSISTANT_OCR_THREADS=1 nice python benchmarks/bench_ocr.py --real [--docs 5] [--faces all] [--confusions]

Targets: a clean 200-dpi page <= 2.0 s on 2 cores; CER <= 2% clean at 200 dpi, <= 5%
degraded at 150 dpi; strict indicator F1 >= 0.95 clean and >= 0.85 degraded in every face.
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from scan_render import FACES, degrade, face_font, find_cjk_font, page_errors, render_gold_page, rotate  # noqa: E402

from assistant.evaluate.metrics import score_table, summarize  # noqa: E402
from assistant.export import to_interchange  # noqa: E402
from assistant.extract.parsers.table import extract_table  # noqa: E402
from assistant.gold import load_gold  # noqa: E402
from assistant.ingest.ocr.assemble import build_document, read_page_image  # noqa: E402
from assistant.ingest.ocr.engine import RapidOCREngine  # noqa: E402
from assistant.ingest.ocr.pdf import render_pdf_pages  # noqa: E402

#: projects per page (indexes into the seed table); each group fits about one A4 page
PAGE_GROUPS = [[0, 1, 2, 3], [15, 16, 23, 2], [4, 5], [10, 11]]
STAGES = ("rasterise", "deskew", "grid", "cell lines", "detection", "orientation", "recognition", "assembly")


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def as_pdf(image, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, "PDF", resolution=dpi)
    return buffer.getvalue()


def score(page, part, doc) -> tuple[int, int, float, int]:
    table = extract_table(doc)
    samples = score_table(to_interchange(part, with_meta=False), to_interchange(table, with_meta=False), record="bench")
    metrics = summarize(samples)["metrics"]
    errors, total = page_errors(page, doc)
    return errors, total, metrics["indicator_f1"] or 0.0, len(table.failures)


def read_pdf_page(pdf: bytes, dpi: int, engine):
    """(document, stage wall seconds, stage CPU seconds, wall, cpu) of one scanned PDF page read end to end."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    ((_, gray),) = render_pdf_pages(pdf, "bench.pdf", [0], dpi)
    raster, raster_cpu = time.perf_counter() - t0, cpu_seconds() - c0
    result = read_page_image(gray, engine)
    doc = build_document([result], "bench.pdf")
    stages = {"rasterise": raster, **result.stages}
    stages_cpu = {"rasterise": raster_cpu, **result.stages_cpu}
    return doc, stages, stages_cpu, time.perf_counter() - t0, cpu_seconds() - c0


def report_stages(engine, gold, font, args) -> None:
    opts = engine.thread_settings()
    print(
        f"onnxruntime {opts['version']}: intra_op_num_threads={opts['intra']} (0 = one per core), "
        f"inter_op_num_threads={opts['inter']}, execution_mode={opts['mode']}; os.cpu_count()={os.cpu_count()}; "
        f"detection at {engine.det_char_px or 'full resolution,'} px a character, recognition batches of "
        f"{engine.rec_batch} on {engine.rec_workers} single-threaded session run(s) in parallel, short crops "
        f"padded to {engine.rec_min_width} px; ruled cells read from their ink (detector outside the grid only)"
    )
    print(
        f"clean 200-dpi scanned PDF pages (face {font.name}), {args.repeat} runs of each page; "
        "seconds per page, best / median"
    )
    rows = []
    for group in PAGE_GROUPS[: args.pages]:
        page, part = render_gold_page(gold, group, dpi=200, font_path=font)
        pdf = as_pdf(page.image, 200)
        read_pdf_page(pdf, 200, engine)  # onnxruntime's first run at a page size costs extra
        runs = []
        for _ in range(args.repeat):
            load_before = os.getloadavg()[0]
            doc, stages, stages_cpu, wall, cpu = read_pdf_page(pdf, 200, engine)
            runs.append((wall, cpu, stages, load_before, stages_cpu))
        errors, total, f1, failures = score(page, part, doc)
        rows.append((group, runs, errors / total, f1))
    print(f"{'page':18} {'stage':12} {'best s':>7} {'median s':>8} {'best cpu':>8} {'median cpu':>10}")
    for group, runs, cer, f1 in rows:
        for stage in STAGES:
            values = [r[2].get(stage, 0.0) for r in runs]
            cpus = [r[4].get(stage, 0.0) for r in runs]
            print(
                f"{str(group):18} {stage:12} {min(values):>7.2f} {statistics.median(values):>8.2f} "
                f"{min(cpus):>8.2f} {statistics.median(cpus):>10.2f}"
            )
        walls = [r[0] for r in runs]
        cpus = [r[1] for r in runs]
        print(
            f"{str(group):18} {'whole page':12} {min(walls):>7.2f} {statistics.median(walls):>8.2f}   "
            f"cpu {min(cpus):.2f} / {statistics.median(cpus):.2f}   CER {cer:.2%}   indicator F1 {f1:.3f}   "
            f"load average at the runs {', '.join(f'{r[3]:.1f}' for r in runs)}",
            flush=True,
        )


def report_before_after(engine, gold, font, args) -> None:
    """The stages of the same pages read the previous release's way (whole-page detection,
    batches of 6 padded to 320 px) and this release's, run by run in turn, so both see the same load."""
    import onnxruntime

    before = RapidOCREngine(threads=args.threads)
    before.read_cells = False  # the detector reads the whole page
    before.rec_workers = 1  # one recognition call at a time, on onnxruntime's own threads
    before.set_rec_batch(6)
    before.set_rec_min_width(320)
    options = onnxruntime.SessionOptions()  # the library's session options
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    if args.threads:
        options.intra_op_num_threads = args.threads
    rec = before._ocr.text_rec.session
    rec.session = onnxruntime.InferenceSession(rec.session._model_path, options, providers=["CPUExecutionProvider"])
    print(
        "before (the previous release: whole-page detection, batches of 6 padded to 320 px on onnxruntime's "
        f"threads) and after (cells read from their ink, one line a call on {engine.rec_workers} thread(s)), "
        f"alternating, {args.repeat} runs each; median CPU seconds (all threads) and median wall seconds"
    )
    print(f"{'page':18} {'stage':12} {'before cpu':>10} {'after cpu':>9} {'before s':>8} {'after s':>7}")
    for group in PAGE_GROUPS[: args.pages]:
        page, part = render_gold_page(gold, group, dpi=200, font_path=font)
        pdf = as_pdf(page.image, 200)
        runs: dict[str, list] = {"before": [], "after": []}
        for eng in (before, engine):
            read_pdf_page(pdf, 200, eng)  # first run at a page size costs extra
        for _ in range(args.repeat):
            for name, eng in (("before", before), ("after", engine)):
                runs[name].append(read_pdf_page(pdf, 200, eng))

        def med(stage: str, name: str, cpu: bool, runs: dict[str, list] = runs) -> float:
            if stage == "whole page":
                return statistics.median(r[4 if cpu else 3] for r in runs[name])
            return statistics.median(r[2 if cpu else 1].get(stage, 0.0) for r in runs[name])

        for stage in (*STAGES, "whole page"):
            print(
                f"{str(group):18} {stage:12} {med(stage, 'before', True):>10.2f} {med(stage, 'after', True):>9.2f} "
                f"{med(stage, 'before', False):>8.2f} {med(stage, 'after', False):>7.2f}"
            )
        for name in ("before", "after"):
            errors, total, f1, _ = score(page, part, runs[name][-1][0])
            print(f"{str(group):18} {name}: CER {errors / total:.2%}, indicator F1 {f1:.3f}")
        print(f"load average {load_average()}", flush=True)


def report_accuracy(engine, gold, font, args) -> None:
    print(
        f"{'dpi':>4} {'condition':9} {'pages':>5} {'s/page':>7} {'cpu s':>6} {'CER':>7} {'ind. F1':>7}   "
        f"load {load_average()}"
    )
    for dpi in (int(d) for d in args.dpi.split(",")):
        for condition in ("clean", "degraded"):
            out = []
            for group in PAGE_GROUPS[: args.pages]:
                page, part = render_gold_page(gold, group, dpi=dpi, font_path=font)
                image = page.image if condition == "clean" else degrade(page.image, angle=1.5)
                t0, c0 = time.perf_counter(), cpu_seconds()
                doc = build_document([read_page_image(np.asarray(image.convert("L")), engine)], "bench.png")
                out.append((time.perf_counter() - t0, cpu_seconds() - c0, *score(page, part, doc)))
            n = len(out)
            wall, cpu = sum(o[0] for o in out) / n, sum(o[1] for o in out) / n
            cer, f1 = sum(o[2] for o in out) / sum(o[3] for o in out), sum(o[4] for o in out) / n
            print(f"{dpi:>4} {condition:9} {n:>5} {wall:>7.2f} {cpu:>6.2f} {cer:>7.2%} {f1:>7.3f}", flush=True)


def confusions_of(page, doc, counter: collections.Counter) -> None:
    from rapidfuzz.distance import Levenshtein

    cells = {(c.row, c.col): c for row in doc.rows for c in row.cells}
    for drawn in page.cells:
        got = cells.get((drawn.row + 1, drawn.col))
        a, b = "".join(drawn.text.split()), "".join((got.text if got else "").split())
        for op in Levenshtein.opcodes(a, b):
            if op.tag != "equal":
                counter[(a[op.src_start : op.src_end], b[op.dest_start : op.dest_end])] += 1


def report_faces(engine, gold, args) -> None:
    faces = list(FACES) if args.faces == "all" else args.faces.split(",")
    conditions = ["clean", "degraded"]
    print(f"face matrix: {args.pages} page(s) per cell; F1 = strict indicator F1; load average {load_average()}")
    print(f"{'face':11} {'dpi':>4} {'condition':9} {'s/page':>7} {'CER':>7} {'ind. F1':>7} {'turned':>6}")
    counter: collections.Counter = collections.Counter()
    settings = [(dpi, c) for dpi in (int(d) for d in args.face_dpi.split(",")) for c in conditions]
    settings += [(200, f"turn{t}") for t in (90, 180, 270)]
    for face in faces:
        if face_font(face) is None:
            print(f"{face:11} not installed ({FACES[face][0]}); skipped")
            continue
        for dpi, condition in settings:
            out = []
            for group in PAGE_GROUPS[: args.pages]:
                page, part = render_gold_page(gold, group, dpi=dpi, face=face)
                image = page.image
                if condition == "degraded":
                    image = degrade(image, angle=1.5)
                elif condition.startswith("turn"):
                    image = rotate(image, int(condition[4:]))
                t0 = time.perf_counter()
                result = read_page_image(np.asarray(image.convert("L")), engine)
                doc = build_document([result], "bench.png")
                seconds = time.perf_counter() - t0
                if args.confusions:
                    confusions_of(page, doc, counter)
                out.append((seconds, *score(page, part, doc), result.turn))
            n = len(out)
            turned = "/".join(str(o[5]) for o in out)
            cer, f1 = sum(o[1] for o in out) / sum(o[2] for o in out), sum(o[3] for o in out) / n
            seconds = sum(o[0] for o in out) / n
            print(f"{face:11} {dpi:>4} {condition:9} {seconds:>7.2f} {cer:>7.2%} {f1:>7.3f} {turned:>6}", flush=True)
    if args.confusions:
        print("printed -> read (count), after the confusion table's glyph fixes; white space ignored")
        for (printed, read), count in counter.most_common(40):
            print(f"  {printed or '∅'!r:>8} -> {read or '∅'!r:<8} {count}")


def _text_confusions(printed: str, read: str, counter: collections.Counter) -> None:
    """Count the short substitutions, drops and insertions between the printed and the read text."""
    from rapidfuzz.distance import Levenshtein

    for op in Levenshtein.opcodes(printed, read):
        a, b = printed[op.src_start : op.src_end], read[op.dest_start : op.dest_end]
        if op.tag != "equal" and len(a) <= 3 and len(b) <= 3:
            counter[(a, b)] += 1


def report_real(args) -> None:
    """Real dev tables printed in each face, clean 200 dpi and degraded 150 dpi, against the text ceiling."""
    from rapidfuzz.distance import Levenshtein
    from rewrite_runner import Tally, f3, metrics, read_copy, score_reading
    from scan_sheets import printed_text, read_scan, read_text, scan_bytes, sheet_pages
    from sheet_copies import documents

    faces = list(FACES) if args.faces in ("", "all") else args.faces.split(",")
    faces = [f for f in faces if face_font(f) is not None]
    docs = documents()[: args.docs]
    settings = [(200, "clean"), (150, "degraded")]
    tally, edits, chars, seconds, pages = Tally(), collections.Counter(), collections.Counter(), {}, {}
    counter: collections.Counter = collections.Counter()
    misses: list[str] = []
    print(f"{len(docs)} real dev tables; faces {', '.join(faces)}; load average {load_average()}", flush=True)
    for _, folder, gold, rows in docs:
        missed = score_reading(gold, None, record=folder.name)
        text = "\n".join("\t".join(r) for r in rows)
        ceiling = read_copy(text)
        tally.add("cells as text", ceiling and score_reading(gold, ceiling, record=folder.name), True, missed)
        for face in faces:
            for dpi, condition in settings:
                label = (face, dpi, condition)
                drawn = sheet_pages(rows, dpi=dpi, face=face)
                images = [p.image if condition == "clean" else degrade(p.image, angle=1.5) for p in drawn]
                t0 = time.perf_counter()
                doc, table = read_scan(scan_bytes(images))
                seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - t0
                pages[label] = pages.get(label, 0) + len(drawn)
                printed, read = printed_text(drawn), read_text(doc) if doc else ""
                edits[label] += Levenshtein.distance(printed, read)
                chars[label] += len(printed)
                if args.confusions:
                    _text_confusions(printed, read, counter)
                m = tally.add(label, table and score_reading(gold, table, record=folder.name), missed=missed)
                if m is None or (m["indicator_f1"] or 0) < 1 or m["silent_errors"]:
                    misses.append(
                        f"  {folder.name} {face} {dpi} {condition}: "
                        + ("refused" if m is None else f"F1 {f3(m['indicator_f1'])} silent {m['silent_errors']}")
                    )
        print(f"  {folder.name} done; load average {load_average()}", flush=True)
    print(
        f"{'reading':26} {'strict':>7} {'lenient':>7} {'name':>6} {'amounts':>7} {'goal':>6} "
        f"{'refused':>7} {'silent':>6} {'CER':>7} {'s/page':>6}"
    )
    for label in ["cells as text", *((f, d, c) for f in faces for d, c in settings)]:
        m = metrics(tally.samples[label])
        name = label if isinstance(label, str) else f"{label[0]} {label[1]} {label[2]}"
        cer = f"{edits[label] / chars[label]:7.2%}" if chars[label] else "      -"
        per_page = f"{seconds[label] / pages[label]:6.2f}" if pages.get(label) else "     -"
        print(
            f"{name:26} {f3(m['indicator_f1']):>7} {f3(m['indicator_f1_lenient']):>7} {f3(m['project_name'])}"
            f" {f3(m['amounts']):>7} {f3(m['goal_exact']):>6} {tally.refused[label]:7d} {m['silent_errors']:6d}"
            f" {cer} {per_page}"
        )
    print(tally.field_report(args.show))
    print("\n".join(misses[: args.show]))
    if args.confusions:
        print("printed -> read (count), whole pages aligned; white space ignored")
        for (printed, read), count in counter.most_common(40):
            print(f"  {printed or '∅'!r:>8} -> {read or '∅'!r:<8} {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stages", action="store_true", help="per-stage times of clean 200-dpi pages")
    parser.add_argument(
        "--before-after",
        action="store_true",
        help="per-stage times of the previous release's settings and the current ones, in turn",
    )
    parser.add_argument("--accuracy", action="store_true", help="speed, CER and F1 per dpi and condition")
    parser.add_argument("--faces", default="", help="face matrix: 'all' or a comma list of " + ",".join(FACES))
    parser.add_argument("--face-dpi", default="150,200,300")
    parser.add_argument("--confusions", action="store_true", help="with --faces: what was read for what was printed")
    parser.add_argument("--pages", type=int, default=2, help=f"pages per setting (max {len(PAGE_GROUPS)})")
    parser.add_argument("--dpi", default="150,200")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--threads", type=int, default=None, help="onnxruntime intra-op threads (default: one per core)"
    )
    parser.add_argument(
        "--det-char-px",
        type=float,
        default=None,
        help="character height detection runs at (0: full resolution, as before the speed work)",
    )
    parser.add_argument("--rec-batch", type=int, default=None, help="crops per recognition batch")
    parser.add_argument(
        "--rec-min-width", type=int, default=None, help="short crops padded to this width (320: as before)"
    )
    parser.add_argument(
        "--real", action="store_true", help="real dev tables printed in each face (tests/scan_sheets.py)"
    )
    parser.add_argument("--docs", type=int, default=5, help="with --real: dev documents to print")
    parser.add_argument("--show", type=int, default=10, help="with --real: silent fields and misses to list")
    args = parser.parse_args()
    if args.real:
        report_real(args)
        return
    if not (args.stages or args.accuracy or args.faces or args.before_after):
        args.stages = True
    font = find_cjk_font()
    if font is None:
        sys.exit("no CJK font: apt-get install fonts-wqy-zenhei (or set ASSISTANT_CJK_FONT)")
    gold = load_gold()[0].table
    t0 = time.perf_counter()
    engine = RapidOCREngine(threads=args.threads)
    if args.det_char_px is not None:
        engine.det_char_px = args.det_char_px
    if args.rec_batch:
        engine.set_rec_batch(args.rec_batch)
    if args.rec_min_width:
        engine.set_rec_min_width(args.rec_min_width)
    print(f"engine load {time.perf_counter() - t0:.2f} s; load average {load_average()} on {os.cpu_count()} cores")
    if args.stages:
        report_stages(engine, gold, font, args)
    if args.before_after:
        report_before_after(engine, gold, font, args)
    if args.accuracy:
        report_accuracy(engine, gold, font, args)
    if args.faces:
        report_faces(engine, gold, args)


if __name__ == "__main__":
    main()
