"""The fuzz harness: generators of broken and hostile inputs, and runners that say what happened.

Shared by the CI tests (``tests/test_fuzz_hostile.py``, marker ``fuzz``, a few hundred
cases) and the local benchmark (``benchmarks/bench_fuzz.py``, 10,000 cases or more).

A *case* is one input given to one target: a reader (``read_bytes`` then the rules,
validation, lint and a strict JSON dump of the result) or a command (``extract``,
``validate``, ``lint`` run through ``assistant.cli.main``). Its outcome is

    ok       read, possibly with failures listed
    refused  an AssistantError (InputError …) or CLI exit 2: a clear message
    crash    any other exception, or a CLI exit code other than 0/1/2

Images and scanned PDF pages go through the whole OCR pipeline (deskew, ruling lines,
cells) with a stub engine that finds no text: the engine is not what is fuzzed, and the
real one takes a second a page.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import signal
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hostile

from assistant.errors import AssistantError

__all__ = ["TARGETS", "Crash", "TooSlow", "run_command", "run_reader", "stub_ocr", "time_limit"]

SEED = ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"
REAL = ROOT / "gold" / "real"
OK_CODES = (0, 1, 2)


class Crash(Exception):
    """A case that crashed: the exception or exit code, and the input's description."""


class TooSlow(Exception):
    """A case that ran past its wall-clock bound: a hang or a quadratic pass, named with its input."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str):
    """Raise :class:`TooSlow` naming ``what`` when the block runs longer than ``seconds`` (wall
    clock, SIGALRM; in a thread other than the main one, or without SIGALRM, the block runs unbounded)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum, frame):
        raise TooSlow(f"more than {seconds:g} s on {what}")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def describe(data: bytes, suffix: str) -> str:
    """A case as a failure names it: its suffix, size and first bytes."""
    return f"{suffix} input of {len(data)} bytes starting {data[:80]!r}"


class _NoTextEngine:
    """An OCR engine that finds nothing (the pipeline around it still runs on the page)."""

    name = "none"

    def read_page(self, image):
        return []


@contextlib.contextmanager
def stub_ocr():
    """Replace the OCR engine by :class:`_NoTextEngine` for the time of the block."""
    from assistant.ingest.ocr import engine, image, pdf

    saved = (engine.get_engine, image.get_engine, pdf.get_engine)
    stub = lambda *a, **k: _NoTextEngine()
    engine.get_engine = image.get_engine = pdf.get_engine = stub
    try:
        yield
    finally:
        engine.get_engine, image.get_engine, pdf.get_engine = saved


def run_reader(data: bytes, suffix: str) -> str:
    """Read, extract, check and dump one input; ``ok`` or ``refused``, or the exception propagates."""
    from assistant.checks import validate_table
    from assistant.checks.lint import lint_table
    from assistant.export import to_interchange
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    try:
        doc = read_bytes(data, f"fuzz{suffix}", suffix=suffix)
        table = extract(doc)
        validate_table(table)
        lint_table(table)
        json.dumps(to_interchange(table), allow_nan=False, ensure_ascii=False)
    except AssistantError:
        return "refused"
    return "ok"


def run_command(command: str, data: bytes, suffix: str) -> str:
    """Run ``extract``/``validate``/``lint`` on the input through the CLI; exit 0/1 ok, 2 refused."""
    from assistant.cli import main

    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        args = [command, str(path)] + (["-o", str(Path(folder) / "out.json")] if command == "extract" else [])
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            code = main(args)
    if code not in OK_CODES:
        raise Crash(f"{command} exited {code}: {sink.getvalue()[-300:]}")
    return "refused" if code == 2 else "ok"


# ---- base files, written once per process -------------------------------------------------


