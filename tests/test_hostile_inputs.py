"""Hostile and broken inputs (issue 11): bounded time and memory, a clear error, nothing lost.

Each malicious file is written by ``tests/hostile_files.py``; the ones that would take
gigabytes at full size are made small here and read against a lowered limit (the limit
logic is the same), the ones that are small by nature (a 5 KB workbook with a cell at
XFD1048576, a 730-byte PDF with a 14,400 pt page) are read at the default limits.
Measured time and memory of the full-size files: ``benchmarks/bench_malicious.py``.
"""

from __future__ import annotations

import codecs
import json
import re
import zipfile

import hostile_files as hostile
import pytest

from assistant.cli import main
from assistant.errors import InputError
from assistant.extract import extract as extract_document
from assistant.ingest import read_bytes, read_path
from assistant.pipeline import extract_path


@pytest.fixture
def seed_lines(seed_text):
    from office_copies import table_lines

    return table_lines(seed_text)


def _limit_error(path, variable: str) -> str:
    with pytest.raises(InputError) as info:
        read_path(path)
    message = str(info.value)
    assert str(path) in message and variable in message, message
    return message


@pytest.fixture
def no_ocr(monkeypatch):
    """Fail the test if anything reaches the OCR engine: limits are checked before the work."""
    # Import every module that binds get_engine BEFORE patching the engine: a module first imported
    # while the engine is patched would bind the refusal, and monkeypatch would "restore" it.
    from assistant.ingest.ocr import engine, image, pdf

    def refuse(*_args, **_kwargs):
        raise AssertionError("the OCR engine was reached")

    for module in (engine, image, pdf):
        monkeypatch.setattr(module, "get_engine", refuse)


# ---- output grows with the input, not its square --------------------------------------------


def _json_size(seed_text: str, items: int, tmp_path) -> int:
    source = tmp_path / f"items{items}.txt"
    source.write_text(hostile.broken_items_table(seed_text, items), encoding="utf-8")
    out = tmp_path / f"items{items}.json"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["failures"]) >= items  # every broken item is still reported
    assert all(len(f["raw"] or "") <= 201 for f in data["failures"])
    return out.stat().st_size


def test_failures_carry_an_excerpt_so_output_is_linear(seed_text, tmp_path):
    small, large = _json_size(seed_text, 700, tmp_path), _json_size(seed_text, 1400, tmp_path)
    assert large < 2.5 * small  # twice the items, about twice the output (it was four times)
    assert large < 6_000_000  # 4,200 failures of under 1 KB each; the 30 KB table wrote 66 MB


def test_failure_raw_is_bounded_in_the_model():
    from assistant.schema import RAW_EXCERPT, Failure

    failure = Failure(message="m", raw="x" * 100_000)
    assert failure.raw == "x" * RAW_EXCERPT + "…"


# ---- xlsx ------------------------------------------------------------------------------------


def test_xlsx_with_cells_at_a1_and_xfd1048576_fails_at_once(tmp_path):
    path = hostile.xlsx_far_cells(tmp_path)
    assert path.stat().st_size < 10_000
    _limit_error(path, "ASSISTANT_MAX_ROWS")


def test_xlsx_far_cell_without_a_declared_dimension(tmp_path):
    far = hostile.xlsx_far_cells(tmp_path)
    path = hostile._rewrite_member(
        far, tmp_path / "nodim.xlsx", "xl/worksheets/sheet1.xml", lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml)
    )
    message = _limit_error(path, "ASSISTANT_MAX_ROWS")
    assert "rows of sheet" in message and "declared" not in message


def test_xlsx_declared_dimension_is_checked(tmp_path):
    path = hostile.xlsx_declared_dimension(tmp_path, ref="A1:BAA10")
    _limit_error(path, "ASSISTANT_MAX_COLUMNS")


