"""Small malicious and broken files, written from scratch, for the limit tests and benchmarks.

Each writer takes a folder and returns the path of one file. Sizes are parameters: the
tests make small ones against lowered limits, ``benchmarks/bench_malicious.py`` makes the
ones the issue measured (a 4 GB zip member, a 100,000-page PDF, a 10,000-page TIFF …).
PDFs are written byte by byte (objects, xref, trailer) so that every field a hostile
file could set (MediaBox, /UserUnit, a content stream's length) is under our control.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

__all__ = [
    "BUILDERS",
    "broken_items_table",
    "deep_json",
    "docx_entity",
    "ole_file",
    "pdf_big_page",
    "pdf_many_pages",
    "pdf_stream_bomb",
    "png_huge",
    "tiff_many_pages",
    "xlsx_declared_dimension",
    "xlsx_far_cells",
    "xlsx_many_cells",
    "zip_bomb",
]

_MB = 1024 * 1024


def xlsx_far_cells(folder: Path, name: str = "far.xlsx") -> Path:
    """A 5 KB workbook with cells at A1 and XFD1048576: a 17-billion-cell grid if read naively."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "项目名称"
    sheet["XFD1048576"] = "x"
    path = folder / name
    workbook.save(path)
    return path


def _rewrite_member(source: Path, target: Path, member: str, transform) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, transform(data) if info.filename == member else data)
    return target


def xlsx_declared_dimension(folder: Path, name: str = "declared.xlsx", ref: str = "A1:XFD1048576") -> Path:
    """A workbook with one cell whose sheet declares ``<dimension ref="A1:XFD1048576"/>``."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "项目名称"
    plain = folder / f"plain-{name}"
    workbook.save(plain)
    import re

    def declare(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml)

    return _rewrite_member(plain, folder / name, "xl/worksheets/sheet1.xml", declare)


def xlsx_many_cells(folder: Path, name: str = "cells.xlsx", rows: int = 200_000, columns: int = 10) -> Path:
    """A workbook whose one sheet really holds ``rows × columns`` small cells (well compressed)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "项目名称"
    plain = folder / f"plain-{name}"
    workbook.save(plain)
    letters = [chr(65 + c) for c in range(columns)]

    def many(_: bytes) -> bytes:
        out = io.BytesIO()
        out.write(
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        )
        for r in range(1, rows + 1):
            out.write(f'<row r="{r}">'.encode())
            out.write("".join(f'<c r="{c}{r}"><v>1</v></c>' for c in letters).encode())
            out.write(b"</row>")
        out.write(b"</sheetData></worksheet>")
        return out.getvalue()

    return _rewrite_member(plain, folder / name, "xl/worksheets/sheet1.xml", many)


def zip_bomb(folder: Path, name: str = "bomb.docx", inflated: int = 4 * 1024 * _MB, kind: str = "docx") -> Path:
    """A .docx (or .xlsx) whose main XML part inflates to ``inflated`` bytes of spaces."""
    path = folder / name
    main = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES[kind])
        archive.writestr("_rels/.rels", _RELS[kind])
        if kind == "xlsx":
            archive.writestr("xl/workbook.xml", _WORKBOOK)
            archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        info = zipfile.ZipInfo(main)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            block = b" " * (16 * _MB)
            left = inflated
            while left > 0:
                member.write(block[: min(left, len(block))])
                left -= len(block)
    return path