@functools.cache
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@functools.cache
def base_files() -> dict[str, bytes]:
    """The seed table as every format a reader takes, plus a scanned page and an interchange JSON."""
    from office_copies import table_lines, write_docx, write_pdf, write_xlsx
    from PIL import Image, ImageDraw

    from assistant.export import to_interchange
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    lines = table_lines(seed_bytes().decode("utf-8"))
    head = next(i for i, cells in enumerate(lines) if cells[0].startswith("项目名称"))
    small = lines[: head + 6]
    files: dict[str, bytes] = {".txt": seed_bytes()}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        files[".xlsx"] = write_xlsx(small, out / "t.xlsx", numbers=True).read_bytes()
        files[".docx"] = write_docx(small, out / "t.docx").read_bytes()
        files[".pdf"] = write_pdf(small[:8], out / "t.pdf").read_bytes()
        page = Image.new("L", (300, 200), 255)
        draw = ImageDraw.Draw(page)
        for y in range(20, 200, 30):
            draw.line([(10, y), (290, y)], fill=0, width=2)
        for x in (10, 150, 290):
            draw.line([(x, 20), (x, 170)], fill=0, width=2)
        buffer = io.BytesIO()
        page.save(buffer, "PNG")
        files[".png"] = buffer.getvalue()
        buffer = io.BytesIO()
        page.save(buffer, "TIFF", save_all=True, append_images=[page])
        files[".tif"] = buffer.getvalue()
        buffer = io.BytesIO()
        page.save(buffer, "JPEG")
        files[".jpg"] = buffer.getvalue()
    table = extract(read_bytes(seed_bytes(), "seed.txt"))
    files[".json"] = json.dumps(to_interchange(table), ensure_ascii=False).encode("utf-8")
    csv_lines = (",".join('"' + c.replace('"', '""') + '"' for c in cells) for cells in lines)
    files[".csv"] = "\n".join(csv_lines).encode("utf-8")
    return files


# ---- strategies ------------------------------------------------------------------------------

_SUFFIXES = [".txt", ".csv", ".tsv", ".xlsx", ".docx", ".pdf", ".png", ".jpg", ".tif", ".json", ".doc", ".xls", ""]
_NOISE = [
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\t",
    b"\n",
    b"\r",
    b",",
    b'"',
    b"\xe5",
    b"\x80",
    "合计".encode(),
    "涉密项目".encode(),
    "1、1-产出指标".encode(),
    "实施周期指标值".encode(),
    b"9" * 400,
    b"<p>",
    b"PK\x03\x04",
    b"%PDF-",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"&ext;",
    b"<!DOCTYPE x>",
]


@st.composite
def mutated(draw, base: bytes, *, max_edits: int = 8) -> bytes:
    """``base`` with a few edits: bytes deleted, inserted, overwritten, flipped; or truncated."""
    data = bytearray(base)
    if draw(st.booleans()) and data:
        data = data[: draw(st.integers(0, len(data)))]  # truncation
    for _ in range(draw(st.integers(0, max_edits))):
        pos = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "overwrite", "flip"]))
        if action == "delete":
            del data[pos : pos + draw(st.integers(1, 64))]
        elif action == "insert":
            data[pos:pos] = draw(st.one_of(st.sampled_from(_NOISE), st.binary(min_size=1, max_size=16)))
        elif action == "overwrite" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif pos < len(data):
            data[pos] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@functools.cache
def dev_texts() -> tuple[str, ...]:
    """The texts of the real corpus's dev documents (never the test split): every layout family."""
    texts = []
    for meta_file in sorted(REAL.glob("*/meta.json")):
        if json.loads(meta_file.read_text(encoding="utf-8")).get("split") == "dev":
            texts += [p.read_text(encoding="utf-8") for p in meta_file.parent.glob("source.txt")]
    return tuple(texts)


#: what copying a table from another site does to its lines
_LINE_EDITS = ["drop", "repeat", "join", "split", "separators", "noise", "truncate"]
_SEPARATORS = ["|", " | ", "\t", "  ", " ", "｜", "", "\n"]


@st.composite
def mangled_real(draw) -> bytes:
    """A real dev document with line-level edits: lines dropped, repeated, joined, cut; separators changed."""
    lines = draw(st.sampled_from(dev_texts())).splitlines()
    for _ in range(draw(st.integers(1, 10))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(_LINE_EDITS))
        if edit == "drop":
            del lines[at : at + draw(st.integers(1, 6))]
        elif edit == "repeat":
            lines[at:at] = lines[at : at + draw(st.integers(1, 4))]
        elif edit == "join" and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + draw(st.sampled_from(_SEPARATORS)) + lines[at + 1]]
        elif edit == "split" and lines[at]:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at : at + 1] = [lines[at][:cut], lines[at][cut:]]
        elif edit == "separators":
            old, new = draw(st.sampled_from(["|", "\t", "  ", " "])), draw(st.sampled_from(_SEPARATORS))
            lines[at] = lines[at].replace(old, new)
        elif edit == "noise":
            lines.insert(at, draw(st.sampled_from([n.decode("utf-8", "replace") for n in _NOISE])))
        elif edit == "truncate":
            lines = lines[:at]
    return "\n".join(lines).encode("utf-8")


