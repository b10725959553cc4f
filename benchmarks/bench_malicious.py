"""Time and peak memory of ``extract`` on each malicious file of issue 11.

Writes the files the issue measured (``tests/hostile_files.py``: a workbook with cells at
A1 and XFD1048576, 4 GB zip members, a 14,400 pt PDF page, /UserUnit 50, a 2 GB content
stream, 100,000 PDF pages, 10,000 TIFF pages, a 144-megapixel PNG, JSON 100,000 deep, an
old .doc, tables whose one indicator cell holds thousands of broken items …) into a cache
folder once, then runs ``python cli.py extract FILE -o OUT`` on each in a child process and
prints, for each: seconds, the child's peak resident memory (ru_maxrss from wait4), the exit
code, the output size and the first line of its message.

    python benchmarks/bench_malicious.py [--dir /tmp/budget-assistant-malicious] [--only pdf]

Each child runs under an address-space cap (``--cap-gb``, 3 by default) so that a
regression shows up as a failure here instead of taking the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hostile

SEED = ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"


def _items_table(folder: Path, name: str, items: int) -> Path:
    path = folder / name
    path.write_text(hostile.broken_items_table(SEED.read_text(encoding="utf-8"), items), encoding="utf-8")
    return path


def _builders() -> dict[str, tuple]:
    builders = dict(hostile.BUILDERS)
    builders["text: 1,400 broken items (30 KB)"] = (_items_table, {"name": "items-30k.txt", "items": 1400})
    builders["text: 4,000 broken items (100 KB)"] = (_items_table, {"name": "items-100k.txt", "items": 4000})
    builders["text: 36,000 broken items (1 MB)"] = (_items_table, {"name": "items-1m.txt", "items": 36000})
    return builders


def _build(folder: Path, name: str, writer, kwargs: dict) -> Path:
    """The file, written once: later runs reuse it (the zip bombs take a minute to write)."""
    key = hashlib.sha1(repr((writer.__name__, sorted(kwargs.items()))).encode()).hexdigest()[:12]
    marker = folder / f"{key}.path"
    if marker.exists():
        path = Path(marker.read_text())
        if path.exists():
            return path
    sub = folder / marker.stem
    sub.mkdir(parents=True, exist_ok=True)
    path = writer(sub, **kwargs)
    marker.write_text(str(path))
    return path


def _run(path: Path, cap_gb: float, timeout: float) -> tuple[float, float, int, int, str]:
    """seconds, peak MB, exit code, output bytes, first message line of one extract run."""
    out = Path(tempfile.mkdtemp(prefix="malicious-")) / "out.json"
    cap = int(cap_gb * 1024**3)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    errors_file = out.with_name("stderr.txt")
    started = time.perf_counter()
    with errors_file.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "cli.py"), "extract", str(path), "-o", str(out)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=limit,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    while True:  # wait4 gives this child's own peak memory (RUSAGE_CHILDREN would be the max of all)
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            child.kill()
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = errors_file.read_bytes()
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error")]
    message = (errors or lines or [""])[0].replace(str(path), path.name)
    if len(lines) > 1 and not errors:
        message = f"{len(lines)} warning lines; first: {message}"
    size = out.stat().st_size if out.exists() else 0
    return seconds, usage.ru_maxrss / 1024, child.returncode, size, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "budget-assistant-malicious")
    parser.add_argument("--only", default="", help="run the files whose name contains this")
    parser.add_argument("--cap-gb", type=float, default=3.0, help="address-space cap of each child")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, (writer, kwargs) in _builders().items():
        if args.only not in name:
            continue
        path = _build(args.dir, name, writer, kwargs)
        rows.append((name, path.stat().st_size, *_run(path, args.cap_gb, args.timeout)))
        print(f"... {name}: {rows[-1][2]:.1f} s", file=sys.stderr, flush=True)
    print("| file | size | seconds | peak MB | exit | output | message |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, size, seconds, peak, code, out_size, message in rows:
        print(
            f"| {name} | {size / 1024:,.0f} KB | {seconds:.1f} | {peak:,.0f} | {code} | {out_size / 1024:,.0f} KB "
            f"| {message[:160]} |"
        )
    worst = max((r[3] for r in rows), default=0)
    print(f"\nhighest peak: {worst:,.0f} MB (limit 1,536 MB); slowest: {max((r[2] for r in rows), default=0):.1f} s")


if __name__ == "__main__":
    main()
