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

__all__ = ["MESSAGES", "Msg", "Text", "msg", "ocr_page_label", "render", "say"]

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
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
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
    if isinstance(value, list | tuple):  # several messages: one line, joined as the language does
        return ("；" if lang == "zh" else "; ").join(str(_value(v, lang)) for v in value)
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, dict) and set(value) == {"code", "params"} and value["code"] in MESSAGES:
        return render(value["code"], lang, **value["params"])  # a nested message read back from JSON
    return value


def say(code: str, **params: Any) -> str:
    """``render`` in the clerk's language: what the CLI prints."""
    return render(code, None, **params)


def ocr_page_label(done: int, total: int | None, lang: Lang | None = None) -> str:
    """What an OCR reader's ``on_page(done, total)`` means to a clerk: the page being read, or done."""
    if total and done >= total:
        return render("PROGRESS_OCR_DONE", lang, total=total)
    if total:
        return render("PROGRESS_OCR_PAGE", lang, page=done + 1, total=total)
    return render("PROGRESS_OCR_PAGE_OF_UNKNOWN", lang, page=done + 1)


_TEXT = "文本表格（.txt/.tsv/.csv，UTF-8 或 GB18030 编码）"
_IMAGE = "扫描页图像（PNG、JPEG 或 TIFF）"

