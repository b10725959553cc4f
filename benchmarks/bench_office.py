"""Office readers and batch mode: seconds per file and batch throughput.

Builds xlsx / docx / text-PDF copies of the seed table and a single-project form (the same
writers the tests use), then prints, for each, the median seconds to read and extract it,
and the wall time of a batch of copies with 1 and 2 worker processes.

With ``--sheets`` it scores instead the dev documents whose source keeps a sheet's cells, saved
as .xlsx and as the .csv / tab text files Excel, WPS and LibreOffice write (tests/sheet_copies.py),
against their unchanged gold: a CSV should read as well as the sheet it was saved from.

    python benchmarks/bench_office.py [--repeat 5] [--batch 16]
    python benchmarks/bench_office.py --sheets [--show 5]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from form_copies import FORM, write_form_docx, write_form_xlsx  # noqa: E402
from office_copies import table_lines, write_docx, write_pdf, write_xlsx  # noqa: E402

from assistant.batch import run_batch  # noqa: E402
from assistant.pipeline import extract_path  # noqa: E402


def _median_seconds(path: Path, repeat: int) -> tuple[float, int]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        table = extract_path(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times), sum(len(p.indicators) for p in table.projects())


def score_sheets(show: int) -> None:
    """Per file kind: the dev sheets' strict / lenient F1, name, amounts, goal, refusals, silent."""
    from rewrite_runner import Tally, f3, metrics, read_copy, score_reading
    from sheet_copies import KINDS, copy_bytes, documents, read_sheet_copy

    tally = Tally()
    docs = documents()
    for _, folder, gold, rows in docs:
        missed = score_reading(gold, None, record=folder.name)  # a refused copy misses every project
        source = read_copy((folder / "source.txt").read_text(encoding="utf-8"))
        tally.add("source.txt", source and score_reading(gold, source, record=folder.name), True, missed)
        for kind in KINDS:
            table = read_sheet_copy(*copy_bytes(rows, kind))
            tally.add(kind, table and score_reading(gold, table, record=folder.name), missed=missed)
    print(f"{len(docs)} dev documents kept as sheets")
    print(
        f"{'file kind':15} {'strict':>7} {'lenient':>7} {'name':>6} {'amounts':>7} {'goal':>6} {'refused':>7} {'silent':>6}"
    )
    for kind in ("source.txt", *KINDS):
        m = metrics(tally.samples[kind])
        print(
            f"{kind:15} {f3(m['indicator_f1']):>7} {f3(m['indicator_f1_lenient']):>7} {f3(m['project_name'])}"
            f" {f3(m['amounts']):>7} {f3(m['goal_exact']):>6} {tally.refused[kind]:7d} {m['silent_errors']:6d}"
        )
    print(tally.field_report(show))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16, help="files in the batch run")
    parser.add_argument("--sheets", action="store_true", help="score the dev sheets saved as xlsx / csv instead")
    parser.add_argument("--show", type=int, default=0, help="with --sheets: silent fields to list")
    args = parser.parse_args()
    if args.sheets:
        score_sheets(args.show)
        return
    lines = table_lines((ROOT / "gold" / "source" / "000_e2922c57f8184701.txt").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        files = {
            "seed.txt": ROOT / "gold" / "source" / "000_e2922c57f8184701.txt",
            "seed.xlsx (numbers)": write_xlsx(lines, work / "numbers.xlsx", numbers=True),
            "seed.xlsx (text 1,307.44)": write_xlsx(lines, work / "text.xlsx", numbers=False),
            "seed.docx": write_docx(lines, work / "seed.docx"),
            "seed.pdf (ruled, 1 row per page part)": write_pdf(lines, work / "seed.pdf"),
            "seed.pdf (rows cut at page breaks)": write_pdf(lines, work / "split.pdf", split_rows=True),
            "form.docx": write_form_docx(FORM, work / "form.docx"),
            "form.xlsx": write_form_xlsx(FORM, work / "form.xlsx"),
        }
        print(f"{'input':40} {'KiB':>7} {'s/file':>8} {'indicators':>10}")
        for label, path in files.items():
            seconds, indicators = _median_seconds(path, args.repeat)
            print(f"{label:40} {path.stat().st_size / 1024:7.1f} {seconds:8.3f} {indicators:10d}")

        inbox = work / "inbox"
        inbox.mkdir()
        sources = [
            files["seed.xlsx (numbers)"],
            files["seed.docx"],
            files["seed.pdf (ruled, 1 row per page part)"],
            files["form.docx"],
        ]
        for i in range(args.batch):
            source = sources[i % len(sources)]
            shutil.copy(source, inbox / f"{i:03d}{source.suffix}")
        print(f"\nbatch of {args.batch} files (xlsx, docx, pdf, form):")
        for jobs in (1, 2):
            out = work / f"out{jobs}"
            started = time.perf_counter()
            summary = run_batch([str(inbox)], out, jobs=jobs, progress=False)
            seconds = time.perf_counter() - started
            print(
                f"  jobs={jobs}: {seconds:6.2f} s wall, {args.batch / seconds:5.1f} files/s, "
                f"{summary.count('ok')} ok, {summary.count('failed')} failed"
            )
        started = time.perf_counter()
        summary = run_batch([str(inbox)], work / "out2", jobs=2, progress=False)
        print(f"  rerun, all up to date: {time.perf_counter() - started:6.2f} s, {summary.count('skipped')} skipped")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