def test_xlsx_cells_present_are_counted_before_loading(tmp_path, monkeypatch):
    path = hostile.xlsx_many_cells(tmp_path, rows=600, columns=5)
    monkeypatch.setenv("ASSISTANT_MAX_CELLS", "2000")
    message = _limit_error(path, "ASSISTANT_MAX_CELLS")
    assert "> 2,000" in message  # counted until the limit was passed
    monkeypatch.setenv("ASSISTANT_MAX_CELLS", "5000")  # raised: read (and refused only for holding no table)
    with pytest.raises(InputError, match="no sheet holds"):
        read_path(path)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_zip_member_uncompressed_size_is_checked_before_parsing(tmp_path, monkeypatch, kind):
    path = hostile.zip_bomb(tmp_path, f"bomb.{kind}", inflated=24 * 1024 * 1024, kind=kind)
    monkeypatch.setenv("ASSISTANT_MAX_UNZIPPED_MB", "16")
    _limit_error(path, "ASSISTANT_MAX_UNZIPPED_MB")


def test_zip_member_compression_ratio_is_checked(tmp_path):
    path = hostile.zip_bomb(tmp_path, "ratio.docx", inflated=24 * 1024 * 1024)
    message = _limit_error(path, "ASSISTANT_MAX_ZIP_RATIO")
    assert "word/document.xml" in message


def test_docx_with_an_unresolved_entity_is_a_clear_error(tmp_path):
    path = hostile.docx_entity(tmp_path)
    with pytest.raises(InputError) as info:
        extract_path(path)
    assert "DOCTYPE" in str(info.value) and str(path) in str(info.value)


# ---- PDF -------------------------------------------------------------------------------------


def test_huge_pdf_page_is_refused_before_ocr(tmp_path, no_ocr):
    path = hostile.pdf_big_page(tmp_path, size=14400)
    message = _limit_error(path, "ASSISTANT_MAX_PIXELS")
    assert "page 1" in message


def test_pdf_user_unit_counts_in_the_pixel_budget(tmp_path, no_ocr):
    path = hostile.pdf_big_page(tmp_path, size=612, user_unit=50)
    message = _limit_error(path, "ASSISTANT_MAX_PIXELS")
    assert "UserUnit 50" in message


def test_pdf_content_stream_size_is_checked_before_decoding(tmp_path, monkeypatch):
    path = hostile.pdf_stream_bomb(tmp_path, inflated=12 * 1024 * 1024)
    monkeypatch.setenv("ASSISTANT_MAX_STREAM_MB", "4")
    _limit_error(path, "ASSISTANT_MAX_STREAM_MB")


def test_pdf_page_count_is_checked_first(tmp_path):
    path = hostile.pdf_many_pages(tmp_path, pages=2500)
    message = _limit_error(path, "ASSISTANT_MAX_PAGES")
    assert "2,500" in message


def test_scanned_pdf_pages_are_rendered_one_at_a_time(tmp_path, monkeypatch):
    """Each page is rendered just before its OCR, never all pages first."""
    import pypdfium2 as pdfium

    import assistant.ingest.ocr.pdf as ocr_pdf

    path = hostile.pdf_big_page(tmp_path, size=300)
    data = path.read_bytes()
    events: list[str] = []
    render = pdfium.PdfPage.render
    monkeypatch.setattr(pdfium.PdfPage, "render", lambda self, **kw: events.append("render") or render(self, **kw))
    monkeypatch.setattr(ocr_pdf, "read_page_image", lambda image, engine, page: events.append("ocr"))
    monkeypatch.setattr(ocr_pdf, "build_document", lambda results, source: None)
    ocr_pdf.read_scanned_pdf_pages(data, "scan.pdf", [0, 0, 0], engine=object())
    assert events == ["render", "ocr"] * 3


# ---- images ----------------------------------------------------------------------------------


def test_tiff_page_count_is_checked_before_decoding(tmp_path, no_ocr):
    path = hostile.tiff_many_pages(tmp_path, pages=2500)
    _limit_error(path, "ASSISTANT_MAX_PAGES")


def test_tiff_pages_are_decoded_one_at_a_time(tmp_path, monkeypatch):
    from assistant.ingest.ocr import image

    path = hostile.tiff_many_pages(tmp_path, pages=3, size=32)
    events: list[str] = []
    to_gray = image._to_gray
    monkeypatch.setattr(image, "_to_gray", lambda frame: events.append("decode") or to_gray(frame))
    monkeypatch.setattr(image, "read_page_image", lambda gray, engine, **kw: events.append("ocr"))
    monkeypatch.setattr(image, "build_document", lambda results, source: type("D", (), {"rows": [1]})())
    image.read_image(path.read_bytes(), "pages.tif", engine=object())
    assert events == ["decode", "ocr"] * 3


