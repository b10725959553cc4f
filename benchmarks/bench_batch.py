"""Batch throughput: a folder of scanned pages through 1 process, the process pool and Ray.

N clean 200-dpi pages are rendered from the gold records (PNG, as a scanner writes them)
and each executor extracts the whole folder into its own output folder. It prints pages
per minute, the peak resident memory of the biggest worker, and the projected hours for
100,000 pages on 1, 2, 4 and 8 such machines (Ray spreads the tasks over every machine
that joined the cluster, so the projection divides by the number of machines).

    python benchmarks/bench_batch.py [--pages 6] [--jobs 2] [--executors single,process,ray,ray-pdf]

``ray-pdf`` runs the same pages as one scanned PDF through Ray, each page its own task;
``process-pdf`` that PDF through the pool (one file: one worker reads every page).

The machine is shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

from scan_render import find_cjk_font, render_gold_page  # noqa: E402

from assistant.batch import run_batch  # noqa: E402
from assistant.gold import load_gold  # noqa: E402

PAGE_GROUPS = [[0, 1, 2, 3], [15, 16, 23, 2], [4, 5], [10, 11], [12, 13], [17, 18]]


def _processes():
    """(pid, parent pid, command line, resident bytes) of every process, from /proc (Linux)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
        yield int(entry.name), int(fields.get("PPid", "0").strip()), cmdline, rss


class PeakMemory:
    """The largest resident set of any worker process seen while running (sampled every 0.2 s)."""

    def __init__(self, match):
        self.match, self.peak, self._stop = match, 0, threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            for pid, ppid, cmdline, rss in _processes():
                if self.match(pid, ppid, cmdline):
                    self.peak = max(self.peak, rss)
            self._stop.wait(0.2)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--executors", default="single,process,ray,process-pdf,ray-pdf")
    args = parser.parse_args()
    font = find_cjk_font()
    if font is None:
        sys.exit("no CJK font: apt-get install fonts-wqy-zenhei (or set ASSISTANT_CJK_FONT)")
    gold = load_gold()[0].table
    me = os.getpid()
    with tempfile.TemporaryDirectory() as tmp:
        inbox, pdf_box = Path(tmp) / "scans", Path(tmp) / "pdf"
        inbox.mkdir()
        pdf_box.mkdir()
        images = []
        for n in range(args.pages):
            page, _ = render_gold_page(gold, PAGE_GROUPS[n % len(PAGE_GROUPS)], dpi=200, font_path=font)
            page.image.save(inbox / f"page{n + 1:03}.png")
            images.append(page.image.convert("L"))
        images[0].save(pdf_box / "scans.pdf", "PDF", resolution=200, save_all=True, append_images=images[1:])
        print(
            f"{args.pages} clean 200-dpi pages, {os.cpu_count()} cores; load average before "
            f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        print(
            f"{'executor':16} {'workers':>7} {'seconds':>8} {'pages/min':>9} {'peak MB/worker':>14} "
            f"{'ok':>3}  hours for 100,000 pages on 1 / 2 / 4 / 8 machines   load"
        )
        for name in args.executors.split(","):
            jobs = 1 if name == "single" else args.jobs
            executor = "ray" if name.startswith("ray") else "process"
            folder = pdf_box if name.endswith("-pdf") else inbox
            if name == "single":
                match = lambda pid, ppid, cmd: pid == me  # noqa: E731 - it reads in this process
            elif name.startswith("process"):
                match = lambda pid, ppid, cmd: ppid == me  # noqa: E731
            else:
                match = lambda pid, ppid, cmd: "ExtractWorker" in cmd  # noqa: E731
            out = Path(tmp) / f"out-{name}"
            t0 = time.perf_counter()
            try:
                with PeakMemory(match) as memory:
                    summary = run_batch([str(folder)], out, jobs=jobs, executor=executor, force=True)
            except Exception as exc:  # noqa: BLE001 - Ray not installed: say so and go on
                print(f"{name:16} not run: {exc}")
                continue
            seconds = time.perf_counter() - t0
            per_minute = args.pages / seconds * 60
            hours = [100_000 / (per_minute * 60 * machines) for machines in (1, 2, 4, 8)]
            print(
                f"{name:16} {jobs:>7} {seconds:>8.1f} {per_minute:>9.2f} {memory.peak / 2**20:>14.0f} "
                f"{summary.count('ok'):>3}  {' / '.join(f'{h:.0f}' for h in hours):<40} "
                f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())}",
                flush=True,
            )
    print("Ray includes starting a local Ray (a few seconds) and loading one engine per worker.")


if __name__ == "__main__":
    main()
