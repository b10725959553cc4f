"""Office readers and batch mode: seconds per file and batch throughput.

Builds xlsx / docx / text-PDF copies of the seed table and a single-project form (the same
writers the tests use), then prints, for each, the median seconds to read and extract it,
and the wall time of a batch of copies with 1 and 2 worker processes.

    python benchmarks/bench_office.py [--repeat 5] [--batch 16]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16, help="files in the batch run")
    args = parser.parse_args()
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
