"""Every message a clerk reads outside the findings, in Chinese and English, by stable code.

Readers, parsers and the CLI do not write sentences: they name a code and its parameters
(:class:`Msg`), and the sentence is rendered here in the clerk's language (``--lang``,
``ASSISTANT_LANG``, the locale: :func:`assistant.settings.lang`). A row failure keeps its
code and parameters, so ``extract``'s JSON can be shown in Chinese later (the workbench
does) while its ``message`` stays the English text scripts already read. Findings of
``validate`` / ``lint`` have their own registry, :data:`assistant.checks.RULES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

__all__ = ["MESSAGES", "Msg", "Text", "msg", "render", "say"]

Lang = Literal["zh", "en"]


class Text(NamedTuple):
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Msg:
    """A message by code with its parameters; a parameter may itself be a :class:`Msg`."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"unknown message code {self.code!r}")

    def text(self, lang: Lang | None = None) -> str:
        return render(self.code, lang, **self.params)

    def __str__(self) -> str:  # the English text, as logs and older callers read it
        return self.text("en")

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _json(v) for k, v in self.params.items()}}


def _json(value: Any) -> Any:
    return value.to_json() if isinstance(value, Msg) else value


def msg(code: str, **params: Any) -> Msg:
    return Msg(code, params)


def render(code: str, lang: Lang | None = None, /, **params: Any) -> str:
    """The message ``code`` in ``lang`` (default: the clerk's), with its parameters filled in."""
    from .settings import lang as current

    lang = lang or current()
    text = MESSAGES[code]
    values = {k: _value(v, lang) for k, v in params.items()}
    return (text.zh if lang == "zh" else text.en).format(**values)


def _value(value: Any, lang: Lang) -> Any:
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, dict) and set(value) == {"code", "params"} and value["code"] in MESSAGES:
        return render(value["code"], lang, **value["params"])  # a nested message read back from JSON
    return value


def say(code: str, **params: Any) -> str:
    """``render`` in the clerk's language: what the CLI prints."""
    return render(code, None, **params)


_TEXT = "文本表格（.txt/.tsv/.csv，UTF-8 或 GB18030 编码）"
_IMAGE = "扫描页图像（PNG、JPEG 或 TIFF）"