def docx_entity(folder: Path, name: str = "entity.docx") -> Path:
    """A Word file whose document.xml declares an external entity and uses it unresolved."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目名称"
    table.cell(0, 1).text = "ENTITY_HERE"
    plain = folder / f"plain-{name}"
    document.save(plain)

    def crafted(xml: bytes) -> bytes:
        head, _, body = xml.partition(b"?>")
        doctype = b'<!DOCTYPE w:document [<!ENTITY ext SYSTEM "file:///nonexistent/secret">]>'
        return head + b"?>" + doctype + body.replace(b"ENTITY_HERE", b"&ext;")

    return _rewrite_member(plain, folder / name, "word/document.xml", crafted)


# ---- PDFs written object by object -------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (numbered from 1; object 1 is the catalog) with its xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"", *, flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_big_page(folder: Path, name: str = "big.pdf", size: float = 14400, user_unit: float | None = None) -> Path:
    """A one-page scanned PDF (an image, no text) of ``size`` × ``size`` points, optionally with /UserUnit."""
    unit = b" /UserUnit %g" % user_unit if user_unit else b""
    image = _stream(
        b"\xff" * 64, b" /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8"
    )
    content = _stream(b"q %g 0 0 %g 0 0 cm /Im1 Do Q" % (size, size))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g]%s /Resources << /XObject << /Im1 5 0 R >> >>"
        b" /Contents 4 0 R >>" % (size, size, unit),
        content,
        image,
    ]
    path = folder / name
    path.write_bytes(_pdf(objects))
    return path


def pdf_stream_bomb(folder: Path, name: str = "stream.pdf", inflated: int = 2 * 1024 * _MB) -> Path:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes (text operators, then spaces)."""
    compressor = zlib.compressobj(9)
    head = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"
    parts = [compressor.compress(head)]
    block = b" " * (16 * _MB)
    left = inflated - len(head)
    while left > 0:
        parts.append(compressor.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(compressor.flush())
    data = b"".join(parts)
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path = folder / name
    path.write_bytes(_pdf(objects))
    return path


def pdf_many_pages(folder: Path, name: str = "pages.pdf", pages: int = 100_000) -> Path:
    """A PDF of ``pages`` blank pages sharing one small content stream (a few MB)."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _stream(b"0 0 m 1 1 l S"),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    path = folder / name
    path.write_bytes(_pdf(objects))
    return path


# ---- images ------------------------------------------------------------------------------


def tiff_many_pages(folder: Path, name: str = "pages.tif", pages: int = 10_000, size: int = 16) -> Path:
    """A multi-page TIFF of ``pages`` small white pages, every page pointing at one shared strip.

    Written tag by tag: saving 10,000 pages through Pillow takes minutes."""
    strip = b"\xff" * (size * size)
    entries = [
        (256, 3, size),
        (257, 3, size),
        (258, 3, 8),
        (259, 3, 1),
        (262, 3, 1),
        (273, 4, 8),
        (277, 3, 1),
        (278, 3, size),
        (279, 4, len(strip)),
    ]
    ifd_size = 2 + 12 * len(entries) + 4
    out = io.BytesIO()
    first = 8 + len(strip)
    out.write(b"II*\x00" + struct.pack("<I", first) + strip)
    for page in range(pages):
        out.write(struct.pack("<H", len(entries)))
        for tag, kind, value in entries:
            packed = struct.pack("<HI", value, 0)[:4] if kind == 3 else struct.pack("<I", value)
            out.write(struct.pack("<HHI", tag, kind, 1) + packed)
        following = first + (page + 1) * ifd_size if page + 1 < pages else 0
        out.write(struct.pack("<I", following))
    path = folder / name
    path.write_bytes(out.getvalue())
    return path


def png_huge(folder: Path, name: str = "huge.png", width: int = 12_000, height: int = 12_000) -> Path:
    """A white grayscale PNG of width × height pixels, written row by row (never held whole)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )
    path = folder / name
    path.write_bytes(data)
    return path


# ---- other ---------------------------------------------------------------------------------


def deep_json(folder: Path, name: str = "deep.json", depth: int = 100_000) -> Path:
    """JSON nested ``depth`` deep (lists), which Python's recursive decoders cannot take."""
    path = folder / name
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    return path


def ole_file(folder: Path, name: str = "old.doc", stream: str = "WordDocument") -> Path:
    """The start of an OLE compound file (Word/Excel 97-2003, WPS) naming its main stream."""
    path = folder / name
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + stream.encode("utf-16-le") + b"\x00" * 1024)
    return path


def broken_items_table(seed_text: str, items: int) -> str:
    """The seed table with one project's 绩效指标 cell replaced by ``items`` broken items
    (numbered, level-1 names, but no level-2 code and no value labels)."""
    lines = seed_text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.count("\t") >= 6 and "1-产出指标" in line)
    cells = lines[at].split("\t")
    cells[-1] = "".join(f"{n}、1-产出指标:坏的指标名称{n}。" for n in range(1, items + 1))
    lines[at] = "\t".join(cells)
    return "\n".join(lines)


#: name -> (writer, kwargs for the full-size file the issue measured)
BUILDERS = {
    "xlsx_far_cells (A1 and XFD1048576)": (xlsx_far_cells, {}),
    "xlsx_declared_dimension (A1:XFD1048576)": (xlsx_declared_dimension, {}),
    "xlsx_many_cells (3,000,000 cells)": (xlsx_many_cells, {"rows": 300_000, "columns": 10}),
    "docx zip bomb (4 GB member)": (zip_bomb, {}),
    "xlsx zip bomb (4 GB member)": (zip_bomb, {"name": "bomb.xlsx", "kind": "xlsx"}),
    "docx unresolved entity": (docx_entity, {}),
    "pdf page 14,400 pt": (pdf_big_page, {}),
    "pdf /UserUnit 50": (pdf_big_page, {"name": "unit.pdf", "size": 612, "user_unit": 50}),
    "pdf content stream 2 GB": (pdf_stream_bomb, {}),
    "pdf 100,000 pages": (pdf_many_pages, {}),
    "tiff 10,000 pages": (tiff_many_pages, {}),
    "png 12,000 x 12,000": (png_huge, {}),
    "json 100,000 deep": (deep_json, {}),
    "old .doc (OLE)": (ole_file, {}),
}

_CONTENT_TYPES = {
    "docx": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    b'"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
    b'document.main+xml"/></Types>',
    "xlsx": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    b'"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    b'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
}
_RELS = {
    "docx": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "xlsx": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
}
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