@st.composite
def mutated_zip_member(draw, base: bytes) -> bytes:
    """A .docx/.xlsx that is still a valid zip, with one XML member's text mangled."""
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(n for n in members if n.endswith((".xml", ".rels")))))
    members[name] = draw(mutated(members[name], max_edits=4))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return out.getvalue()


def _written(writer: Callable[..., Path], **kwargs) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return writer(Path(folder), **kwargs).read_bytes()


@st.composite
def hostile_file(draw) -> tuple[bytes, str]:
    """One malicious file of issue 11 with random parameters, and its suffix."""
    kind = draw(
        st.sampled_from(
            [
                "far",
                "dimension",
                "bomb",
                "entity",
                "bigpage",
                "userunit",
                "pages",
                "tiff",
                "png",
                "deep",
                "ole",
                "items",
                "digits",
                "bom",
                "nul",
                "longcell",
            ]
        )
    )
    if kind == "far":
        return _written(hostile.xlsx_far_cells), draw(st.sampled_from([".xlsx", ".txt", ".docx"]))
    if kind == "dimension":
        col = draw(st.sampled_from(["A", "Z", "AZ", "ALL", "XFD"]))
        row = draw(st.sampled_from([1, 10, 99_999, 100_001, 1_048_576]))
        return _written(hostile.xlsx_declared_dimension, ref=f"A1:{col}{row}"), ".xlsx"
    if kind == "bomb":
        size = draw(st.integers(1, 40)) * 1024 * 1024
        return _written(
            hostile.zip_bomb, name="b.docx", inflated=size, kind=draw(st.sampled_from(["docx", "xlsx"]))
        ), draw(st.sampled_from([".docx", ".xlsx", ".txt"]))
    if kind == "entity":
        return _written(hostile.docx_entity), ".docx"
    if kind == "bigpage":
        return _written(hostile.pdf_big_page, size=draw(st.sampled_from([100, 3000, 14400, 200000]))), ".pdf"
    if kind == "userunit":
        return _written(hostile.pdf_big_page, size=612, user_unit=draw(st.sampled_from([0.5, 1, 3, 50, 75000]))), ".pdf"
    if kind == "pages":
        return _written(hostile.pdf_many_pages, pages=draw(st.sampled_from([1, 2, 50, 2001, 5000]))), ".pdf"
    if kind == "tiff":
        return _written(hostile.tiff_many_pages, pages=draw(st.sampled_from([1, 3, 2001, 4000])), size=16), ".tif"
    if kind == "png":
        side = draw(st.sampled_from([1, 64, 9000]))
        return _written(hostile.png_huge, width=side, height=draw(st.sampled_from([1, 64, 9000]))), ".png"
    if kind == "deep":
        return _written(hostile.deep_json, depth=draw(st.sampled_from([10, 1000, 100_000]))), draw(
            st.sampled_from([".json", ".txt"])
        )
    if kind == "ole":
        stream = draw(st.sampled_from(["WordDocument", "Workbook", "Book"]))
        return _written(hostile.ole_file, stream=stream), draw(st.sampled_from([".doc", ".xls", ".et", ".wps", ".txt"]))
    text = seed_bytes().decode("utf-8")
    if kind == "items":
        return hostile.broken_items_table(text, draw(st.integers(1, 1500))).encode("utf-8"), ".txt"
    if kind == "digits":
        line = next(line for line in text.split("\n") if line.startswith("区法学会经费"))
        cells = line.split("\t")
        cells[draw(st.integers(1, 4))] = draw(
            st.sampled_from(["9" * 16, "9" * 309, "1e400", "Infinity", "NaN", "-0", "1" * 100_000])
        )
        return text.replace(line, "\t".join(cells)).encode("utf-8"), draw(st.sampled_from([".txt", ".csv"]))
    if kind == "bom":
        bom = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
        return bom + draw(mutated(seed_bytes()[:3000], max_edits=4)), ".txt"
    if kind == "nul":
        data = bytearray(seed_bytes())
        for _ in range(draw(st.integers(1, 50))):
            data.insert(draw(st.integers(0, len(data))), 0)
        return bytes(data), draw(st.sampled_from([".txt", ".csv"]))
    # longcell: a CSV cell over the csv module's 131,072-character default
    return ('项目名称,总计\n"' + "长" * draw(st.integers(131_000, 140_000)) + '",1\n').encode("utf-8"), ".csv"