def test_image_pixels_are_checked_before_decoding(tmp_path, no_ocr):
    path = hostile.png_huge(tmp_path, width=9000, height=9000)
    message = _limit_error(path, "ASSISTANT_MAX_PIXELS")
    assert "9000 × 9000" in message


def test_limit_variable_must_be_a_number(tmp_path, monkeypatch, seed_path):
    monkeypatch.setenv("ASSISTANT_MAX_PAGES", "lots")
    with pytest.raises(InputError, match="ASSISTANT_MAX_PAGES"):
        read_path(seed_path)


def test_file_size_limit(tmp_path, monkeypatch, seed_path):
    monkeypatch.setenv("ASSISTANT_MAX_FILE_MB", "1")
    big = tmp_path / "big.txt"
    big.write_bytes(seed_path.read_bytes() * 40)
    _limit_error(big, "ASSISTANT_MAX_FILE_MB")


# ---- decoding: damage is reported where it is, the rest is kept ------------------------------


def _projects_and_damage(data: bytes, name: str = "damaged.txt"):
    table = extract_document(read_bytes(data, name))
    return len(table.projects()), [f for f in table.failures if f.field == "encoding"]


def test_one_nul_byte_keeps_every_project(seed_path):
    data = seed_path.read_bytes()
    at = data.index("区法学会经费".encode())
    projects, [damage] = _projects_and_damage(data[:at] + b"\x00" + data[at:])
    assert projects == 29
    assert damage.message.startswith(f"byte {at}: NUL byte") and damage.row == 13


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_byte_order_mark_then_broken_text(seed_path, bom, encoding):
    text = seed_path.read_bytes().decode("utf-8")
    cut = text.index("区法学会经费")
    head, tail = text[:cut].encode(encoding), text[cut:].encode(encoding)
    broken = b"\xff\xfe\xfd" if encoding == "utf-8" else b"\x00\xd8\x41\x00"  # a lone surrogate before "A"
    data = bom + head + broken + tail
    projects, damage = _projects_and_damage(data)
    assert projects == 29 and damage
    assert damage[0].message.startswith(f"byte {len(bom) + len(head)}") or damage[0].message.startswith(
        f"bytes {len(bom) + len(head)}-"
    )


def test_stray_trailing_byte_is_named_at_its_offset(seed_path):
    data = seed_path.read_bytes() + b"\xff"
    projects, [damage] = _projects_and_damage(data)
    assert projects == 29
    assert damage.message.startswith(f"byte {len(data) - 1}:")


def test_gbk_text_with_a_broken_byte_stays_gbk(seed_path):
    data = seed_path.read_bytes().decode("utf-8").encode("gb18030")
    at = data.index("区法学会经费".encode("gb18030"))
    projects, [damage] = _projects_and_damage(data[:at] + b"\xff" + data[at:])
    assert projects == 29 and damage.message.startswith(f"byte {at}:")


def test_random_binary_is_still_refused():
    with pytest.raises(InputError, match="binary"):
        read_bytes(bytes(range(256)) * 20, "blob.txt")


# ---- content sniffing before the suffix ------------------------------------------------------


def test_word_file_named_txt_is_read_as_word(tmp_path, seed_lines):
    from office_copies import write_docx

    docx = write_docx(seed_lines, tmp_path / "table.docx")
    renamed = tmp_path / "table.txt"
    renamed.write_bytes(docx.read_bytes())
    assert len(extract_path(renamed).projects()) == 29


def test_excel_file_named_csv_is_read_as_excel(tmp_path, seed_lines):
    from office_copies import write_xlsx

    xlsx = write_xlsx(seed_lines, tmp_path / "table.xlsx", numbers=True)
    renamed = tmp_path / "table.csv"
    renamed.write_bytes(xlsx.read_bytes())
    assert len(extract_path(renamed).projects()) == 29


