"""Text inputs: decoding (UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK) and row splitting.

Legacy Windows files in these offices are often GBK; Excel's "Unicode text" export is
UTF-16. The decoded text is what every character offset refers to, with newlines folded
to ``\\n``, so the same table in any encoding yields the same records and spans.
"""

from __future__ import annotations

import codecs
import csv
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass

from ..errors import InputError
from ..messages import msg
from ..schema import Failure
from .csv_sheet import delimiter_of, quoted_tab_text, read_csv_sheet
from .document import Cell, Document, Row
from .reflow import reflow_rows

__all__ = ["decode_bytes", "decode_text", "Decoded", "read_text", "split_tabbed", "looks_tabbed"]

_EXPECTED = "a text table (.txt/.tsv/.csv) in UTF-8 or GB18030"
#: control characters no table text holds (tab, newlines and form feed are kept)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_REPLACEMENT = "\ufffd"
_CJK = re.compile("[\u3400-\u9fff]")
#: damaged places listed one by one; the rest are counted in one more failure
_DAMAGE_LISTED = 50
#: share of damaged characters above which the input is binary, not a damaged text
_BINARY_SHARE = 0.10
_SAMPLE = 65536

_recorded = threading.local()


#: undecodable places whose offsets are kept; beyond it they are only counted (memory stays bounded)
_RECORDED = 10_000


def _record_error(exc: UnicodeDecodeError) -> tuple[str, int]:
    """A codec error handler: note where the undecodable bytes are, put U+FFFD in their place."""
    if len(_recorded.spans) < _RECORDED:
        _recorded.spans.append((exc.start, exc.end))
    else:
        _recorded.more += 1
    return _REPLACEMENT, exc.end


codecs.register_error("assistant.record", _record_error)


def _decode(data: bytes, encoding: str) -> tuple[str, list[tuple[int, int]], int]:
    """Decode with every undecodable run replaced by U+FFFD; also return the runs' byte ranges
    (the first 10,000) and how many more there were."""
    _recorded.spans, _recorded.more = [], 0
    try:
        text = data.decode(encoding, errors="assistant.record")
        return text, _recorded.spans, _recorded.more
    finally:
        _recorded.spans, _recorded.more = [], 0


@dataclass(slots=True)
class Decoded:
    """Decoded text (newlines folded), its encoding, the damaged places as ``(byte, end, what)``
    and how many more places were damaged than are listed."""

    text: str
    encoding: str
    damage: list[tuple[int, int, str]]
    more: int = 0


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode input bytes, detecting the encoding, keeping what a damaged file still holds.

    Undecodable bytes and control characters (a NUL byte, a stray byte at the end, a
    byte-order mark followed by broken text) become U+FFFD and are listed in ``damage``
    with their byte offset; only input that is mostly damage is refused as binary.

    Raises:
        InputError: the bytes are empty, binary, or in no supported encoding.
    """
    if not data.strip():
        raise InputError(source, msg("READ_EMPTY_TEXT", expected=_EXPECTED))
    if data.startswith(b"\xef\xbb\xbf"):
        candidates, skip = [("utf-8", "utf-8-sig")], 3
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates, skip = [("utf-16", "utf-16")], 0
    else:
        candidates, skip = [("utf-8", "utf-8"), ("gb18030", "gb18030")], 0
    body = data[skip:]
    sample = body[:_SAMPLE]
    best = None
    for codec, label in candidates:
        text, errors, more = _decode(sample, codec)
        damaged = len(_merged([(a, b, "") for a, b in errors])) + more + len(_CONTROL.findall(text))
        if best is None or damaged < best[0]:
            best = (damaged, codec, label, len(text))
        if not errors or (codec == "utf-8" and len(_CJK.findall(text)) >= damaged):
            break  # UTF-8 with a few broken places: GBK bytes almost never form a UTF-8 Chinese character
    damaged, codec, label, length = best
    if damaged > max(8, length * _BINARY_SHARE):
        raise InputError(source, msg("READ_BINARY", expected=_EXPECTED))
    text, errors, more = _decode(body, codec)
    damage = [(skip + a, skip + b, f"cannot be decoded as {codec.upper()}") for a, b in errors]
    controls: list[tuple[int, int, str]] = []
    if _CONTROL.search(text):
        text, controls, unlisted = _blank_controls(text, data, codec, skip)
        more += unlisted
    if len(errors) + len(controls) + more > max(8, len(text) * _BINARY_SHARE):  # the sample was text, the rest not
        raise InputError(source, msg("READ_BINARY", expected=_EXPECTED))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.replace(_REPLACEMENT, "").strip():
        raise InputError(source, msg("READ_EMPTY_TEXT", expected=_EXPECTED))
    return Decoded(text, label, _merged(sorted(damage + controls)), more)


def _merged(damage: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Adjacent damaged bytes as one place: a cut character and the NUL after it are one repair."""
    merged: list[tuple[int, int, str]] = []
    for start, end, what in damage:
        if merged and start <= merged[-1][1]:
            first, last, said = merged[-1]
            merged[-1] = (first, max(end, last), said if what in said else f"{said}, {what}")
        else:
            merged.append((start, end, what))
    return merged