def reader_input(kind: str):
    """The strategy of (bytes, suffix) for one family of reader inputs."""
    if kind == "random":
        return st.tuples(st.binary(max_size=4000), st.sampled_from(_SUFFIXES))
    if kind == "text":
        return st.tuples(
            st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.sampled_from([".txt", ".csv", ".tsv"]),
        )
    if kind == "seed":
        return st.tuples(st.just(None), st.sampled_from([".txt", ".csv"])).flatmap(
            lambda t: st.tuples(mutated(base_files()[t[1]]), st.just(t[1]))
        )
    if kind == "real":  # a real dev document of any layout family, mangled line by line
        return st.tuples(mangled_real(), st.sampled_from([".txt", ".txt", ".csv"]))
    if kind == "encoded":  # the seed in another encoding, then mangled
        return st.sampled_from(["gb18030", "utf-16", "utf-8-sig", "utf-16-be"]).flatmap(
            lambda enc: st.tuples(mutated(seed_bytes().decode("utf-8").encode(enc), max_edits=4), st.just(".txt"))
        )
    if kind == "office":
        return st.sampled_from([".xlsx", ".docx"]).flatmap(
            lambda s: st.tuples(st.one_of(mutated(base_files()[s]), mutated_zip_member(base_files()[s])), st.just(s))
        )
    if kind == "pdf":
        return st.tuples(mutated(base_files()[".pdf"]), st.just(".pdf"))
    if kind == "image":
        return st.sampled_from([".png", ".jpg", ".tif"]).flatmap(
            lambda s: st.tuples(mutated(base_files()[s]), st.just(s))
        )
    if kind == "json":
        return st.tuples(
            st.one_of(
                mutated(base_files()[".json"]),
                st.recursive(
                    st.none() | st.booleans() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=30,
                ).map(lambda v: json.dumps(v).encode()),
            ),
            st.just(".json"),
        )
    if kind == "hostile":
        return hostile_file()
    raise ValueError(kind)


#: name -> (strategy family, runner): every reader family, and the commands on a sample of them
TARGETS: dict[str, tuple[str, Callable[[bytes, str], str]]] = {
    "reader/random-bytes": ("random", run_reader),
    "reader/random-text": ("text", run_reader),
    "reader/mangled-seed": ("seed", run_reader),
    "reader/mangled-encodings": ("encoded", run_reader),
    "reader/mangled-real": ("real", run_reader),
    "reader/mangled-office": ("office", run_reader),
    "reader/mangled-pdf": ("pdf", run_reader),
    "reader/mangled-images": ("image", run_reader),
    "reader/hostile-files": ("hostile", run_reader),
    "extract/mangled-seed": ("seed", functools.partial(run_command, "extract")),
    "extract/hostile-files": ("hostile", functools.partial(run_command, "extract")),
    "validate/json": ("json", functools.partial(run_command, "validate")),
    "validate/mangled-seed": ("seed", functools.partial(run_command, "validate")),
    "lint/json": ("json", functools.partial(run_command, "lint")),
    "lint/hostile-files": ("hostile", functools.partial(run_command, "lint")),
}


def environment() -> None:
    """Keep fuzz runs off the network and out of the user's folders."""
    for name in ("ASSISTANT_BASE_URL", "ASSISTANT_MODEL", "ASSISTANT_API_KEY", "OPENAI_API_KEY"):
        os.environ.pop(name, None)
    os.environ.setdefault("ASSISTANT_HOME", tempfile.mkdtemp(prefix="fuzz-home-"))
    os.environ.setdefault("ASSISTANT_CACHE_DIR", tempfile.mkdtemp(prefix="fuzz-cache-"))