@pytest.mark.parametrize(
    "name,stream,new",
    [
        ("old.doc", "WordDocument", ".docx"),
        ("old.xls", "Workbook", ".xlsx"),
        ("old.wps", "WordDocument", ".docx"),
        ("old.et", "Workbook", ".xlsx"),
        ("renamed.txt", "Workbook", ".xlsx"),
    ],
)
def test_old_office_files_say_save_as(tmp_path, name, stream, new):
    path = hostile.ole_file(tmp_path, name, stream)
    error = pytest.raises(InputError, read_path, path).value
    assert f"另存为 {new}" in error.text("zh") and f"save it as {new}" in str(error) and "binary file" not in str(error)


def test_a_plain_zip_is_named(tmp_path):
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(InputError, match="unzip it"):
        read_path(path)


# ---- cells and amounts -----------------------------------------------------------------------


def test_csv_cell_over_131072_characters(seed_text):
    goal = "很长的绩效目标" * 30_000  # 210,000 characters in one quoted cell
    lines = [line.split("\t") for line in seed_text.split("\n") if line.strip()]
    at = next(i for i, cells in enumerate(lines) if len(cells) >= 7 and "1-产出指标" in cells[-1])
    lines[at][-2] = goal
    csv_text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in cells) for cells in lines)
    table = extract_document(read_bytes(csv_text.encode("utf-8"), "long.csv", suffix=".csv"))
    assert any(p.goal == goal for p in table.projects())


@pytest.mark.parametrize("digits", [16, 309, 1_000_000])
def test_amount_with_too_many_digits_is_a_failure(seed_text, tmp_path, digits):
    line = next(line for line in seed_text.split("\n") if line.startswith("区法学会经费"))
    cells = line.split("\t")
    cells[1] = "9" * digits
    path = tmp_path / "digits.txt"
    path.write_text(seed_text.replace(line, "\t".join(cells)), encoding="utf-8")
    out = tmp_path / "digits.json"
    assert main(["extract", str(path), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(f"{c} in the JSON"))
    [failure] = [f for f in data["failures"] if f["field"] == "amounts.total"]
    assert "digits" in failure["message"] or "characters" in failure["message"]
    assert len(failure["message"]) < 400
    project = next(p for u in data["units"] for p in u["projects"] if p["name"] == "区法学会经费")
    assert project["amounts"]["total"] is None and project["amounts"]["fiscal"] == 40.0


def test_money_model_refuses_infinity_and_long_numbers():
    from pydantic import ValidationError

    from assistant.schema import Amounts

    for bad in ("Infinity", "NaN", "1e400", "1" * 16, float("inf"), 1e300):
        with pytest.raises(ValidationError):
            Amounts(total=bad)
    assert str(Amounts(total="123,456,789,012.345").total) == "123456789012.345"


# ---- text longer than the rules read in reasonable time --------------------------------------


def test_text_over_the_limit_is_refused_naming_the_file(tmp_path, monkeypatch, capsys, seed_text):
    """One character over ``ASSISTANT_MAX_TEXT_CHARS`` is refused (exit 2) with the file, the size
    and the variable named; at the limit the same file is read."""
    path = tmp_path / "pasted page.txt"
    path.write_text(seed_text, encoding="utf-8")
    size = len(read_path(path).text)
    monkeypatch.setenv("ASSISTANT_MAX_TEXT_CHARS", str(size - 1))
    assert main(["extract", str(path), "-o", str(tmp_path / "out.json")]) == 2
    said = capsys.readouterr().err
    assert str(path) in said and f"{size:,}" in said and "ASSISTANT_MAX_TEXT_CHARS" in said
    monkeypatch.setenv("ASSISTANT_MAX_TEXT_CHARS", str(size))
    assert main(["extract", str(path), "-o", str(tmp_path / "out.json")]) in (0, 1)
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


def test_the_text_limit_is_an_input_error_of_the_rules(monkeypatch):
    """The library refuses as the CLI does: an InputError naming the source and the variable."""
    monkeypatch.setenv("ASSISTANT_MAX_TEXT_CHARS", "100")
    with pytest.raises(InputError) as info:
        extract_document(read_bytes(b"|" * 101, "pipes.txt"))
    assert "pipes.txt" in str(info.value) and "ASSISTANT_MAX_TEXT_CHARS" in str(info.value)