def _blank_controls(text: str, data: bytes, codec: str, skip: int) -> tuple[str, list[tuple[int, int, str]], int]:
    """Replace control characters by U+FFFD; return the text, the first ones with their byte
    offset, and how many more there were.

    In UTF-8 and GB18030 a byte below 0x20 is always a character of its own, so its byte
    offset is found in the bytes; in UTF-16 it is counted from the characters before it.
    """
    text = text.rstrip("\x1a")  # the end-of-file mark of old DOS editors is not data
    listed: list[tuple[int, int, str]] = []
    total = 0
    if codec == "utf-16":
        position, offset = 0, 2
        for match in _CONTROL.finditer(text):
            total += 1
            if len(listed) < _RECORDED:
                offset += len(text[position : match.start()].encode("utf-16-le"))
                position = match.start()
                listed.append((offset, offset + 2, f"control character U+{ord(match.group()):04X}"))
    else:
        end = len(data.rstrip(b"\x1a"))
        for match in re.finditer(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]", data[skip:end]):
            total += 1
            if len(listed) < _RECORDED:
                what = "NUL byte" if match.group() == b"\x00" else f"control character 0x{match.group()[0]:02X}"
                listed.append((skip + match.start(), skip + match.end(), what))
    return _CONTROL.sub(_REPLACEMENT, text), listed, total - len(listed)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode input bytes, detecting the encoding. Returns ``(text, encoding)``.

    Damaged places are replaced by U+FFFD (see :func:`decode_text` for where they are).

    Raises:
        InputError: the bytes are empty, binary, or in no supported encoding.
    """
    decoded = decode_text(data, source)
    return decoded.text, decoded.encoding


def damage_failures(data: bytes, decoded: Decoded, source: str) -> list[Failure]:
    """One Failure per damaged place (the first 50, then one that counts the rest), with its line."""
    if not decoded.damage:
        return []
    utf16 = decoded.encoding == "utf-16"
    breaks = [] if utf16 else [m.start() for m in re.finditer(rb"\r\n?|\n", data)]
    failures: list[Failure] = []
    line, counted = 1, 0  # UTF-16: lines counted from one damaged place to the next
    codec16 = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
    for start, end, what in decoded.damage[:_DAMAGE_LISTED]:
        if utf16:
            between = data[counted : start - (start - counted) % 2].decode(codec16, errors="replace")
            line += len(re.findall(r"\r\n?|\n", between))
            counted = start - (start - counted) % 2
        else:
            line = bisect_right(breaks, start - 1) + 1
        where = f"byte {start}" if end - start <= 1 else f"bytes {start}-{end - 1}"
        failures.append(
            Failure(
                source=source,
                row=line,
                field="encoding",
                message=msg("READ_DAMAGED_BYTES", where=where, what=what, start=start),
                raw=_excerpt_bytes(data, start, end),
            )
        )
    if len(decoded.damage) > _DAMAGE_LISTED or decoded.more:
        more = len(decoded.damage) - _DAMAGE_LISTED + decoded.more
        failures.append(
            Failure(
                source=source,
                field="encoding",
                message=msg("READ_MORE_DAMAGE", more=more, listed=_DAMAGE_LISTED),
            )
        )
    return failures


def _excerpt_bytes(data: bytes, start: int, end: int) -> str:
    """The damaged bytes with a little context, written so any byte can be seen."""
    return repr(data[max(0, start - 12) : min(len(data), end + 12)])


def looks_tabbed(text: str) -> bool:
    """True when the text keeps its table as tab-separated cells (at least one wide row)."""
    for line in text.split("\n", 2000)[:2000]:
        if line.count("\t") >= 3:
            return True
    return False


def split_tabbed(text: str) -> list[Row]:
    """One Row per non-blank line, cells split on tabs, offsets exact."""
    rows: list[Row] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        cells: list[Cell] = []
        pos = line_start
        for col, piece in enumerate(line.split("\t")):
            cells.append(Cell(piece, pos, pos + len(piece), number, col))
            pos += len(piece) + 1
        rows.append(Row(cells, number, line))
    return rows


def _sheet(text: str, source: str, encoding: str, delimiter: str, failures: list[Failure]) -> Document:
    """A CSV text read as its sheet, the damaged places first among its failures.

    Raises:
        InputError: the csv module cannot read it even leniently.
    """
    try:
        doc = read_csv_sheet(text, source, encoding, delimiter)
    except csv.Error as exc:
        raise InputError(source, msg("READ_BAD_CSV", reason=str(exc))) from None
    doc.failures[:0] = failures
    return doc


def read_text(data: bytes, source: str, *, suffix: str = ".txt") -> Document:
    """Read a text table: tab-separated, CSV (record by record, as the sheet it was saved from:
    :mod:`assistant.ingest.csv_sheet`), or reflowed (one cell per line, wrapped).

    Damaged bytes are read as U+FFFD and each place is listed in ``Document.failures``.

    Raises:
        InputError: the input cannot be decoded.
    """
    decoded = decode_text(data, source)
    text, encoding = decoded.text, decoded.encoding
    failures = damage_failures(data, decoded, source)
    if suffix == ".csv" and (delimiter := delimiter_of(text)):
        return _sheet(text, source, encoding, delimiter, failures)  # the sheet it was saved from, cell by cell
    if looks_tabbed(text):
        if quoted_tab_text(text):  # Excel's "Unicode text" with a cell typed over lines: read as its sheet
            return _sheet(text, source, encoding, "\t", failures)
        return Document(source, text, split_tabbed(text), encoding, layout="tabbed", failures=failures)
    return Document(source, text, reflow_rows(text), encoding, layout="reflowed", failures=failures)