MESSAGES: dict[str, Text] = {
    # ---- the command line ----------------------------------------------------------------
    "CLI_ERROR": Text("错误：{message}", "error: {message}"),
    "CLI_WARNING": Text("警告：{message}", "warning: {message}"),
    "CLI_USAGE_HINT": Text("运行 {command} 查看帮助。", "Try '{command}' for help."),
    "CLI_BAD_VALUE": Text("选项 {param} 的值无效：{message}", "Invalid value for {param}: {message}"),
    "CLI_MISSING": Text("缺少 {param}", "Missing {param}"),
    "CLI_NO_SUCH_OPTION": Text("没有这个选项：{option}", "No such option: {option}"),
    "CLI_INTERRUPTED": Text("已中断", "interrupted"),
    "CLI_INTERNAL": Text(
        "错误：程序内部错误，请加 --debug 重新运行查看详细信息，并报告此问题（详情：{kind}: {detail}）",
        "error: internal error {kind}: {detail} (rerun with --debug to see the traceback, and report it)",
    ),
    "PROGRESS_READING": Text("读取中", "reading"),
    "PROGRESS_EXTRACTING": Text("提取中", "extracting"),
    "PROGRESS_LLM_CHUNKS": Text("大模型分块", "LLM chunks"),
    "PROGRESS_OCR_PAGE": Text("OCR 识别第 {page}/{total} 页", "OCR page {page} of {total}"),
    "PROGRESS_OCR_PAGE_OF_UNKNOWN": Text("OCR 识别第 {page} 页", "OCR page {page}"),
    "PROGRESS_OCR_DONE": Text("OCR 识别完成，共 {total} 页", "OCR done, {total} page(s)"),
    "LIST_SEPARATOR": Text("，", ", "),  # punctuation: the one entry without a Chinese character
    "BATCH_STATUS_ok": Text("成功", "ok"),
    "BATCH_STATUS_partial": Text("部分读取", "partial"),
    "BATCH_STATUS_skipped": Text("跳过（已是最新）", "skipped"),
    "BATCH_STATUS_failed": Text("失败", "failed"),
    "BATCH_STATUS_not_done": Text("未处理", "not_done"),
    "BATCH_ROWS_NOT_READ": Text("{count} 行未能读取，例如 {example}", "{count} row(s) not read, e.g. {example}"),
    "BATCH_NOT_DONE": Text("未处理：批量处理被中断", "not done: the batch was interrupted"),
    "BATCH_INTERNAL": Text(
        "{source}：程序内部错误（详情：{kind}: {detail}，位于 {at}）",
        "{source}: internal error {kind}: {detail} (at {at})",
    ),
    "BATCH_PAGE_TASK_FAILED": Text(
        "第{page}页的识别任务失败：处理进程意外停止（{kind}）", "page {page}: the worker stopped: {kind}"
    ),
    "BATCH_WORKER_STOPPED": Text(
        "{source}：处理进程意外停止（详情：{kind}: {detail}）", "{source}: the worker stopped: {kind}: {detail}"
    ),
    "BATCH_INTERRUPTED": Text(
        "已中断：{total} 个文件中完成了 {done} 个；重新运行即可处理其余文件",
        "interrupted: {done} of {total} file(s) done; rerun to finish the rest",
    ),
    "OUTPUT_CANNOT_WRITE": Text("无法写入 {path}（详情：{reason}）", "cannot write {path}: {reason}"),
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
    "LEDGER_requests": Text("请求数", "requests"),
    "LEDGER_prompt_tokens": Text("提示词 token 数", "prompt tokens"),
    "LEDGER_completion_tokens": Text("回答 token 数", "completion tokens"),
    "LEDGER_retries": Text("重试次数", "retries"),
    "LEDGER_cache_hits": Text("缓存命中", "cache hits"),
    "LEDGER_chunks": Text("分块数", "chunks"),
    "LEDGER_failed_chunks": Text("未读出的分块", "failed chunks"),
    "LEDGER_max_requests": Text("请求数上限", "max requests"),
    "LEDGER_max_tokens": Text("token 数上限", "max tokens"),
    "LEDGER_total_tokens": Text("token 总数", "total tokens"),
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
    "DRAFT_NEEDS_PROJECT": Text(
        "请用 --project 项目名称 指定要起草的项目行", "give the project row to draft for with --project NAME"
    ),
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
        "{rule:<22} {severity:<7} #{seq} {indicator}：{message}（修改建议：{fix}）",
        "{rule:<22} {severity:<7} #{seq} {indicator}: {message} (fix: {fix})",
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
    "LIBRARY_ADDED": Text(
        "已从 {table} 加入 {projects} 个项目、{indicators} 条指标 → {stored}",
        "added {projects} project(s), {indicators} indicator(s) from {table} -> {stored}",
    ),
    "LIBRARY_SOURCE": Text(
        "{source}\t{projects} 个项目\t{indicators} 条指标", "{source}\t{projects} project(s)\t{indicators} indicator(s)"
    ),
    "LIBRARY_TOTAL": Text(
        "共 {projects} 个项目；加入的表格存放在 {folder}", "{projects} project(s) in all; added tables live in {folder}"
    ),
    "SERVE_NO_WEB_EXTRA": Text(
        "未安装网页工作台所需的组件（{module}）；请运行 pip install -e '.[web]'",
        "the web extra is not installed ({module}); run: pip install -e '.[web]'",
    ),
    "SERVE_NEEDS_TOKEN": Text(
        "在 {host} 上提供服务会让其他电脑访问：需要用 --token 或 ASSISTANT_WEB_TOKEN 设置访问口令",
        "serving on {host} lets other computers in: set an access token with --token or ASSISTANT_WEB_TOKEN",
    ),
    # ---- reading files (assistant.ingest) ------------------------------------------------
    "READ_NO_SUCH_FILE": Text("文件不存在", "no such file"),
    "READ_IS_FOLDER": Text(
        "这是文件夹；请给出一个文件（或用 -o 输出文件夹 进行批量提取）",
        "is a folder; give a file (or use batch extraction with -o DIR)",
    ),
    "READ_CANNOT_READ": Text("无法读取文件（详情：{reason}）", "cannot read the file: {reason}"),
    "READ_EMPTY_TEXT": Text(f"文件是空的；应为{_TEXT}", "the file is empty; expected {expected}"),
    "READ_BINARY": Text(f"这是二进制文件，不是{_TEXT}", "this is a binary file, not {expected}"),
    "READ_BAD_CSV": Text("不是可读取的 CSV 文件（详情：{reason}）", "not a readable CSV file: {reason}"),
    "READ_BAD_CSV_ROW": Text(
        "第 {line} 行的引号与 Excel 所存不同，自此按原样读取，请核对该行及以下各行（详情：{reason}）",
        "line {line}: quotes not as a spreadsheet writes them; read as they stand from here, check it "
        "and the rows below ({reason})",
    ),
    "READ_DAMAGED_BYTES": Text(
        "第 {start} 字节起无法读取，已替换为 �，请核对原文件", "{where}: {what}; replaced by U+FFFD"
    ),
    "READ_MORE_DAMAGE": Text(
        "在列出的 {listed} 处之后另有 {more} 处损坏", "{more} more damaged places after the {listed} listed"
    ),
    "READ_OLD_OFFICE": Text(
        "这是旧版 {old} 文件，请在 Excel/Word/WPS 中另存为 {new} 后再读取",
        "an old binary Office file: save it as {new} and read that",
    ),
    "READ_DAMAGED_ZIP": Text("zip/Office 文件已损坏（详情：{reason}）", "a damaged zip/Office file: {reason}"),
    "READ_ZIP_NOT_OFFICE": Text(
        "这是 zip 压缩包，不是 Word/Excel 文件；请解压后读取其中的表格",
        "a zip archive, not a .docx/.xlsx: unzip it and read the table inside",
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
    "SIZE_TEXT": Text("文件文字的字符数", "characters of the file's text"),
    "SIZE_PDF_OCR_PIXELS": Text(
        "第 {page} 页按 {dpi} dpi 识别所需像素（{size}）", "pixels of page {page} at {dpi} dpi: {size}"
    ),
    "DOCX_EMPTY": Text("文件是空的；应为 Word 文档（.docx）", "the file is empty; expected a Word document (.docx)"),
    "DOCX_UNREADABLE": Text(
        "不是可读取的 Word 文档{hint}（详情：{reason}）", "not a readable Word document{hint}: {reason}"
    ),
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
    "XLSX_EMPTY": Text(
        "文件是空的；应为 Excel 工作簿（.xlsx）", "the file is empty; expected an Excel workbook (.xlsx)"
    ),
    "XLSX_UNREADABLE": Text(
        "不是可读取的 Excel 工作簿{hint}（详情：{reason}）", "not a readable Excel workbook{hint}: {reason}"
    ),
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
    "IMAGE_UNREADABLE": Text(
        f"不是本工具能读取的图像；应为{_IMAGE}", "not an image this tool can read; expected {expected}"
    ),
    "IMAGE_TOO_LARGE": Text(
        "图像太大，无法安全读取（详情：{reason}）", "the image is too large to read safely ({reason})"
    ),
    "IMAGE_DAMAGED": Text(
        f"图像已损坏或不完整；应为{_IMAGE}（详情：{{kind}}: {{reason}}）",
        "the image is damaged or truncated ({kind}: {reason}); expected {expected}",
    ),
    "IMAGE_NO_PAGES": Text(f"图像没有页面；应为{_IMAGE}", "the image has no pages; expected {expected}"),
    "IMAGE_NO_TEXT": Text(
        "图像上没有识别到文字；是空白页或字迹很淡的扫描件吗？",
        "no text found on the image; is it a blank or very faint scan?",
    ),
    "OCR_NOT_INSTALLED": Text(
        "OCR 引擎未安装，请运行 pip install rapidocr-onnxruntime（详情：{reason}）",
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
        "无法打开 PDF，文件已损坏或有密码保护？（详情：{reason}）",
        "cannot open the PDF ({reason}); is it damaged or password-protected?",
    ),
    "PDF_NO_SUCH_PAGE": Text(
        "PDF 共 {count} 页，没有第 {page} 页", "the PDF has {count} pages; there is no page {page}"
    ),
    "PDF_PAGE_NOT_RENDERED": Text(
        "第 {page} 页无法渲染以进行 OCR，PDF 已损坏？（详情：{reason}）",
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
        "PDF 有密码保护；请另存一份不加密的副本再读取",
        "the PDF is password-protected; save an unprotected copy and read that",
    ),
    "PDF_UNREADABLE": Text("不是可读取的 PDF（详情：{reason}）", "not a readable PDF: {reason}"),
    "PDF_EMPTY": Text("文件是空的；应为 PDF", "the file is empty; expected a PDF"),
    "PDF_NO_HEADER": Text("不是 PDF 文件（没有 %PDF- 文件头）", "not a PDF (no %PDF- header)"),
    "CELL_FORMULA_UNSAVED": Text(
        "单元格 {where} 是公式 {formula}，文件里没有保存计算结果；请用 Excel 打开并保存后再读取",
        "cell {where} holds the formula {formula} with no saved result; open and save the file in Excel, then read it again",
    ),
    # ---- extracting (assistant.extract) --------------------------------------------------
    "NO_TABLE": Text(
        "没有找到可识别的表格：应有表头行（项目名称 | 总计 | 财政拨款 | … | 绩效目标 | 绩效指标），其后是各项目行",
        "no recognisable table: expected a header row (项目名称 | 总计 | 财政拨款 | … | 绩效目标 | 绩效指标) "
        "followed by project rows",
    ),
    "NO_FORM_GRID": Text(
        "项目表中没有指标栏（一级指标 | 二级指标 | 三级指标 | 指标值）",
        "no indicator grid (一级指标 | 二级指标 | 三级指标 | 指标值) in the form",
    ),
    "AMOUNTS_COLUMN_DROPPED": Text(
        "只有 {cells} 个金额单元格（少了一列），其中 {filled} 个有值：已从左到右依次填入；请对照原表核对财政专户拨款/其他资金",
        "only {cells} money cells (a column was dropped) and {filled} are filled: "
        "placed left to right; check 财政专户拨款 / 其他资金 against the source",
    ),
    "GOAL_SEVERAL_CELLS": Text(
        "应为一个绩效目标单元格，却有 {count} 个文字单元格；已保留第一个",
        "{count} text cells where one 绩效目标 was expected; the first was kept",
    ),
    "INDICATORS_HEAD_NOT_READ": Text(
        "第一条编号指标之前的文字未读取：“{text}”", "text before the first numbered item was not read: {text!r}"
    ),
    "INDICATORS_NONE_NUMBERED": Text(
        "单元格中没有找到编号的指标（N、1-产出指标:11-数量指标;…）",
        "no numbered indicator items (N、1-产出指标:11-数量指标;…) found in the cell",
    ),
    "SECTIONS_NO_GOAL": Text(
        "文字单元格有指标分段，但没有【总体目标】/【年度目标】",
        "the text cell has indicator sections but no 【总体目标】/【年度目标】",
    ),
    "SECTIONS_NO_ITEMS": Text("指标分段中没有“指标N：”条目", "indicator sections with no 指标N: items"),
    "ROW_NOT_A_TABLE_ROW": Text(
        "这一行不是表格行（名称后面没有金额）", "this line is not a table row (no amounts after a name)"
    ),
    "ROW_NO_AMOUNTS": Text("项目名称后面没有金额", "no amounts after the project name"),
    "ROW_NO_NAME": Text("这一行没有项目名称", "row without a 项目名称"),
    "FLAT_PROJECT_UNKNOWN": Text(
        "指标所属的项目“{name}”不在项目表中", "indicator of a project not on the project sheet: {name!r}"
    ),
    "FLAT_BAD_SEQ": Text("不是指标序号：“{seq}”", "not an item number: {seq!r}"),
    "LEVELS_ROW_NO_LABEL": Text(
        "没有{level}指标标签的一行未读取：“{text}”", "a row with no {level} label was not read: {text!r}"
    ),
    "LEVELS_TOO_MANY_PROJECT_CELLS": Text(
        "项目列只有 {columns} 列，这一行却有 {cells} 个项目单元格；该行未读取",
        "{cells} project cells for {columns} project columns; the row was not read",
    ),
    "LEVELS_PROJECT_NO_NAME": Text(
        "项目行没有项目名称单元格；其指标未读取", "a project row without a 项目名称 cell; its indicators were not read"
    ),
    "LEVELS_INDICATOR_BEFORE_PROJECT": Text(
        "指标行出现在所有项目行之前；未读取", "indicator row before any project row; not read"
    ),
    "LEVELS_NO_PROJECTS": Text("表中没有项目行", "the table has no project rows"),
    "LEVELS_EXTRA_VALUES": Text(
        "指标值有 {columns} 列，这一行却有 {cells} 个值单元格；多出的文字未读取：“{text}”",
        "{cells} value cells for {columns} value columns; the extra text was not read: {text!r}",
    ),
    "INDICATOR_ROW_NO_NAME": Text("指标行没有三级指标名称", "an indicator row with no 三级指标 name"),
    # the LLM chain (--backend llm / auto)
    "LLM_BAD_MODE": Text(
        "ASSISTANT_MODE / --mode 的值 {mode!r} 无效；可选：{choices}",
        "ASSISTANT_MODE / --mode is {mode!r}; choose one of {choices}",
    ),
    "LLM_NO_ENDPOINT": Text(
        "“{backend}”方式需要大模型服务地址，但没有配置：请设置 ASSISTANT_BASE_URL 和 ASSISTANT_MODEL"
        "（服务需要密钥时再设置 ASSISTANT_API_KEY 或 OPENAI_API_KEY），或加上 --base-url 地址 --model 模型名"
        " [--api-key 密钥]；见 README 的“LLM backends”一节",
        "the {backend!r} backend needs an LLM endpoint and none is configured: set ASSISTANT_BASE_URL and "
        "ASSISTANT_MODEL (and ASSISTANT_API_KEY or OPENAI_API_KEY if the server needs a key), or pass "
        "--base-url URL --model NAME [--api-key KEY]; see README section 'LLM backends'",
    ),
    "LLM_NO_MODEL": Text(
        "“{backend}”方式需要 {url} 上的模型名称：请设置 ASSISTANT_MODEL 或加上 --model 模型名",
        "the {backend!r} backend needs a model name for {url}: set ASSISTANT_MODEL or pass --model NAME",
    ),
    "LLM_OFFLINE_REFUSED": Text(
        "离线模式（--offline / ASSISTANT_OFFLINE=1）：不向本机以外的端点 {host} 发送表格内容；请使用本机服务或去掉 --offline",
        "offline: refusing to send data to {url}; use a local server or drop --offline",
    ),
    "LLM_INVENTED_NUMBERS": Text(
        "大模型给出的数字 {numbers} 不在该值所在的单元格中：已保留并标记，请人工核对",
        "the LLM answered the number(s) {numbers}, which are not in the cell this value comes from: "
        "kept and flagged, check by eye",
    ),
    "LLM_EXAMPLE_NUMBER": Text(
        "大模型给出的 {value} 是提示词示例中的数字，原表中没有：已清空",
        "the LLM answered {value}, a number of the prompt's example that is not in the source: emptied",
    ),
    "LLM_EXAMPLE_GOAL": Text(
        "大模型给出的是提示词示例的绩效目标，原表中没有：未采用",
        "the LLM answered the goal of the prompt's example, which is not in the source: left out",
    ),
    "LLM_EXAMPLE_ITEM": Text(
        "大模型给出的 {copied} 来自提示词示例，原表中没有：该指标未采用",
        "the LLM answered {copied} of the prompt's example, which the source does not hold: item left out",
    ),
    "LLM_UNGROUNDED_UNIT": Text(
        "大模型给出名为“{name}”的单位，原表中没有这样命名的行：未计入记录",
        "the LLM answered a unit named {name!r}, no row of the source is named so: left out of the records",
    ),
    "LLM_UNGROUNDED_UNIT_FORM": Text(
        "大模型给出名为“{name}”的单位，原表中没有这个名称：未计入记录",
        "the LLM answered a unit named {name!r}, the name is not in the source: left out of the records",
    ),
    "LLM_UNGROUNDED_UNIT_COPIED": Text(
        "大模型给出名为“{name}”的单位，抄自提示词示例；原表中没有这样命名的行：未计入记录",
        "the LLM answered a unit named {name!r}, copied from the prompt's example; no row of the source is "
        "named so: left out of the records",
    ),
    "LLM_UNGROUNDED_UNIT_COPIED_FORM": Text(
        "大模型给出名为“{name}”的单位，抄自提示词示例；原表中没有这个名称：未计入记录",
        "the LLM answered a unit named {name!r}, copied from the prompt's example; the name is not in the "
        "source: left out of the records",
    ),
    "LLM_UNGROUNDED_PROJECT": Text(
        "大模型给出名为“{name}”的项目，原表中没有这样命名的行：未计入记录",
        "the LLM answered a project named {name!r}, no row of the source is named so: left out of the records",
    ),
    "LLM_UNGROUNDED_PROJECT_FORM": Text(
        "大模型给出名为“{name}”的项目，原表中没有这个名称：未计入记录",
        "the LLM answered a project named {name!r}, the name is not in the source: left out of the records",
    ),
    "LLM_UNGROUNDED_PROJECT_COPIED": Text(
        "大模型给出名为“{name}”的项目，抄自提示词示例；原表中没有这样命名的行：未计入记录",
        "the LLM answered a project named {name!r}, copied from the prompt's example; no row of the source is "
        "named so: left out of the records",
    ),
    "LLM_UNGROUNDED_PROJECT_COPIED_FORM": Text(
        "大模型给出名为“{name}”的项目，抄自提示词示例；原表中没有这个名称：未计入记录",
        "the LLM answered a project named {name!r}, copied from the prompt's example; the name is not in the "
        "source: left out of the records",
    ),
    "LLM_CHUNK_NOTHING_KEPT": Text(
        "大模型的回答中这些行的内容都未被采用：未读取", "the LLM's answer kept nothing from these rows: not read"
    ),
    "LLM_ROW_NOT_ANSWERED": Text(
        "大模型的回答中没有这一行：未读取", "the LLM's answer has no entry for this row: not read"
    ),
    "LLM_CHUNK_FAILED": Text("大模型未能读取这些行（详情：{problem}）", "the LLM could not read these rows: {problem}"),
    "LLM_NO_ROWS": Text("没有可读取的表格行", "no table rows to read"),
    "LLM_FEWER_PROJECTS": Text(
        "大模型读出 {llm} 个项目，而规则读出 {rules} 个；保留规则的读取结果",
        "the LLM returned {llm} projects where the rules read {rules}; the rules' reading is kept",
    ),
    # the single-project forms (申报表/批复表/自评表)
    "FORM_GRID_ONE_LINE": Text(
        "整个指标栏在一行里（{cells} 个单元格）：按 {k} 个指标值列数出名称和值，空单元格会使其错位；请核对",
        "the whole grid is one line of {cells} cells: names and values were placed by counting {k} value columns, "
        "an empty cell shifts them; check them",
    ),
    "ROW_ONLY_A_LABEL": Text(
        "“{text}”一行只有一级/二级标签，没有三级指标名称和指标值：未读作指标；请核对",
        "{text!r}: a row holding only a level label, no 三级指标 name and no value: not read as an indicator; check it",
    ),
    "ROW_REPORT_AFTER_GRID": Text(
        "“{text}”是报告的章节标题：从这一行起的 {count} 行是表格后的报告正文，未读作指标；请核对",
        "{text!r} is a report's section heading: the {count} rows from it on are the report under the grid, "
        "not read as indicators; check them",
    ),
    "ROW_ONLY_A_VALUE": Text(
        "“{text}”一行只有一个值，没有指标名称：未读作指标，已作为上一条指标“{name}”的指标值（“—”表示上一条已有值，此行舍去）；请核对",
        "{text!r}: a row holding only a value, no name: not read as an indicator, taken as the value of the "
        "indicator before it, {name!r} (— when that one has a value and this row was dropped); check it",
    ),
    "ROW_LEFTOVER_RUN_ON": Text(
        "“{text}”里夹着模板留下的内容（……、**、指标3:、多出的数字）：文字连在一起，分不清是否属于本行；请核对",
        "{text!r} holds what the template left (……, **, 指标3:, a figure run on): cells ran together, it may not belong to this row; check it",
    ),
    "FORM_ROW_NO_NAME": Text(
        "指标行有指标值却没有三级指标名称；已跳过", "an indicator row with values but no 三级指标 name; skipped"
    ),
    "FORM_GROUP_ONLY_SCORES": Text(
        "一级/二级标签之后只有分数“{text}”，没有三级指标：读作未填写指标的空组，不是指标；请核对",
        "a level label followed only by the score {text!r} and no 三级指标: read as a group left empty, not an "
        "indicator; check it",
    ),
    "FORM_LABELS_EITHER_WAY": Text(
        "一级/二级标签有的单独写在首行之上（标题式），有的写在其组首行之下（居中式）：各标签管辖哪些行无法确定，"
        "指标层级可能读错；请核对",
        "some 一级/二级 labels stand on a line above the first row (heading their groups), others below their "
        "groups' first rows (centred): which rows each label heads is not sure and the levels may be wrong; "
        "check them",
    ),
    "FORM_ROW_NAME_ALONE": Text(
        "“{name}”独占一行、其余单元格皆空：读作没有指标值的指标（也可能是上一行名称的续行）；请核对",
        "{name!r} stands alone on its row, every other cell empty: read as an indicator with no value (it may "
        "also be the wrapped end of the name above); check it",
    ),
    "FORM_VALUE_TWICE": Text(
        "“{text}”：指标值写了两遍（目标值、实际完成值），据此分开了名称和值：“{value}”；请核对",
        "{text!r}: name and value told apart where the value is written twice (target, then achieved): "
        "{value!r}; check it",
    ),
    "FORM_NAMES_VALUES_UNTOLD": Text(
        "无法分开“{text}”中的名称和指标值；已作为一个指标名称读取",
        "could not tell names from values in {text!r}; read as one indicator name",
    ),
    "FORM_RUN_READ_IN_PART": Text(
        "连续文字只读出了开头的 {count} 条指标；其后的“{rest}”无法分开名称和指标值，未读取：请核对",
        "only the first {count} indicator(s) of a run of text were read; the rest {rest!r} could not be told "
        "apart into names and values and was not read: check it",
    ),
    "FORM_RUN_FIRST_VALUE": Text(
        "“{text}”：名称后有多个数值连在一起，取第一个带符号或单位的“{value}”作指标值，其后的“{rest}”"
        "（实际完成值、分值或下一条指标）未读取；请核对",
        "{text!r}: several values run together after the name; the first one with a sign or unit, {value!r}, "
        "was read as the value and the rest {rest!r} (achieved value, scores or a next indicator) was not: check it",
    ),
    "FORM_DATE_TAIL_UNSURE": Text(
        "连续文字中日期“{value}”末尾的“前/内”也可能是下一个指标名称“{name}”的开头；请核对",
        "in text run together, the 前/内 ending the date {value!r} may as well start the next indicator's "
        "name {name!r}: check it",
    ),
    "FORM_NAMES_BY_ENDING": Text(
        "“{text}”：连续文字中没有指标值，按名称共同的结尾“{ending}”分成 {count} 个指标名称；请核对",
        "{text!r}: no values in a run of text; cut into {count} indicator names after the ending {ending!r} "
        "they share: check them",
    ),
    "FORM_SHORT_LABEL_CUT": Text(
        "“{text}”：连写文字中把“{labels}”读作简写的二级指标（名称也可能以此开头）；请核对",
        "{text!r}: {labels} read as short 二级 labels in text run together (a name may start with them too); check it",
    ),
    "FORM_RUN_STRAY_NUMBER": Text(
        "“{text}”：连写的行中夹有序号“{numbers}”（PDF 文字层的列表编号），已跳过，未读作值或名称；请核对",
        "{text!r}: list numbers {numbers!r} sit among the row's cells run together (a PDF text layer's "
        "numbering); they were skipped, read as no value nor name; check them",
    ),
    "FORM_RUN_SCORES_ONLY": Text(
        "“{text}”：行末写了两遍的数字“{score}”读作分值和得分，指标值与实际完成值留空；请核对",
        "{text!r}: the number written twice at the row's end ({score!r}) read as the 分值 and 得分, the target "
        "and achieved value left empty; check them",
    ),
    "FORM_VALUE_BEFORE_ACHIEVED": Text(
        "“{text}”：名称、指标值与“达成预期指标”等完成情况连写，按重复的字词或措辞把“{value}”读作指标值；请核对",
        "{text!r}: name, value and the achieved words (达成预期指标) run together; {value!r} read as the value "
        "by its repeated words or its wording; check it",
    ),
    "FORM_VALUE_BY_WORDING": Text(
        "“{text}”：名称与指标值连写且无数字，按措辞把结尾的“{value}”读作指标值；请核对",
        "{text!r}: name and value run together with no number; the closing words {value!r} read as the value "
        "by their wording; check it",
    ),
    "FORM_NAME_HOLDS_EXPLANATION": Text(
        "连续文字中，名称与值之间有一列指标说明（反映…）：“{name}”找不到说明的开头或不止一处“反映”，名称可能含有说明文字：请核对",
        "text run together with a column explaining each indicator before its value: in {name!r} the explanation"
        " (反映…) has no clear start, so the name may hold it: check it",
    ),
    "FORM_RUN_LINES_JOINED": Text(
        "“{text}”：连写表格中一行没有指标值，与下一行连读为同一条指标（单元格换行）；请核对",
        "{text!r}: a line of the grid run together ends with no value and is read with the next one as one "
        "indicator (a wrapped cell); check it",
    ),
    "FORM_LABEL_PIECES_JOINED": Text(
        "连写表格中指标类别“{label}”被窄列折成多行，各段分在其下几行的行首，已接回本行；请核对",
        "text run together: the label {label!r} was cut over lines by its narrow column, its pieces starting the "
        "lines under its row; they were joined back on the row: check it",
    ),
    "FORM_INTERLEAVED_JOINED": Text(
        "“{text}”：表格各列宽度不同，单元格换行后逐行交错排列，其下一行的文字已按列宽接回各单元格；请核对",
        "{text!r}: the table's columns have widths of their own and its wrapped cells came line by line across "
        "the row; the pieces of the lines under it were joined back to the cells by column width: check it",
    ),
    "FORM_ROW_END_BY_COLUMN": Text(
        "“{text}”：连写表格的行与行连在一起（换行丢失），按表头末列（{word}等）在每行末写的词断开为一行；请核对",
        "{text!r}: the rows of a grid run together lost their line breaks and are cut after the word its last "
        "column ends each row with ({word}); check it",
    ),
    "FORM_HARD_WRAP_JOINED": Text(
        "“{text}”：文字按固定宽度折行（PDF 文本层），占满行宽的行与下一行连读；请核对断开处",
        "{text!r}: the text is hard-wrapped at a fixed width (a PDF text layer); lines filling the width are "
        "read with the next one; check where they were cut",
    ),
    "FORM_RUN_FEWER_VALUES": Text(
        "“{text}”：连写的一行少于 {count} 个指标值，读出的值按第一列（指标值）填写，其余留空；请核对",
        "{text!r}: a row run together holds fewer than {count} values; the values read fill the first "
        "column (the target), the others are left empty; check it",
    ),
    "FORM_RUN_MID_WORD": Text(
        "从一段连续文字“{text}”中读出 {count} 条指标，有名称从词中间开始：请核对",
        "{count} indicators read out of one run of text {text!r}, a name starting mid-word: check them",
    ),
    "FORM_WRAPPED_VALUES": Text(
        "“{text}”所在行没有指标值单元格；下面几行的 {taken} 个单元格被当作它换行的值读取：请核对",
        "the row of {text!r} has no value cells; the {taken} cell(s) on the lines below were read as its "
        "wrapped values: check them",
    ),
    "FORM_EMPTY_CELLS_LEFT_OUT": Text(
        "每行一个单元格且空单元格被省略：从“{text}”起的 {count} 条指标是按哪些单元格像指标值分开的，"
        "每个值放在第一个指标值列；请核对",
        "one cell per line with empty cells left out: {count} indicator(s) from {text!r} on were told apart by "
        "which cells look like values, and each value placed in the first value column; check them",
    ),
    "FORM_CELL_WRAPPED_BELOW": Text(
        "“{text}”单独在一行：读作上一行（“{name}”）换到下一行的最后一个单元格；请核对",
        "{text!r} stands alone on its line: read as the last cell of the row above ({name!r}), wrapped below it; "
        "check it",
    ),
    "FORM_CELLS_CONTINUED_BELOW": Text(
        "“{text}”单独在一行，位于上一行“{cell}”等单元格所在列之下：读作这些单元格换行的后半部分；"
        "它也可能是合并单元格下的一条新指标：请核对",
        "{text!r} stands alone on its line under the columns of {cell!r} and the row above's cells: read as "
        "their wrapped ends; it may also be a new row under merged cells: check it",
    ),
    "FORM_NAME_WRAPPED_BELOW": Text(
        "“{text}”单独在一行：读作上一行指标名称“{name}”换行的后半部分；它也可能是一条指标值为空的指标：请核对",
        "{text!r} stands alone on its line: read as the wrapped end of the name {name!r} above; it may also be "
        "an indicator whose cells are empty: check it",
    ),
    "FORM_WRAPPED_NAME_EITHER_WAY": Text(
        "换行的指标名称“{name}”：其各行可按多种方式分给上下的指标（或名称中间有一行未占满）；"
        "按各行占满栏宽读取：请核对",
        "the wrapped name {name!r}: its lines can be shared between the rows around it in more than one way "
        "(or a line inside it does not fill its column); read as the lines fill their column: check it",
    ),
    "FORM_LABEL_OR_NAME_PIECE": Text(
        "“{word}”与一级/二级标签同在一行、行中没有指标值：读作上下某个换行指标名称的一部分（也可能是二级标签，"
        "所在组的层级也可能读错）；请核对",
        "{word!r} shares a line with 一级/二级 labels and no value: read as a piece of a wrapped name above or "
        "below (it may also be the 二级 label, and its group's levels may be misread); check it",
    ),
    "FORM_NAME_AROUND_KEY": Text(
        "“项目名称”单独成行，上下两行读作一个换行的名称“{name}”（PDF 中标签单元格居中于换行的名称旁）；"
        "若上一行不属于名称，应为“{text}”：请核对",
        "项目名称 stands alone on its line between two lines of text: read as the name wrapped around its "
        "key (a PDF centres the key beside the value's lines), {name!r}; the line above may not be part of "
        "it ({text!r} alone): check it",
    ),
    "FORM_TOTAL_OF_ITEMS": Text(
        "合计“{text}”的各栏连写；其开头 {total} 等于上方成本构成各项金额之和（{parts}），读作资金总额：请核对",
        "the 合计 {text!r} has its cells run together; it starts with {total}, the sum of the cost rows above "
        "it ({parts}), read as the total: check it",
    ),
    "FORM_MONEY_FROM_COPY": Text(
        "表中没有金额（文本在资金行之前截断）；金额读自页面上同一张表开头的连写副本（“{text}…”）：请核对",
        "the form has no amounts (its text stops before the money rows); they are read from a copy of the "
        "form's beginning run together on the same page ({text!r}…): check them",
    ),
    "FORM_NAME_LINES_JOINED": Text(
        "“项目名称”后的几行读作一个换行的名称“{name}”（每行一个单元格时，长名称分在几行）；"
        "若只有第一行是名称，应为“{text}”：请核对",
        "the lines after 项目名称 read as one wrapped name {name!r} (one cell per line, a long name over "
        "several lines); if only the first line is the name it is {text!r}: check it",
    ),
    "FORM_NAME_OVER_TWO_LINES": Text(
        "每行一个单元格且空单元格被省略：“{text}”后面不是指标值而是又一行文字，读作一个分在两行的名称“{name}”；"
        "若“{text}”是一条没有填值的指标，名称与指标值已错位：请核对",
        "one cell per line with empty cells left out: {text!r} is followed by more text, not by its values: "
        "read as one name over two lines {name!r}; if {text!r} is an indicator with no value, the names and "
        "values have slid: check it",
    ),
    "FORM_WRAPPED_CELLS_UNSURE": Text(
        "每行一个单元格：“{text}”占满一行，其后还有文字（共 {lines} 行）：换行的单元格在何处结束无法从文本判断，"
        "名称与指标值可能错位：请核对",
        "one cell per line: {text!r} fills its line and more text follows ({lines} lines): where the wrapped "
        "cells end cannot be told from the text, so names and values may have slid: check it",
    ),
    "FORM_REASON_CELL_NOT_INDICATOR": Text(
        "“{text}”是几句说明，在“{head}”一栏之下，应是上一行（“{name}”）的说明文字，不是指标，未读作指标；"
        "该行各栏可能错位：请核对",
        "{text!r} is sentences under the {head!r} column: the row before's ({name!r}) explanation, not an "
        "indicator, and not read as one; that row's cells may have slid: check them",
    ),
    "FORM_STREAM_ROW_SHORT": Text(
        "每行一个单元格：“{name}”后只有 {cells} 个单元格，却有 {k} 个指标值列（共 {count} 行如此）；"
        "可能有单元格换行成了单独一行，或空单元格被省略，名称和值可能错位：请核对",
        "one cell per line: {name!r} is followed by {cells} cell(s) for {k} value column(s) ({count} row(s) so): "
        "a cell may have wrapped onto a line of its own or an empty one been left out, so names and values "
        "may have slid; check them",
    ),
    "FORM_GRID_TAIL_UNCLOSED": Text(
        "表格各单元格都以“|”结尾，最后 {count} 行（从“{text}”起）却没有：读作表格之后的文字，未作为指标读取；"
        "其中有像指标值的单元格，也可能是丢了“|”的最后一行：请核对",
        "every cell of the table ends with '|' but the last {count} line(s) (from {text!r}) do not: read as text "
        "after the table, not as indicators; one of them looks like a value, so they may be a last row that "
        "lost its bars: check them",
    ),
    "FORM_NOTE_OR_NAME": Text(
        "“{text}”被读作上一行的备注；它也可能是下一条指标的名称：请核对",
        "{text!r} was read as a note of the row above; it may be the next indicator's name: check it",
    ),
    "FORM_VALUES_PER_PLACE": Text(
        "指标值按地区或子项目分列（{places}，共 {count} 列）：每列只是一处的值，不是整个项目的指标值，未读取：请核对",
        "the values are printed per place or sub-project ({places}, {count} columns): each is one place's value, "
        "not the whole project's target, and none was read: check them",
    ),
    "FORM_BLOCKS_MISALIGNED": Text(
        "“{name}”的实施周期和年度两栏对不齐（{cells} 个单元格）；请核对其指标值",
        "the 实施周期 and 年度 blocks of {name!r} do not line up ({cells} cells); check its values",
    ),
    "FORM_NAME_FROM_DESCRIPTION": Text(
        "“{label}”一行的指标名称栏中是二级指标标签，没有指标名称：名称取自指标描述栏“{name}”，指标值为“{value}”；请核对",
        "the name column of the {label!r} row holds the level-2 label, no name: the name was taken from the "
        "description column ({name!r}), the value is {value!r}; check it",
    ),
    "FORM_EXTRA_VALUES": Text(
        "“{name}”所在行名称后有 {cells} 个单元格，但只有 {columns} 列；多出的文字未读取：“{text}”",
        "the row of {name!r} has {cells} cells after the name for {columns} columns; the extra text was not "
        "read: {text!r}",
    ),
    "FORM_VALUES_UNPLACED": Text(
        "“{name}”所在行有 {cells} 个值，却有 {columns} 个指标值列：无法确定各值属于哪一列",
        "{cells} value(s) for {columns} value columns in the row of {name!r}: not sure which column each belongs to",
    ),
    "FORM_NO_LEVEL_LABEL": Text(
        "“{name}”上方没有它自己的一级/二级指标标签：留空，请核对",
        "{name!r} has no 一级/二级 label of its own above it: left empty, check it",
    ),
    "FORM_LEVEL1_UNKNOWN_WORD": Text(
        "“{text}”在二级指标“{label}”之前、一级指标的位置上：读作一级指标（规则不认识的写法）；"
        "它也可能是单元格都为空的一条指标：请核对",
        "{text!r} stands before the 二级 label {label!r}, where the 一级 cell stands: read as a 一级 label in "
        "words the rules do not know; it may also be an indicator whose cells are all empty: check it",
    ),
    "FORM_LEVEL_GUESSED": Text(
        "“{name}”上方没有一级/二级指标标签；按最近的标签读作 {read}：请核对",
        "{name!r} has no 一级/二级 label above it; read as {read} (the nearest label): check it",
    ),
    "FORM_NAME_LOOKS_LIKE_VALUE": Text(
        "三级指标“{name}”看起来像指标值或表格标签，而不是指标名称",
        "the 三级指标 {name!r} looks like a value or a form label, not an indicator name",
    ),
    "FORM_RUN_CUT_BY_COLUMNS": Text(
        "“{text}”按数值切分会从词中间切断名称，已按表头各栏切分，读作名称“{name}”；请核对名称和指标值",
        "{text!r}: cut at its values it would cut a name mid-word, so it was cut by the header's columns, "
        "with the name {name!r}: check the name and its values",
    ),
    "FORM_NAME_TWICE": Text(
        "三级指标“{name}”是同一段文字写了两遍：名称可能与其后一栏（重复名称的指标值）连在一起；请核对名称和指标值",
        "the 三级指标 {name!r} is one text written twice: the name may have run into the cell after it "
        "(a value that repeats the name); check the name and the value",
    ),
    "FORM_NAME_TOO_LONG": Text(
        "三级指标长达 {length} 个字：可能有几个单元格连在了一起",
        "the 三级指标 is {length} characters long: cells may have run together",
    ),
    "FORM_VALUE_LOOKS_LIKE_LABEL": Text(
        "指标值“{value}”看起来像标签，而不是目标值", "the value {value!r} looks like a label, not a target value"
    ),
    "FORM_COLUMNS_DISAGREE": Text(
        "“{head}”列的值（{cells}）看起来像分值，而不是指标值{other}：表头与各列的内容对不上，请核对",
        "the {head!r} column holds what looks like scores ({cells}), not target values{other}: "
        "the header and the columns disagree, check them",
    ),
    "FORM_COLUMN_BY_SHAPE": Text(
        "没有一列的表头是指标值；“{head}”列的值（{cells}）看起来像指标值，已按此读取：请核对",
        "no column is headed as the target value; the {head!r} column holds what looks like targets ({cells}) "
        "and was read as such: check it",
    ),
    "FORM_NO_TARGET_COLUMN": Text(
        "没有一列的表头是指标值，“{head}”列（{cells}）也看不出是指标值：指标值未读取，请核对",
        "no column is headed as the target value and the {head!r} column ({cells}) does not look like one: "
        "the target values were not read, check them",
    ),
    "FORM_CELLS_PLACED_BY_SHAPE": Text(
        "“{name}”所在行的单元格（{cells}）与指标性质/指标值/计量单位各列对不上，已按各单元格的样子重新归列：请核对",
        "the cells of {name!r} ({cells}) do not fit the 指标性质 / 指标值 / 计量单位 columns as written and were "
        "placed by what they look like: check them",
    ),
    "FORM_LABEL_IN_SIDE_COLUMN": Text(
        "“{name}”所在行的分值/备注列中是“{text}”，像一级/二级指标名称：单元格可能错位，指标层级可能读错，请核对",
        "the 分值 / 备注 cells of {name!r}'s row hold {text!r}, which reads as a 一级/二级 label: the cells may "
        "have slid and the levels may be wrong; check them",
    ),
    "FORM_VALUE_IS_NAME": Text(
        "指标值“{value}”与指标名称相同：可能是换行的名称被当作了值",
        "the value {value!r} is the name itself: a wrapped name may have been read as a value",
    ),
    "FORM_GOAL_HAS_LABELS": Text(
        "绩效目标中含有表格标签，可能有几个单元格连在了一起：“{goal}”",
        "the goal holds form labels, cells may have run together: {goal!r}",
    ),
    "FORM_NO_NAME": Text("项目表没有项目名称；该项目没有名称", "the form has no 项目名称; the project is unnamed"),
    "FORM_NO_ROWS": Text("指标栏中没有指标行", "the indicator grid has no indicator rows"),
    "SELFEVAL_ROWS_READ": Text(
        "自评表的指标行每行写在一行、单元格之间只有空格：已按行尾的 预期值 | 实际值 | 分值 | 得分 读出 {count} 条指标"
        "（其前为名称，行首的一级/二级标签为层级）：请逐条核对名称与指标值的分界",
        "the self-evaluation's rows are written one a line with single spaces between cells: {count} indicators "
        "were read by each row's end (target | achieved | 分值 | 得分, the name before them, a level label "
        "first): check where each name ends and its value starts",
    ),
    "SELFEVAL_LINE_UNREAD": Text(
        "自评表指标栏中的这一行不是指标行（行尾没有两个分值），未读取：“{text}”",
        "this line under the self-evaluation's grid head is not an indicator row (no two scores at its end) "
        "and was not read: {text!r}",
    ),
    "SELFEVAL_ROW_NOTE": Text(
        "该行分值之后还有文字“{note}”：读作未完成原因等说明列，不是指标值；请核对",
        "the row goes on after its scores ({note!r}): read as the notes columns (未完成原因 …), not a value; check it",
    ),
    "SELFEVAL_NAME_WORDS": Text(
        "指标名称由空格隔开的几段组成（{words}），或为空：名称与相邻单元格的分界可能不对；请核对",
        "the name is several words apart ({words}), or empty: where it ends and the next cell starts may be "
        "wrong; check it",
    ),
    "NUMBERED_ITEMS_READ": Text(
        "指标表的行列未能读出；已按模板编号“指标N：”读出 {count} 条指标（名称后的第一个值读作年度指标值，"
        "其后的完成值和分值未读取）：请逐条核对",
        "the indicator grid's rows and columns were not read; {count} indicators were read by the template's "
        "numbers 指标N: (the first value after a name read as the 年度指标值, the achieved value and scores "
        "after it not read): check each one",
    ),
    "NUMBERED_NAME_PIECES": Text(
        "指标名称“{name}”由几段文字拼成（{pieces}）：可能是换行的名称，也可能混入了别的单元格；请核对",
        "the name {name!r} is joined from several pieces ({pieces}): a wrapped name, or another cell ran into "
        "it; check it",
    ),
    "NUMBERED_NO_VALUE": Text(
        "该条指标名称后面没有值：指标值未读取", "no value after this item's name: the value was not read"
    ),
    "NUMBERED_ROW_SHAPE": Text(
        "该条指标后的值（{values}）与其他行（每行 {width} 个值）不一致，或夹有表头文字：单元格可能错位，"
        "指标值可能读错；请核对",
        "the values after this item ({values}) do not look like the other rows' ({width} a row), or form "
        "labels are among them: the cells may be out of order and the value may be wrong; check it",
    ),
    "NUMBERED_LEVEL_UNSURE": Text(
        "该条指标之前有既非指标值也非已知一级/二级标签的文字：可能是规则不认识的标签，指标层级可能读错；请核对",
        "words before this item are neither a value nor a known 一级/二级 label: a label the rules do not know, "
        "perhaps, so its levels may be wrong; check them",
    ),
    "NUMBERED_VALUES_SHARED": Text(
        "指标{first}后面没有值，而指标{second}后面有两行的值：已按顺序分给两条指标；请核对",
        "item {first} has no values and item {second} has two rows' worth: they were shared out in order; check them",
    ),
    "ITEM_NO_LEVEL2": Text(
        "一级指标名称后面没有二级指标代码（NN-名称）", "no level-2 code (NN-名称) after the level-1 name"
    ),
    "ITEM_NO_PERIOD_LABEL": Text("没有“实施周期指标值”标签", "no 实施周期指标值 label"),
    "ITEM_NO_ANNUAL_LABEL": Text("没有“年度指标值”标签", "no 年度指标值 label"),
    "SECTION_TEXT_NOT_READ": Text(
        "【{title}】下不属于“指标N：”条目的文字未读取：“{text}”",
        "text under 【{title}】 that is not a 指标N: item was not read: {text!r}",
    ),
    "SECTION_ITEM_NO_VALUE": Text(
        "名称后面没有括号中的目标值：指标值未读取", "no target value in brackets after the name: 指标值 not read"
    ),
    "PARTS_UNREAD": Text("{reasons}", "{reasons}"),
    "FORM_NAME_OVER_LINES": Text(
        "项目名称“{name}”跨行书写：下一行“{text}”读作名称换行的后半部分；请核对",
        "the project name {name!r} is written over several lines: the line {text!r} is read as its wrapped end; check it",
    ),
    "FORM_NAME_RAN_ON": Text(
        "项目名称“{name}”之后紧接金额标签“{key}”和金额（单元格连在一起）：名称读到标签之前为止；请核对",
        "the project name {name!r} runs on into the money key {key!r} and its amount (cells run together): the name "
        "is read up to the key; check it",
    ),
    "GOAL_ENDS_MID_SENTENCE": Text(
        "绩效目标“…{goal}”在句子中间结束（末尾是逗号、顿号或分号，或停在按固定宽度折行的一整行末尾）：目标可能跨行书写或被截断，"
        "可能不完整；请对照原件核对",
        "the goal '…{goal}' stops mid-sentence (it ends in a comma or semicolon, or at the end of a line the page's "
        "fixed-width wrap filled): it may be wrapped or cut and incomplete; check it against the original",
    ),
    "PROJECT_NAME_DOUBTFUL": Text(
        "项目名称“{name}”含有“{what}”：名称中不应有其他栏目的名称、句读或过长的文字，可能读错了行；请核对",
        "the project name {name!r} holds {what!r}: a name holds no other field's key, no sentence and is not "
        "that long; the wrong line may have been read; check it",
    ),
    "FORM_FIELD_TWICE": Text(
        "“{key}”在文中出现两次且内容不同：先读到的“{first}…”被采用，后面的“{second}…”未采用；请核对哪一个是本表的",
        "{key!r} is given twice with different texts: the first, {first!r}…, is taken, not {second!r}…; "
        "check which is the form's",
    ),
    "VALUE_AT_TEXT_END": Text(
        "{field}“{value}”一直写到文本的最后：文本可能在这里被截断，{field}可能不完整；请对照原件核对",
        "the {field} {value!r} runs to the very end of the text: the text may be cut there and the value incomplete; "
        "check it against the original",
    ),
    "FORM_NAME_SENTENCE": Text(
        "项目名称“{name}”之后是一句叙述（“{text}”），名称只取到第一个句读之前；请核对",
        "the project name {name!r} runs on into a sentence ({text!r}): it is read up to the first comma or stop; check it",
    ),
    "FORM_DEPARTMENT_CUT_AT_KEY": Text(
        "主管部门“{name}”之后紧接着另一个栏目“{key}：”，部门只取到该栏目之前；请核对",
        "the department {name!r} runs on into the next key {key!r}: it is read up to that key; check it",
    ),
    "FORM_NAME_LINE_AFTER": Text(
        "项目名称“{name}”之后的“{text}”不是已知标签，也未读作名称：它可能是名称换行的后半部分；请核对",
        "{text!r} after the project name {name!r} is no known key and was not read as part of the name: it may be "
        "the name's wrapped end; check it",
    ),
    "PROJECT_NAME_UNPAIRED": Text(
        "项目名称“{name}”中的括号“{mark}”没有配对：名称可能在括号中间被截断；请对照原件核对",
        "the project name {name!r} has an unpaired bracket {mark!r}: it may have been cut inside the "
        "brackets; check it against the original",
    ),
    "PROJECT_NAME_TOO_SHORT": Text(
        "项目名称“{name}”只有{count}个字：项目名称不会这么短，可能只读到了名称的一部分；请对照原件核对",
        "the project name {name!r} has only {count} character(s): no project name is that short, only a "
        "piece of it may have been read; check it against the original",
    ),
    "PROJECT_NAME_GOES_ON": Text(
        "项目名称“{name}”在行末（或同一行的下一栏之前）结束，下一行紧接着“{text}”：名称可能折行书写，只读到了第一行；请对照原件核对",
        "the project name {name!r} ends at its line's end (or before the next cell on its line) and the next "
        "line goes on with {text!r}: the name may be wrapped and only its first line read; check it against "
        "the original",
    ),
    "FORM_KEYS_OPEN_LINES": Text(
        "表格的边框在复制时丢失，每行的栏目名与内容连在一起（如“项目名称某经费”）：项目信息按栏目名切分读取，绩效指标未读取；"
        "请对照原件核对，或使用 --backend auto（LLM）",
        "the form's cell borders were lost in copying, each row's label runs into its value (项目名称某经费): the "
        "header is cut at its labels and the indicators are not read; check against the original, or use "
        "--backend auto (LLM)",
    ),
    "PROJECT_NAME_WRAPPED": Text(
        "项目名称“{name}”写到一行的末尾（该行按固定宽度排满，或以逗号、顿号结束）：名称可能在下一行继续，可能不完整；请对照原件核对",
        "the project name {name!r} ends where its line ends (a line the page's fixed-width wrap filled, or it ends in "
        "a comma): it may go on in the next line and be incomplete; check it against the original",
    ),
    "PROJECT_NAME_RUNS_ON": Text(
        "项目名称“{name}”之后紧接“{text}”，中间没有分隔，文中别处也没有这一名称：名称在哪里结束无法确定；请核对",
        "the project name {name!r} runs straight on into {text!r} with nothing between, and the document writes "
        "the name nowhere else: where it ends is unclear; check it",
    ),
    "FORM_NAME_RUNS_INTO_KEY": Text(
        "项目名称“{name}”与“{key}”连写：其中的“项目”属于名称还是标签无法确定；请核对",
        "the project name {name!r} runs into {key!r}: whether 项目 belongs to the name or the label is unclear; check it",
    ),
    "FORM_CUT_ALIKE": Text(
        "“{text}”：连写文字按表头各栏切分时，有两种切法得分相同，已取“{name}”；请核对名称和指标值",
        "{text!r}: cut into the header's columns, two cuts fit alike; read with the name {name!r}: check the "
        "name and its values",
    ),
    "FORM_CUT_ODD_UNIT": Text(
        "“{text}”：连写文字中把“{value}”读作指标值，其单位不在常见单位中（也可能是名称的一部分）；请核对",
        "{text!r}: {value!r} read as the value by a unit not among the usual ones (it may be part of the "
        "name); check it",
    ),
    "FORM_DIGITS_RUN_TOGETHER": Text(
        "“{text}”：数字连写在一起（如 2020），按栏数拆开，拆法不唯一；请核对各指标的值",
        "{text!r}: digits run together (like 2020) were cut by the number of columns, and the cut is not "
        "the only one possible; check each indicator's value",
    ),
    "FORM_MONEY_ADJUSTED": Text(
        "“{cells}”：全年预算为年初预算与年中调整之和（小计），但各数相加对不上，未读取；请按原表核对",
        "{cells!r}: the year's budget is the 小计 of the start-of-year budget and the mid-year adjustment, "
        "but the numbers do not add up; not read, check it against the original",
    ),
    "FORM_MONEY_GAP": Text(
        "“{cells}”：自评表金额行有空格被省去，各数对应哪一栏不唯一，全年预算数未读取；请按原表核对",
        "{cells!r}: the self-evaluation money row lost its empty cells, so which number is which column is "
        "not certain; 全年预算数 not read, check it against the original",
    ),
    "FORM_MONEY_RUN_TOGETHER": Text(
        "“{text}”：自评表的金额各栏（{columns}）连写在一起，拆法不唯一，未读取；请按原表核对",
        "{text!r}: the self-evaluation money cells ({columns}) run together and can be cut more than one way; "
        "not read, check it against the original",
    ),
    "FORM_MONEY_RUN_LIKELY": Text(
        "“{text}”：自评表的金额各栏连写在一起，按有执行数的唯一拆法读作预算数 {amount}（也可读作执行数为 0）；请按原表核对",
        "{text!r}: the self-evaluation money cells run together; read as budget {amount}, the only cut with money "
        "spent (a cut with nothing spent also fits); check it against the original",
    ),
    "FORM_MONEY_RUN_TRAILING": Text(
        "“{text}”：自评表的金额各栏连写后还跟着其他文字，只按开头的金额读作预算数 {amount}；请按原表核对",
        "{text!r}: the self-evaluation money cells run together and other text follows them; budget {amount} "
        "read from the amounts at its start; check it against the original",
    ),
    "FORM_MONEY_KEYS_UNPLACED": Text(
        "“{cells}”：金额栏目在前、金额在后，但金额比栏目少（有空格被省去），各数对应哪一栏不唯一，未读取；请按原表核对",
        "{cells!r}: the money keys come first and their amounts after, fewer amounts than keys (empty cells "
        "dropped), so which amount is which is not certain; not read, check them against the original",
    ),
    "FORM_MONEY_KEYS_FROM_LEFT": Text(
        "“{cells}”：金额比栏目少（有空格被省去），已按从左到右对应各栏读取（末尾的空栏最常被省去）；请按原表核对",
        "{cells!r}: fewer amounts than money keys (empty cells dropped); read from the left (a row's empty "
        "cells at its end are the ones most often lost), check them against the original",
    ),
    "FORM_TOTAL_FROM_PARTS": Text(
        "资金总额一栏为空，按其中各项（财政拨款、其他资金等）之和记为 {total}；请核对",
        "the total's cell is empty: recorded as the sum of its parts (财政拨款, 其他资金 …), {total}; check it",
    ),
    "FORM_NAME_HOLDS_TITLE": Text(
        "项目名称“{name}”含有表名“{title}”：名称与前后文字连写，名称从哪里起止无法确定；请核对",
        "the project name {name!r} holds the form's title {title!r}: it runs into the text around it, "
        "so where the name starts and ends is unclear; check it",
    ),
    "FORM_NAME_LOOKS_LIKE_LABEL": Text(
        "项目名称“{name}”像是表格的标签而不是项目名称（栏目可能错位）；请核对",
        "the project name {name!r} looks like a form label, not a name (columns may be shifted); check it",
    ),
    "FORM_CURRENCY_UNREAD": Text(
        "表头未读到金额单位（按万元读取），但原文写有“{said}”：金额单位可能有误；请核对",
        "no currency unit was read in the header (read as 万元), yet the page writes {said!r}: the unit may be "
        "wrong; check it",
    ),
    "FORM_MONEY_KEY_GLUED": Text(
        "“{text}”：财政拨款标签紧接在前一数字之后（单元格连写），未读作标签，财政拨款未读取；请核对",
        "{text!r}: the 财政拨款 key is glued to the number before it (cells run together) and was not read as a key; "
        "财政拨款 not read, check it",
    ),
    "FORM_CURRENCY_MIXED": Text(
        "金额单位不一致：{said}；金额按原数读取，请核对是万元还是元",
        "the currency unit differs: {said}; amounts read as written, check whether they are 万元 or 元",
    ),
    "FORM_OUT_OF_ORDER": Text(
        "单元格顺序错乱（PDF 文本层常见）：“{labels}”连续出现，名称标签后面不是它的值；标签与值无法可靠配对，"
        "与此矛盾的表头值已去掉（{dropped}），其余请核对原件或改用 --backend auto（大模型）读取",
        "the cells are out of reading order (as in a PDF's text layer): the labels {labels!r} come in a run, "
        "the name's label is not followed by its value; labels and values cannot be paired with confidence, header values "
        "that contradict the order were dropped ({dropped}); check the rest against the original or use "
        "--backend auto (LLM)",
    ),
    "FORM_OUT_OF_ORDER_REFUSED": Text(
        "无法读取：单元格顺序错乱（PDF 文本层常见），“{labels}”连续出现，标签与值无法可靠配对；"
        "请改用 --backend auto（大模型）或提供原始表格文件",
        "cannot read: the cells are out of reading order (as in a PDF's text layer), the labels {labels!r} come "
        "in a run and cannot be paired with their values; use --backend auto (LLM) or the original table file",
    ),
    "PROSE_NAME_FROM_TITLE": Text(
        "目标以公文正文发布，没有项目名称栏：项目名称“{name}”取自标题；请核对",
        "the targets are published as a notice with no 项目名称 field: the name {name!r} is taken from the title; "
        "check it",
    ),
    "PROSE_NAME_FROM_FUND_FIELD": Text(
        "项目名称“{name}”取自正文中的专项（资金）名称栏，与其后的文字连写、按第一个“资金/经费”截止；请核对",
        "the name {name!r} is taken from a 专项/资金名称 field in the text, run together with what follows and cut "
        "at its first 资金/经费; check it",
    ),
    "PROSE_NAME_FROM_PART": Text(
        "没有项目名称栏：报告按资金分部分，项目名称“{name}”取自第一部分的标题；请核对",
        "no 项目名称 cell: the report is divided by fund, and the name {name!r} is taken from its first part's "
        "heading; check it",
    ),
    "PROSE_NAME_FROM_HEADING": Text(
        "没有项目名称栏：项目名称“{name}”取自表格标题；请核对",
        "no 项目名称 cell: the name {name!r} is taken from the table's caption; check it",
    ),
    "PROSE_NAME_CUT_COMPLETED": Text(
        "文本在项目名称栏中截断，只留下“{cut}”：项目名称“{name}”按其上方的表格标题补全；请核对",
        "the text is cut inside the 项目名称 cell, leaving {cut!r}: the name {name!r} is completed from the "
        "table's caption above it; check it",
    ),
    "PROSE_AMOUNT_FROM_TEXT": Text(
        "金额取自正文“{text}”，没有金额栏可对照；请核对",
        "the amount is read from the sentence {text!r}, with no money cell to check it against; check it",
    ),
    "PROSE_AMOUNT_UNTOLD": Text(
        "正文写了 {count} 个“资金…万元”金额（应为一个）：金额未读取",
        "the text names {count} '资金…万元' amounts where one was expected: amounts not read",
    ),
    "PROSE_ITEM_COMMA": Text(
        "条目“{name}”（值“{value}”）中留有逗号：名称与值、或两个条目的分界不确定；请核对",
        "a comma is left inside the item {name!r} (value {value!r}): where the name, the value or the item "
        "ends is not certain; check it",
    ),
    "PROSE_NO_DEPARTMENT": Text(
        "公文没有落款单位或发布机构：主管部门未读取",
        "the notice has no signature or 发布机构: the department is not read",
    ),
    "LABELS_BEFORE_VALUES": Text(
        "表格的标签整列排在值之前（PDF 文本层常见）：“{labels}”按先后顺序与其后的值配对，请核对原件，"
        "或改用 --backend auto（大模型）读取",
        "the form's labels are listed before their values (as in a PDF's text layer): {labels!r} are paired with "
        "the values that follow by order alone; check them against the original, or use --backend auto (LLM)",
    ),
    "LABELS_BEFORE_VALUES_UNPAIRED": Text(
        "标签“{labels}”与值的对应无法按顺序确定（值跨行或标签不认识）：这些栏目未读取",
        "the labels {labels!r} cannot be paired with their values by order (a value over several lines, or a "
        "label the rules do not know): these fields are not read",
    ),
    "LABELS_BEFORE_VALUES_NO_MONEY": Text(
        "没有读到带单位的资金总额：金额未读取",
        "no 资金总额 with its unit was read: amounts not read",
    ),
    "PROSE_FIELDS_ONLY": Text(
        "没有可识别的表格：项目名称、金额、绩效目标和指标取自正文叙述，请逐项核对原件，或改用 --backend auto（大模型）读取",
        "no recognisable table: the project names, amounts, goals and indicators are read from running text; "
        "check each against the original, or use --backend auto (LLM)",
    ),
    "PROSE_GOAL_FROM_TEXT": Text(
        "表中没有绩效目标：绩效目标“{goal}…”取自报告正文的绩效目标段落；请核对",
        "the form has no goal: the goal {goal!r}… is taken from the report's goal paragraph; check it",
    ),
    "PROSE_NAME_FROM_TEXT": Text(
        "没有项目名称栏：项目名称“{name}”取自正文中写明该项目资金的句子；请核对",
        "no 项目名称 cell: the name {name!r} is taken from the sentence that states the project's money; check it",
    ),
    "PROSE_NAME_EVALUATED": Text(
        "没有项目名称栏：项目名称“{name}”取自正文中说明对哪个项目开展绩效评价的句子；请核对",
        "no 项目名称 cell: the name {name!r} is taken from the sentence saying which project was evaluated; check it",
    ),
    "PROSE_AMOUNTS_SEVERAL": Text(
        "正文写了几个不同的金额（{text}），无法确定哪一个是项目总额：金额未读取",
        "the text names several different amounts ({text}); which one is the project's total is not certain: "
        "amounts not read",
    ),
    "PROSE_AMOUNT_SUM": Text(
        "正文写了几个金额（{text}），其中 {total} 等于其余各项之和，按项目总额读取；请核对",
        "the text names several amounts ({text}); {total} is the sum of the others and is read as the project's "
        "total; check it",
    ),
    "PROSE_AMOUNT_FROM_ALLOCATION": Text(
        "正文未写金额：金额取自附表“{table}”的合计行 {amount}{currency}；请核对",
        "the text states no amount: the amount is the 合计 row of the attached table {table!r}, "
        "{amount}{currency}; check it",
    ),
    "PROSE_AMOUNT_BUDGETED": Text(
        "正文写了几个不同的金额（{text}），只有 {total} 写明是预算，按项目总额读取；请核对",
        "the text names several different amounts ({text}); only {total} is called the budget and is read as the "
        "project's total; check it",
    ),
    "PROSE_AMOUNT_OF_SUBJECT": Text(
        "正文写了几个不同的金额（{text}），按写明项目名称“{name}”的句子读取 {total} 为项目总额；请核对",
        "the text names several different amounts ({text}); {total}, from the sentence that names the project "
        "{name!r}, is read as its total; check it",
    ),
    "PROSE_INDICATOR_FROM_TEXT": Text(
        "指标“{name}”（指标值“{value}”）取自正文叙述，不是表格行；请核对名称与指标值的分界",
        "the indicator {name!r} (value {value!r}) is read from running text, not a table row; check where the "
        "name ends and the value starts",
    ),
    "FORM_HEADER_ONLY": Text(
        "表头已读出，但指标表不是 一级指标 | 二级指标 | 三级指标 的格式，指标未读取；请人工核对或改用 LLM",
        "the header was read, but the indicator table is not a 一级指标 | 二级指标 | 三级指标 grid: "
        "indicators not read; check by hand or use the LLM backend",
    ),
    "GOAL_TEXT_TWICE": Text(
        "绩效目标“{goal}……”同一段文字写了两遍（两栏目标并排、内容相同）：只读取一遍；请核对",
        "the goal {goal!r}… is one text written twice (two goal columns side by side, alike): read once; check it",
    ),
    "GOAL_TEXT_TWICE_KEPT": Text(
        "绩效目标“{goal}……”在一个单元格中同一段文字写了两遍：已按原文保留；请核对是否应只保留一遍",
        "the goal {goal!r}… is one text written twice in one cell: kept as written; check whether it should "
        "be there once",
    ),
    "GOAL_BEGINS_IN_TEXT": Text(
        "绩效目标“{goal}……”之前紧接着没有结束的文字“{text}”：目标可能是一段折行文字中的一行，从哪里开始无法确定；请对照原件核对",
        "the goal {goal!r}… comes right after writing that does not end ({text!r}): it may be one line of a "
        "wrapped paragraph and where it starts is unclear; check it against the original",
    ),
    "GOAL_ENDS_IN_TEXT": Text(
        "绩效目标“…{goal}”没有句末标点，其后紧接着文字“{text}”：目标可能是一段折行文字中的一行，在哪里结束无法确定；请对照原件核对",
        "the goal '…{goal}' has no sentence end and writing goes straight on after it ({text!r}): it may be "
        "one line of a wrapped paragraph and where it ends is unclear; check it against the original",
    ),
    "GOAL_HOLDS_READING": Text(
        "绩效目标中含有拼音注音“{goal}”：网页镜像的注音没有去掉，目标文字可能不全或有误；请对照原件核对",
        "the goal holds a pinyin reading ({goal!r}): a mirror's reading aid was left in, the goal may be "
        "incomplete or wrong; check it against the original",
    ),
    "GOAL_OPENS_UNPAIRED": Text(
        "绩效目标以没有配对的括号开头（“{text}”）：可能混入了上方折行栏目名称的残余；目标“{goal}……”请核对",
        "the goal opens with a bracket never opened ({text!r}): the tail of a wrapped label above it may "
        "have been read into the goal {goal!r}…; check it",
    ),
    "GOAL_TOO_SHORT": Text(
        "绩效目标“{goal}”只有{count}个字：绩效目标不会这么短，可能读到的是栏目名称或目标的一部分；请对照原件核对",
        "the goal {goal!r} has only {count} character(s): no goal is that short, a label or a piece of the "
        "goal may have been read; check it against the original",
    ),
    "GOAL_TWO_CELLS": Text(
        "绩效目标在“{first}”之后隔着空白又接着“{second}”：像是并排的两栏（如实施周期目标和年度目标）读成了一段；请核对",
        "the goal goes on after {first!r} across a gap with {second!r}: two cells side by side (a period's and "
        "a year's goal) may have been read as one; check it",
    ),
    "FORM_GOAL_ONE_TEXT": Text(
        "只有一段文字在 预期目标 | 实际完成情况 之下：读作预期目标；请核对是否连写了实际完成情况",
        "only one text under 预期目标 | 实际完成情况: read as the 预期目标; check whether the achieved text "
        "ran into it",
    ),
    "FORM_MONEY_BY_LEVEL": Text(
        "资金按中央、省、市、县等层级分列（{cells}）：层级行说明资金来源，不是财政拨款栏，财政拨款留空；请核对财政拨款",
        "the money is split by level of government ({cells}): a level's row says where the money came from "
        "and is no 财政拨款 line, so the 财政拨款 is left empty; check it",
    ),
    "FORM_GOALS_SPLIT": Text(
        "两栏目标（中期目标 | 年度目标）的文字写在一处，在句末的空格处分开（第二段以「{at}」开头）：请核对",
        "the texts of two goal columns (中期目标 | 年度目标) are written as one piece and were cut at the space "
        "after a sentence (the second starts {at!r}): check them",
    ),
    "FORM_GOAL_YEAR_CUT": Text(
        "年度目标写到文本的最末（网页截断）；改用完整的{field}：请核对",
        "the 年度目标 runs to the very end of the text (the page was cut); the complete {field} is used: check it",
    ),
    "FORM_GOAL_SPLIT_AT": Text(
        "预期目标与实际完成情况连写，在「{at}」处分开：之前读作预期目标；请核对",
        "the 预期目标 and 实际完成情况 texts ran together and were cut at '{at}': the text before it "
        "read as the 预期目标; check it",
    ),
    "FORM_GOAL_UNTOLD": Text(
        "预期目标与实际完成情况的文字分不清（中间有空格）：第一段读作预期目标；请核对",
        "the 预期目标 and 实际完成情况 texts cannot be told apart (spaces between them): the first read as "
        "the 预期目标; check it",
    ),
    "FORM_GOAL_PAIRS": Text(
        "预期目标与实际完成情况按行成对读出，每对的第一段作为预期目标；请核对",
        "预期目标 and 实际完成情况 read as pairs of rows, the first of each pair as the 预期目标; check it",
    ),
    "FORM_CELLS_OUTSIDE_COLUMNS": Text(
        "指标表有 {count} 个单元格不在任何表头栏之下，未读取（{cells}…）；请核对它们旁边的指标值",
        "{count} cell(s) of the grid fall outside its headed columns and were not read ({cells}…): "
        "check the values beside them",
    ),
    "FORM_LEVELS_DISAGREE": Text(
        "“{name}”的一级指标“{l1}”与二级指标“{l2}”不属于同一组，按二级指标读作“{read}”；请核对",
        "{name!r}: its 一级 label {l1!r} and its 二级 label {l2!r} belong to different groups; "
        "read as {read!r}: check it",
    ),
    "FORM_LEVEL1_NOT_WRITTEN": Text(
        "“{name}”的二级指标“{l2}”与上方的一级指标“{l1}”不属于同一组，本组的一级指标未写出：一级指标名称留空，代码按二级指标推出；请核对",
        "{name!r}: its 二级 label {l2!r} is of another group than the 一级 label {l1!r} above it, so its "
        "group's 一级 cell is not in the text: 一级 name left empty, its code follows the 二级 label; check it",
    ),
    "FORM_LEVELS_MISMATCH": Text(
        "“{name}”的一级指标“{l1}”与二级指标“{l2}”不属于同一组，其中一个可能取自别的行；请核对",
        "{name!r}: its 一级 label {l1!r} and its 二级 label {l2!r} belong to different groups; one of "
        "them may come from another row: check them",
    ),
    "FORM_VALUE_NAME_TAIL": Text(
        "“{name}”的指标值“{text}”没有数字、以括号里的单位结尾，像是指标名称折到下一行的部分；请核对指标名称和指标值",
        "{name!r}: its value {text!r} has no digit and ends in a bracketed unit, like the end of a name "
        "wrapped onto the next line: check the name and the value",
    ),
    "FORM_SIGN_UNIT_ODD": Text(
        "“{name}”的指标性质/计量单位栏中是“{cells}”：各栏可能错位；请核对其指标值",
        "the 指标性质/计量单位 cells of {name!r} hold {cells}: cells may have shifted between columns; check its value",
    ),
    "NOT_AN_AMOUNT": Text(
        "不是金额：“{text}”（应为数字，如 1,307.44）", "not an amount: {text!r} (expected a number such as 1,307.44)"
    ),
    "AMOUNT_NOT_NUMBER": Text("不是金额：{text}", "not an amount: {text}"),
    "AMOUNT_TOO_MANY_DIGITS": Text(
        "金额“{text}”有 {digits} 位数字，超过金额最多的 {most} 位，请核对原表",
        "amount {text!r} has {digits} digits, more than the {most} an amount can have",
    ),
}
