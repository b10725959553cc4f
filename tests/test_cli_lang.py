"""The clerk's language on the command line: extract, draft and batch messages in Chinese
with ``--lang zh`` (and a Chinese or no locale), in English with ``--lang en``; codes, file
names and numbers stay as they are. Also the message catalogue itself and the OCR page
progress the CLI shows."""

from __future__ import annotations

import csv
import io
import re
import string
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from assistant.cli import main
from assistant.messages import MESSAGES, Msg, msg, ocr_page_label, render

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "gold" / "real"

#: three English words in a row: a sentence (a code is one word, a path has no spaces)
_ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'\-]+[A-Za-z]{2,}){2,}")


def _english_sentences(text: str, *remove: str) -> list[str]:
    """English sentences left in ``text``, but for what may stay English: paths, codes, and a
    library's own error text, which the Chinese message labels as 详情 (details)."""
    for part in remove:
        text = text.replace(part, " ")
    text = re.sub(r"（详情：[^）]*）", " ", text)
    text = re.sub(r"^用法：.*$", " ", text, flags=re.M)  # the command's syntax line
    text = text.replace("budget-assistant", " ")
    text = re.sub(r"(?:pip|apt-get) install [\w .-]+", " ", text)  # a command to run
    text = re.sub(r"可选(?:值之一)?：[\w, ]+", " ", text)  # the choices of an option are its values
    text = re.sub(r"\S*/\S*", " ", text)  # paths (and 财政拨款/其他资金-style pairs, which carry no English)
    return _ENGLISH.findall(text)


def _dev_sources() -> list[Path]:
    """The dev split's documents (the test split is never opened while developing)."""
    with (REAL / "manifest.csv").open(encoding="utf-8") as handle:
        return [REAL / r["id"] / "source.txt" for r in csv.DictReader(handle) if r["split"] == "dev"]


def _damaged_seed(seed_text: str, folder: Path) -> Path:
    """The seed with a bad amount, a cut item label, a line that is not a row and a damaged byte."""
    text = seed_text.replace("40.00\t40.00", "4O.0x\t40.00", 1).replace("年度指标值", "年度值", 1)
    path = folder / "受损的表.txt"
    path.write_bytes(text.encode("utf-8") + "\n说明文字\n".encode() + b"\xff\xfe\n")
    return path


def test_every_message_exists_in_both_languages_with_the_same_parameters():
    for code, text in MESSAGES.items():
        bare = re.sub(r"\{[^}]*\}", "", text.zh)
        assert re.search(r"[\u4e00-\u9fff]", bare) or not re.search(r"[A-Za-z]", bare), code  # 、{reasons}
        assert _english_sentences(bare) == [], code
        names = {n for s in text for _, n, _, _ in string.Formatter().parse(s) if n}
        values = dict.fromkeys(names, "x")
        assert render(code, "zh", **values) and render(code, "en", **values), code
    nested = Msg("READ_OVER_LIMIT", {"what": msg("SIZE_FILE"), "found": 9, "limit": "8 MB", "variable": "V"})
    assert nested.text("zh").startswith("文件大小") and str(nested).startswith("file size")
    with pytest.raises(KeyError):
        msg("NO_SUCH_CODE")


def test_extract_speaks_chinese_with_lang_zh(seed_text, tmp_path, capsys):
    damaged = _damaged_seed(seed_text, tmp_path)
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    runs = [
        (["--lang", "zh", "extract", str(damaged), "-o", str(tmp_path / "a.json")], 0),
        (["--lang", "zh", "extract", str(empty)], 2),
        (["--lang", "zh", "extract", str(tmp_path / "没有这个文件.txt")], 2),
        (["--lang", "zh", "extract", str(tmp_path)], 2),  # a folder without -o OUT_DIR
        (["--lang", "zh", "extract", str(damaged), "-b", "nope"], 2),
    ]
    for argv, code in runs:
        assert main(argv) == code, argv
        err = capsys.readouterr().err
        assert re.search(r"[\u4e00-\u9fff]", err), (argv, err)
        assert _english_sentences(err) == [], (argv, err)
    assert main(["--lang", "zh", "extract", str(damaged), "-o", str(tmp_path / "b.json")]) == 0
    err = capsys.readouterr().err
    assert "警告：" in err and "不是金额：“4O.0x”" in err and "没有“年度指标值”标签" in err
    assert "这一行不是表格行" in err and "字节起无法读取" in err


def test_extract_rows_of_the_dev_corpus_fail_in_chinese(tmp_path, capsys):
    """Every row failure the parsers raise on the real dev documents reads as Chinese."""
    said = 0
    for source in _dev_sources():
        main(["--lang", "zh", "extract", str(source), "-o", str(tmp_path / "out.json")])
        err = capsys.readouterr().err
        said += err.count("警告：")
        assert _english_sentences(err) == [], (source.parent.name, err)
    assert said > 0  # the dev corpus does have unread rows