MESSAGES: dict[str, Text] = {
    # ---- the command line ----------------------------------------------------------------
    "CLI_ERROR": Text("错误：{message}", "error: {message}"),
    "CLI_WARNING": Text("警告：{message}", "warning: {message}"),
    "CLI_INTERRUPTED": Text("已中断", "interrupted"),
    "CLI_INTERNAL": Text(
        "错误：程序内部错误 {kind}：{detail}（加 --debug 重新运行可看到详细信息，请报告此问题）",
        "error: internal error {kind}: {detail} (rerun with --debug to see the traceback, and report it)",
    ),
    "PROGRESS_READING": Text("读取中", "reading"),
    "PROGRESS_EXTRACTING": Text("提取中", "extracting"),
    "PROGRESS_LLM_CHUNKS": Text("大模型分块", "LLM chunks"),
    "PROGRESS_OCR_PAGE": Text("OCR 识别第 {page}/{total} 页", "OCR page {page} of {total}"),
    "PROGRESS_OCR_PAGE_OF_UNKNOWN": Text("OCR 识别第 {page} 页", "OCR page {page}"),
    "PROGRESS_OCR_DONE": Text("OCR 识别完成，共 {total} 页", "OCR done, {total} page(s)"),
    "BATCH_STATUS_ok": Text("成功", "ok"),
    "BATCH_STATUS_partial": Text("部分读取", "partial"),
    "BATCH_STATUS_skipped": Text("已是最新，跳过", "skipped"),
    "BATCH_STATUS_failed": Text("失败", "failed"),
    "BATCH_STATUS_not_done": Text("未处理", "not_done"),
    "BATCH_ROWS_NOT_READ": Text("{count} 行未能读取，例如 {example}", "{count} row(s) not read, e.g. {example}"),
    "BATCH_NOT_DONE": Text("未处理：批量处理被中断", "not done: the batch was interrupted"),
    "BATCH_TABLE_TITLE": Text("有问题的文件", "files with problems"),
    "BATCH_COLUMN_FILE": Text("文件", "file"),
    "BATCH_COLUMN_STATUS": Text("状态", "status"),
    "BATCH_COLUMN_WHY": Text("原因", "why"),
    "BATCH_COUNT": Text("{count} 个{status}", "{count} {status}"),
    "BATCH_SUMMARY": Text(
        "共 {files} 个文件：{counts}，用时 {seconds} 秒；汇总见 {summary}",
        "{files} file(s): {counts} in {seconds} s; summary in {summary}",
    ),
    "LEDGER_TITLE": Text("大模型用量", "LLM ledger"),
    "LEDGER_ITEM": Text("项目", "item"),
    "LEDGER_VALUE": Text("数值", "value"),
    "LEDGER_MODEL": Text("模型 {model}，提示词 {prompt}", "model {model}, prompt {prompt}"),
    "OPTION_CHOOSE_LANG": Text("请选择 zh 或 en", "choose zh or en"),
    "OPTION_NOT_ONE_OF": Text("{value!r} 不是可选值之一：{choices}", "{value!r} is not one of {choices}"),
    "OPTION_BATCH_NEEDS_DIR": Text(
        "多个输入或一个文件夹：请用 -o 输出文件夹 指定输出文件夹",
        "several inputs or a folder: give an output folder with -o OUT_DIR",
    ),
    "OPTION_BATCH_NOT_A_FILE": Text(
        "多个输入或一个文件夹要写到文件夹里，而不是文件 {output!r}：请用 -o 输出文件夹",
        "several inputs or a folder are written to a folder, not to the file {output!r}: give -o OUT_DIR",
    ),
    "OPTION_XLSX_BINARY": Text(
        "xlsx 是二进制文件：请用 -o 文件名.xlsx 指定输出文件", "xlsx is binary: give -o FILE.xlsx"
    ),
    "DRAFT_NEEDS_PROJECT": Text("请用 --project 项目名称 指定要起草的项目行", "give the project row to draft for with --project NAME"),
    "DRAFT_NEEDS_INPUT": Text(
        "请说明为哪个项目起草：--name 项目名称 [--goal …] [--budget …]、--input 文件，或 --from 表格 --project 项目名称",
        "say what to draft for: --name NAME [--goal …] [--budget …], --input FILE, or --from TABLE --project NAME",
    ),
    "DRAFT_UNKNOWN_FORMAT": Text(
        "未知的格式 {fmt!r}；可选：{choices}", "unknown format {fmt!r}; choose one of {choices}"
    ),
    "DRAFT_TABLE_TO_STDOUT": Text(
        "终端表格只输出到屏幕；写入文件请用 -f json/xlsx/source 加 -o",
        "the terminal table goes to standard output; use -f json/xlsx/source with -o",
    ),
    "DRAFT_XLSX_NEEDS_FILE": Text(
        "xlsx 是二进制文件：请用 -o draft.xlsx 指定文件", "xlsx is binary: give a file with -o draft.xlsx"
    ),
    "DRAFT_FINDING": Text(
        "{code:<22} {severity:<7} #{seq} {indicator}：{message}（修改建议：{fix}）",
        "{code:<22} {severity:<7} #{seq} {indicator}: {message} (fix: {fix})",
    ),
    "DRAFT_SUMMARY_PASSES": Text(
        "用{backend}起草了 {count} 条指标{attempts}；通过指标检查",
        "{count} indicator(s) drafted with {backend}{attempts}; passes the linter",
    ),
    "DRAFT_SUMMARY_ERRORS": Text(
        "用{backend}起草了 {count} 条指标{attempts}；仍有 {errors} 个指标检查错误",
        "{count} indicator(s) drafted with {backend}{attempts}; {errors} lint error(s) remain",
    ),
    "DRAFT_ATTEMPTS": Text("（尝试 {attempts} 次）", " in {attempts} attempt(s)"),
    "DRAFT_BACKEND_library": Text("指标库", "library"),
    "DRAFT_BACKEND_llm": Text("大模型", "llm"),
    "DRAFT_TITLE": Text("{name} — 绩效指标草稿（{backend}）", "{name} — 绩效指标草稿 ({backend})"),
    # ---- reading files (assistant.ingest) ------------------------------------------------
    "READ_NO_SUCH_FILE": Text("文件不存在", "no such file"),
    "READ_IS_FOLDER": Text(
        "这是文件夹；请给出一个文件（或用 -o 输出文件夹 进行批量提取）",
        "is a folder; give a file (or use batch extraction with -o DIR)",
    ),
    "READ_CANNOT_READ": Text("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "READ_EMPTY_TEXT": Text(f"文件是空的；应为{_TEXT}", "the file is empty; expected {expected}"),
    "READ_BINARY": Text(f"这是二进制文件，不是{_TEXT}", "this is a binary file, not {expected}"),
    "READ_BAD_CSV": Text("不是可读取的 CSV 文件：{reason}", "not a readable CSV file: {reason}"),
    "READ_DAMAGED_BYTES": Text(
        "{where_zh}无法按 {codec} 解码，已替换为 �，请核对原文件", "{where}: {what}; replaced by U+FFFD"
    ),
    "READ_MORE_DAMAGE": Text(
        "在列出的 {listed} 处之后另有 {more} 处损坏", "{more} more damaged places after the {listed} listed"
    ),
    "READ_OLD_OFFICE": Text(
        "这是旧版 {old} 文件，请在 Excel/Word/WPS 中另存为 {new} 后再读取",
        "an old binary Office file: save it as {new} and read that",
    ),
    "READ_DAMAGED_ZIP": Text("zip/Office 文件已损坏：{reason}", "a damaged zip/Office file: {reason}"),
    "READ_ZIP_NOT_OFFICE": Text(
        "这是 zip 压缩包，不是 Word/Excel 文件；请解压后读取其中的表格",
        "a zip archive, not a .docx/.xlsx: unzip it and read the table inside",
    ),
    "READ_KIND_MISMATCH": Text(
        "文件内容是 {kind} 格式，已按 {kind} 读取", "the file is a {kind} file named {named}; read as {kind}"
    ),
    "READ_OVER_LIMIT": Text(
        "{what} {found} 超过上限 {limit}；文件可信时可设置 {variable}=更大的值后重试",
        "{what} {found} exceeds the limit of {limit}; if the file is trusted, raise it with {variable}=N",
    ),
    "LIMIT_NOT_WHOLE": Text("必须是整数，而不是 {raw!r}", "must be a whole number, not {raw!r}"),
    "LIMIT_NOT_POSITIVE": Text("必须是正数，而不是 {raw!r}", "must be a positive number, not {raw!r}"),
    "LIMIT_XML_ENTITIES": Text(
        "{member} 含有 DOCTYPE/实体声明，Word/Excel 不会这样保存，文件已损坏或被篡改",
        "{member} declares a DOCTYPE or XML entities, which Word and Excel never write: the file is damaged or crafted",
    ),
    "SIZE_INPUT": Text("标准输入的大小", "size of the input"),
    "SIZE_FILE": Text("文件大小（MB）", "file size (MB)"),
    "SIZE_UNZIPPED": Text("解压后大小（MB）", "uncompressed size (MB)"),
    "SIZE_ZIP_RATIO": Text("压缩成员 {member} 的压缩比", "compression ratio of {member}"),
    "SIZE_SHEET_DECLARED_ROWS": Text("工作表 {sheet} 声明的行数", "declared rows of sheet {sheet}"),
    "SIZE_SHEET_DECLARED_COLUMNS": Text("工作表 {sheet} 声明的列数", "declared columns of sheet {sheet}"),
    "SIZE_SHEET_CELLS": Text("工作表 {sheet} 的单元格数", "cells of sheet {sheet}"),
    "SIZE_SHEET_ROWS": Text("工作表 {sheet} 的行数", "rows of sheet {sheet}"),
    "SIZE_SHEET_COLUMNS": Text("工作表 {sheet} 的列数", "columns of sheet {sheet}"),
    "SIZE_SHEET_GRID": Text(
        "工作表 {sheet} 的区域（{rows} 行 × {columns} 列）", "cells of the grid of sheet {sheet} ({rows} × {columns})"
    ),
    "SIZE_IMAGE_PAGES": Text("图像页数", "pages of the image"),
    "SIZE_IMAGE_PIXELS": Text(
        "第 {page} 页图像像素（{width} × {height}）", "pixels of page {page} ({width} × {height})"
    ),
    "SIZE_PDF_PAGES": Text("PDF 页数", "pages of the PDF"),
    "SIZE_PDF_PIXELS": Text("第 {page} 页按 {dpi} dpi 的像素", "pixels of page {page} at {dpi} dpi"),
    "SIZE_PDF_STREAM": Text("第 {page} 页内容流解压后大小（MB）", "decoded content of page {page} (MB)"),
    "SIZE_PDF_OCR_PIXELS": Text("第 {page} 页扫描图像像素", "pixels of the scanned image of page {page}"),
    "DOCX_EMPTY": Text("文件是空的；应为 Word 文档（.docx）", "the file is empty; expected a Word document (.docx)"),
    "DOCX_UNREADABLE": Text("不是可读取的 Word 文档{hint}：{reason}", "not a readable Word document{hint}: {reason}"),
    "DOCX_OLD_HINT": Text("（旧版 .doc 文件？请另存为 .docx）", " (an old .doc file? save it as .docx)"),
    "DOCX_NO_TABLE": Text(
        "Word 文档中没有表格；应为项目支出绩效目标表或项目申报表",
        "the Word document has no table; expected a 项目支出绩效目标表 or a project form",
    ),
    "DOCX_NO_BUDGET_TABLE": Text(
        "{count} 个表格都不是项目支出绩效目标表（表头 项目名称 | 总计 | … | 绩效指标）"
        "或项目表（一级指标 | 二级指标 | 三级指标）",
        "none of the {count} tables is a 项目支出绩效目标表 (header 项目名称 | 总计 | … | 绩效指标) "
        "or a project form (一级指标 | 二级指标 | 三级指标)",
    ),
    "XLSX_EMPTY": Text("文件是空的；应为 Excel 工作簿（.xlsx）", "the file is empty; expected an Excel workbook (.xlsx)"),
    "XLSX_UNREADABLE": Text("不是可读取的 Excel 工作簿{hint}：{reason}", "not a readable Excel workbook{hint}: {reason}"),
    "XLSX_OLD_HINT": Text("（旧版 .xls 文件？请另存为 .xlsx）", " (an old .xls file? save it as .xlsx)"),
    "XLSX_NO_BUDGET_TABLE": Text(
        "没有哪个工作表是项目支出绩效目标表（表头 项目名称 | 总计 | 财政拨款 | … | 绩效指标）"
        "或项目表（一级指标 | 二级指标 | 三级指标）；工作表：{sheets}",
        "no sheet holds a 项目支出绩效目标表 (header 项目名称 | 总计 | 财政拨款 | … | 绩效指标) "
        "or a project form (一级指标 | 二级指标 | 三级指标); sheets: {sheets}",
    ),
    "IMAGE_EMPTY": Text(f"文件是空的；应为{_IMAGE}", "the file is empty; expected {expected}"),
    "IMAGE_TOO_SMALL": Text(
        "第 {page} 页只有 {width} × {height} 像素，图像太小，不是扫描的表格",
        "page {page} is {width} × {height} pixels, too small to be a scanned table",
    ),
    "IMAGE_UNREADABLE": Text(f"不是本工具能读取的图像；应为{_IMAGE}", "not an image this tool can read; expected {expected}"),
    "IMAGE_TOO_LARGE": Text("图像太大，无法安全读取（{reason}）", "the image is too large to read safely ({reason})"),
    "IMAGE_DAMAGED": Text(
        f"图像已损坏或不完整（{{kind}}：{{reason}}）；应为{_IMAGE}",
        "the image is damaged or truncated ({kind}: {reason}); expected {expected}",
    ),
    "IMAGE_NO_PAGES": Text(f"图像没有页面；应为{_IMAGE}", "the image has no pages; expected {expected}"),
    "IMAGE_NO_TEXT": Text(
        "图像上没有识别到文字；是空白页或字迹很淡的扫描件吗？", "no text found on the image; is it a blank or very faint scan?"
    ),
    "OCR_NOT_INSTALLED": Text(
        "OCR 引擎未安装（{reason}）；请运行 pip install rapidocr-onnxruntime",
        "the OCR engine is not installed ({reason}); pip install rapidocr-onnxruntime",
    ),
    "OCR_NO_TESSERACT": Text(
        "tesseract 未安装：请运行 apt-get install tesseract-ocr tesseract-ocr-chi-sim 并 pip install pytesseract"
        "（或使用默认的 rapidocr 引擎）",
        "tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim "
        "and pip install pytesseract (or use the default rapidocr engine)",
    ),
    "OCR_UNKNOWN_ENGINE": Text(
        "未知的 OCR 引擎 {name!r}；可选：{choices}", "unknown OCR engine {name!r}; choose one of {choices}"
    ),
    "PDF_CANNOT_OPEN": Text(
        "无法打开 PDF（{reason}）；文件已损坏或有密码保护？",
        "cannot open the PDF ({reason}); is it damaged or password-protected?",
    ),
    "PDF_NO_SUCH_PAGE": Text("PDF 共 {count} 页，没有第 {page} 页", "the PDF has {count} pages; there is no page {page}"),
    "PDF_PAGE_NOT_RENDERED": Text(
        "第 {page} 页无法渲染以进行 OCR（{reason}）；PDF 已损坏？",
        "page {page} cannot be rendered for OCR ({reason}); is the PDF damaged?",
    ),
    "PDF_NO_PAGES": Text("PDF 没有页面", "the PDF has no pages"),
    "PDF_PAGE_DAMAGED": Text(
        "第 {page} 页已损坏，未能读取；其余页已读取", "page {page} is damaged and was not read: {reason}"
    ),
    "PDF_NO_PAGE_READ": Text("没有一页能够读取：{reasons}", "no page could be read: {reasons}"),
    "PDF_NO_TEXT": Text(
        "PDF 的各页都没有文字（空白，或只有图形）", "the PDF has no text on any page (empty, or only drawings)"
    ),
    "PDF_NEEDS_OCR": Text(
        "第 {pages} 页没有文字层（扫描件），需要 OCR，但本安装没有 OCR",
        "page(s) {pages} have no text layer (scanned) and need OCR, which is not available in this installation",
    ),
    "PDF_ENCRYPTED": Text(
        "PDF 有密码保护；请先去掉密码再读取", "the PDF is password-protected; remove the password and read it again"
    ),
    "PDF_UNREADABLE": Text("不是可读取的 PDF：{reason}", "not a readable PDF: {reason}"),
    "PDF_EMPTY": Text("文件是空的；应为 PDF", "the file is empty; expected a PDF"),
    "CELL_UNREAD": Text("单元格 {where} {message}", "cell {where} {message}"),
    # ---- extracting (assistant.extract) --------------------------------------------------
    "NO_TABLE": Text(
        "没有找到可识别的表格：需要表头行（项目名称 | 总计 | … | 绩效指标），或项目表的指标栏"
        "（一级指标 | 二级指标 | 三级指标）",
        "{detail}",
    ),
    "PARTS_UNREAD": Text("没有一个部分能够读取：{reasons}", "{reasons}"),
    "NOT_AN_AMOUNT": Text(
        "不是金额：“{text}”（应为数字，如 1,307.44）", "not an amount: {text!r} (expected a number such as 1,307.44)"
    ),
    "AMOUNT_INVALID": Text("金额无法读取：{reason}", "{reason}"),
}
