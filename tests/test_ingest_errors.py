"""Bad input gets a clear error that names the file and says what was expected."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.extract.parsers.table import extract_table
from assistant.ingest import read_bytes, read_path
from assistant.ingest.csv_sheet import csv_records


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as err:
        read_path(path)
    assert str(path) in str(err.value) and "empty" in str(err.value)


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_path(path)


def test_binary_file(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError) as err:
        read_path(path)
    assert "binary" in str(err.value) and str(path) in str(err.value)


def test_undecodable_bytes_name_the_position(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("合计\t1.00\n".encode() + b"\xff\xfe\xfd\x80\x80")
    doc = read_path(path)  # the damage is reported where it is; the text before it is kept
    assert doc.text.startswith("合计\t1.00\n")
    [failure] = doc.failures
    assert failure.row == 2 and failure.field == "encoding" and failure.message.startswith("bytes 12-16:")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)


def test_text_without_a_table():
    doc = read_bytes("这是一份会议纪要。\n没有任何表格。\n".encode(), "minutes.txt")
    with pytest.raises(InputError) as err:
        extract_table(doc)
    assert "minutes.txt" in str(err.value) and "no recognisable table" in str(err.value)


def test_csv_with_quoted_cells(seed_text, gold_table):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in seed_text.split("\n"):
        writer.writerow(line.split("\t") if "\t" in line else [line])
    data = buffer.getvalue().encode("utf-8")
    doc = read_bytes(data, "seed.csv", suffix=".csv")
    assert doc.layout == "csv"
    table = extract_table(doc)
    assert table.model_dump(mode="json") == gold_table.model_dump(mode="json")
    law = next(p for p in table.projects() if p.name == "区法学会经费")
    span = law.spans["amounts.total"]
    assert doc.text[span.start : span.end] == "40.00"


def test_csv_rows_keep_their_line_numbers():
    records, bad = csv_records('a,b\n"x\ny",z\nc,d\n')
    assert [line for line, _ in records] == [1, 2, 4] and not bad  # the line where each record begins