def test_batch_summary_in_chinese_and_english(seed_text, tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    _damaged_seed(seed_text, inputs)
    (inputs / "坏的.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["--lang", "zh", "extract", str(inputs), "-o", str(tmp_path / "out"), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "共 2 个文件：" in err and "1 个部分读取" in err and "1 个失败" in err and "汇总见" in err
    assert _english_sentences(err) == [], err
    assert main(["--lang", "en", "extract", str(inputs), "-o", str(tmp_path / "out2"), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "2 file(s): 0 ok, 1 partial, 0 skipped, 1 failed" in err and "not a readable Excel workbook" in err


def test_extract_speaks_english_with_lang_en(seed_text, tmp_path, capsys):
    damaged = _damaged_seed(seed_text, tmp_path)
    assert main(["--lang", "en", "extract", str(damaged), "-o", str(tmp_path / "a.json")]) == 0
    err = capsys.readouterr().err.replace(str(damaged), "FILE")
    assert "warning:" in err and "not an amount: '4O.0x'" in err and "no 年度指标值 label" in err
    assert not re.search(r"[\u4e00-\u9fff]{2,}(?:是|的|了)", err.replace("年度指标值", ""))  # no Chinese sentence
    assert main(["--lang", "en", "extract", str(tmp_path / "missing.txt")]) == 2
    assert "error: " in capsys.readouterr().err


def test_the_json_keeps_english_messages_and_the_codes(seed_text, tmp_path):
    """Scripts read ``message`` as before; ``code`` and ``params`` let a page show it in Chinese."""
    import json

    from assistant.schema import Failure

    out = tmp_path / "a.json"
    assert main(["--lang", "zh", "extract", str(_damaged_seed(seed_text, tmp_path)), "-o", str(out)]) == 0
    failures = json.loads(out.read_text(encoding="utf-8"))["failures"]
    amount = next(f for f in failures if f["code"] == "NOT_AN_AMOUNT")
    assert amount["message"].startswith("not an amount: '4O.0x'") and amount["params"] == {"text": "4O.0x"}
    assert Failure.model_validate(amount).text("zh").startswith("不是金额")


def _draft_with_findings(monkeypatch):
    """A draft whose first indicator the linter faults (a vague value), whatever the library drafts."""
    from assistant.draft import adapt

    real = adapt.with_findings

    def vague_first(draft):
        first = draft.indicators[0].model_copy(update={"annual_value": "逐步提高"}).with_target()
        return real(draft.model_copy(update={"indicators": [first, *draft.indicators[1:]]}))

    monkeypatch.setattr(adapt, "with_findings", vague_first)


def test_draft_summary_and_findings_follow_the_language(tmp_path, capsys, monkeypatch):
    _draft_with_findings(monkeypatch)
    argv = ["draft", "--name", "社区普法宣传", "--goal", "每月组织开展一场普法讲座", "--budget", "20"]
    assert main(["--lang", "zh", *argv, "-o", str(tmp_path / "d.json")]) == 0
    err = capsys.readouterr().err
    assert "用指标库起草了" in err and "个指标检查错误" in err and "VALUE_VAGUE" in err and "错误" in err
    assert _english_sentences(err) == [], err
    assert main(["--lang", "en", *argv, "-o", str(tmp_path / "d.json")]) == 0
    err = capsys.readouterr().err
    assert "indicator(s) drafted with library" in err and "lint error(s) remain" in err
    assert "VALUE_VAGUE" in err and "is vague: says a direction" in err
    assert main(["--lang", "zh", "draft"]) == 2
    err = capsys.readouterr().err
    assert "请说明为哪个项目起草" in err and _english_sentences(err, "--name", "--goal", "--budget", "--input") == []


def test_ocr_page_labels():
    assert ocr_page_label(0, 3, "zh") == "OCR 识别第 1/3 页" and ocr_page_label(3, 3, "zh") == "OCR 识别完成，共 3 页"
    assert ocr_page_label(1, 3, "en") == "OCR page 2 of 3" and ocr_page_label(1, None, "en") == "OCR page 2"


class _OneBoxEngine:
    """An OCR engine that finds one text line per page (the OCR itself is tested elsewhere)."""

    name = "fake"

    def read_page(self, image):
        from assistant.ingest.ocr.engine import TextBox

        return [TextBox("合计", (60, 60, 120, 100), 0.9)]

    def read_lines(self, images):
        return [("合计", 0.9) for _ in images]


def _tiff(pages: int) -> bytes:
    page = np.full((400, 600), 255, np.uint8)
    page[50:52, :] = page[:, 50:52] = 0
    frames = [Image.fromarray(page) for _ in range(pages)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def test_the_cli_progress_bar_follows_ocr_pages(tmp_path, monkeypatch):
    """A scan's pages reach the progress bar as they are read, through the reader's callback."""
    from assistant.cli.commands import extract as command
    from assistant.ingest.ocr import image

    monkeypatch.setattr(image, "get_engine", lambda: _OneBoxEngine())
    seen: list[tuple[int, int | None, str]] = []

    @contextmanager
    def recording_bar(enabled, label=""):
        yield lambda done, total, name: seen.append((done, total, name))

    monkeypatch.setattr(command, "progress_bar", recording_bar)
    scan = tmp_path / "scan.tiff"
    scan.write_bytes(_tiff(3))
    main(["--lang", "zh", "extract", str(scan), "-o", str(tmp_path / "scan.json")])
    assert seen == [
        (0, 3, "OCR 识别第 1/3 页"),
        (1, 3, "OCR 识别第 2/3 页"),
        (2, 3, "OCR 识别第 3/3 页"),
        (3, 3, "OCR 识别完成，共 3 页"),
    ]
