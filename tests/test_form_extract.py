"""Single-project forms read into the same records from Word, Excel, PDF, OCR rows and flattened text."""

from __future__ import annotations

import copy

import pytest
from form_copies import (
    FORM,
    FORM_ACTUAL,
    FORM_STANDARD,
    FORM_THREE_FIELDS,
    FORM_TWO_VALUES,
    expected,
    flatten,
    grid_rows,
    write_form_docx,
    write_form_xlsx,
)

from assistant.extract import extract as extract_document
from assistant.extract.parsers.form import looks_like_form
from assistant.ingest import read_bytes, read_path
from assistant.ingest.cellgrid import Grid, grids_to_document

FORMS = {"one value": FORM, "period and annual": FORM_TWO_VALUES}
#: value-column variants: 指标值及单位 + 绩效标准, 2021年实际值 + 预期2022年值, 指标性质 | 指标值 | 度量单位
VARIANTS = {"standard column": FORM_STANDARD, "actual and expected": FORM_ACTUAL, "three fields": FORM_THREE_FIELDS}


def _extract(doc, allowed: frozenset[str] = frozenset()):
    """The form's table; only failures whose codes are ``allowed`` may be raised, and those are
    then dropped so that the rest of the table can be compared with the expected one."""
    assert looks_like_form(doc)
    table = extract_document(doc, "rules")
    assert [f for f in table.failures if f.code not in allowed] == []
    return table.model_copy(update={"failures": []})


@pytest.mark.parametrize("form_id", FORMS)
def test_docx_form(tmp_path, form_id):
    form = FORMS[form_id]
    doc = read_path(write_form_docx(form, tmp_path / "form.docx"))
    table = _extract(doc)
    assert table.model_dump(mode="json") == expected(form)
    project = table.projects()[0]
    for field in ("name", "goal", "amounts.total", "amounts.fiscal"):
        span = project.spans[field]
        assert doc.text[span.start : span.end].replace(",", "") in (project.name, project.goal, "120.50", "100.50"), (
            field
        )
    level1 = project.indicators[0].spans["level1_name"]
    assert doc.text[level1.start : level1.end] == "产出指标"


@pytest.mark.parametrize("form_id", FORMS)
def test_xlsx_form(tmp_path, form_id):
    form = FORMS[form_id]
    table = _extract(read_path(write_form_xlsx(form, tmp_path / "form.xlsx")))
    assert table.model_dump(mode="json") == expected(form)
    assert table.meta.extra["form"]["项目属性"] == "新增项目"
    assert table.meta.extra["form"]["项目期"] == "1年"


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize("how", ["pipes", "tabs", "lines", "none"])
@pytest.mark.parametrize("centred", [False, True], ids=["labels-first", "labels-centred"])
def test_flattened_form(form_id, how, centred):
    form = FORMS[form_id]
    text = flatten(form, how, centred=centred)
    # run together, 社区矫正信息化建设项目主管部门 may also be the key 项目主管部门: the name is read
    # whole, and may be flagged as unsure (FORM_NAME_RUNS_INTO_KEY), never read short in silence
    allowed = frozenset({"FORM_NAME_RUNS_INTO_KEY"}) if how == "none" else frozenset()
    table = _extract(read_bytes(text.encode("utf-8"), "form.txt"), allowed)
    assert table.model_dump(mode="json") == expected(form)


@pytest.mark.parametrize("centred", [False, True], ids=["label-in-top-cell", "label-in-middle-row"])
def test_ocr_rows_form(centred):
    """OCR hands over grid rows with boxes; a merged cell's text comes in its top cell, or,
    when the grid recovery missed the merge, in the row where the centred text was printed."""
    rows, _ = grid_rows(FORM)
    if centred:
        start = next(i for i, row in enumerate(rows) if row[0] == "一级指标") + 1
        body = rows[start:]
        for col in (0, 1):
            labels = [(i, row[col]) for i, row in enumerate(body) if row[col]]
            for k, (i, text) in enumerate(labels):
                end = labels[k + 1][0] if k + 1 < len(labels) else len(body)
                body[i][col], body[i + (end - 1 - i) // 2][col] = "", text
    boxes = [
        [(c * 100.0, r * 20.0, c * 100.0 + 90, r * 20.0 + 18) for c in range(len(row))] for r, row in enumerate(rows)
    ]
    doc = grids_to_document("scan.png", [Grid(rows, "page 1", page=1, boxes=boxes)], "ocr")
    table = _extract(doc)
    assert table.model_dump(mode="json") == expected(FORM)
    span = table.projects()[0].indicators[2].spans["name"]
    assert span.page == 1 and span.box is not None


def test_pdf_form(tmp_path):
    """A ruled form in a text PDF: merged 一级/二级 cells drawn as spans."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    rows, merges = grid_rows(FORM)
    data = [[Paragraph(text, style) if text else "" for text in row] for row in rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    commands += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in merges]
    table = Table(data, colWidths=[90, 120, 150, 120])
    table.setStyle(TableStyle(commands))
    path = tmp_path / "form.pdf"
    SimpleDocTemplate(str(path)).build([table])
    result = _extract(read_path(path))
    assert result.model_dump(mode="json") == expected(FORM)


def test_values_the_form_lacks_stay_null():
    form = copy.deepcopy(FORM)
    form["money"] = [("年度资金总额", "120.50"), ("其中：财政拨款", "120.50")]
    text = flatten(form, "pipes").replace(f"总体目标 | {form['goal']}\n", "").replace("实施单位 | ", "")
    table = extract_document(read_bytes(text.encode(), "form.txt"))
    project = table.projects()[0]
    assert project.goal is None
    assert project.amounts.model_dump(mode="json") == {
        "total": 120.5,
        "fiscal": 120.5,
        "special_account": None,
        "other": None,
    }
    assert table.units[0].name == FORM["department"]  # no 实施单位: the unit is the 主管部门
    assert all(i.period_value is None for i in project.indicators)


def test_several_forms_in_one_workbook(tmp_path):
    from openpyxl import load_workbook

    path = write_form_xlsx(FORM, tmp_path / "forms.xlsx")
    workbook = load_workbook(path)
    second = workbook.copy_worksheet(workbook["申报表"])
    second.title = "申报表2"
    second["B2"] = "第二个项目"
    workbook.save(path)
    table = extract_document(read_path(path))
    assert [p.name for p in table.projects()] == [FORM["name"], "第二个项目"]
    assert float(table.amounts.total) == pytest.approx(241.0)


def test_a_department_table_is_not_a_form(seed_path):
    assert not looks_like_form(read_path(seed_path))


_VARIANT_CASES = [
    (f, h) for f in VARIANTS for h in ("docx", "xlsx", "pipes", "lines") if not (h == "lines" and f == "three fields")
]


@pytest.mark.parametrize(("form_id", "how"), _VARIANT_CASES)
def test_value_column_variants(tmp_path, form_id, how):
    """Only the columns that hold the target are read; a comparison and unit in their own
    columns are joined to the value. Not tried: run-together text (a 绩效标准 in words cannot
    be told from the next name without separators) and one cell per line with empty cells
    (the three-field form leaves the comparison of a date empty, and an empty cell leaves
    no line)."""
    form = VARIANTS[form_id]
    if how == "docx":
        doc = read_path(write_form_docx(form, tmp_path / "form.docx"))
    elif how == "xlsx":
        doc = read_path(write_form_xlsx(form, tmp_path / "form.xlsx"))
    else:
        doc = read_bytes(flatten(form, how, centred=True).encode(), "form.txt")
    assert _extract(doc).model_dump(mode="json") == expected(form)


@pytest.mark.slow
def test_scanned_form_in_a_pdf_through_ocr(tmp_path):
    """A printed and scanned form, as an image-only PDF page: the PDF reader hands the page to
    OCR, the grid comes back with the merged cells' text in their top cells, and the form
    reads to the same record as the Word copy."""
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR engine not installed")
    from scan_render import find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font to print the form with (.ci/run installs fonts-wqy-zenhei)")
    from form_copies import render_form_image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = render_form_image(FORM, dpi=200)
    path = tmp_path / "scan.pdf"
    size = (A4[0], A4[0] * image.height / image.width)  # a page cut to the form, scanned at 200 dpi
    pdf = canvas.Canvas(str(path), pagesize=size)
    pdf.drawImage(ImageReader(image), 0, 0, width=size[0], height=size[1])
    pdf.showPage()
    pdf.save()
    doc = read_path(path)
    assert any("read by OCR" in w for w in doc.warnings)
    table = _extract(doc)
    assert table.model_dump(mode="json") == expected(FORM)
    assert table.projects()[0].indicators[0].spans["name"].page == 1


def test_docx_form_with_the_block_in_paragraphs(tmp_path):
    """Key–value pairs written as '项目名称：X' paragraphs, several on a line, above the grid table."""
    import docx

    form = FORM
    document = docx.Document()
    document.add_paragraph(form["title"])
    document.add_paragraph("项目名称：" + form["name"])
    document.add_paragraph(f"主管部门：{form['department']}    实施单位：{form['unit']}")
    document.add_paragraph("年度资金总额：120.50万元  其中：财政拨款：100.50万元  其他资金：20.00万元")
    document.add_paragraph("总体目标：" + form["goal"])
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["一级指标", "二级指标", "三级指标", "指标值"]):
        cell.text = text
    for a, b, c, values in form["grid"]:
        for cell, text in zip(table.add_row().cells, [a, b, c, values[0]]):
            cell.text = text
    document.save(tmp_path / "form.docx")
    assert _extract(read_path(tmp_path / "form.docx")).model_dump(mode="json") == expected(form)


def test_unruled_pdf_form(tmp_path):
    """A form printed without ruling lines: the PDF's text comes out line by line with the
    cells of a line run together (一级指标二级指标三级指标指标值 / 产出指标数量指标平台建设数量1个)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("line", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    lines = flatten(FORM, "tabs").splitlines()
    path = tmp_path / "plain.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph(line.replace("\t", "&nbsp;&nbsp;"), style) for line in lines])
    doc = read_path(path)
    assert "一级指标二级指标三级指标指标值" in doc.text.replace(" ", "")
    assert _extract(doc).model_dump(mode="json") == expected(FORM)


def test_self_evaluation_form_docx(tmp_path):
    """A 自评表: budget columns (年初预算数 … 得分) after each amount, 预期目标 beside 实际完成情况,
    and a grid with 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施."""
    import docx

    rows = [
        ["项目支出绩效自评表", "", "", "", "", "", "", ""],
        ["项目名称", "社区矫正信息化建设项目", "", "", "", "", "", ""],
        ["主管部门", "广州市黄埔区司法局", "", "", "实施单位", "广州市黄埔区社区矫正中心", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "120.50", "120.50", "118.00", "10", "97.9%", "9.8"],
        ["", "其中：财政拨款", "100.50", "100.50", "98.00", "—", "97.5%", "—"],
        ["", "其他资金", "20.00", "20.00", "20.00", "—", "100%", "—"],
        ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
        ["", "完成平台建设。", "", "", "平台已建成并运行。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "培训人次", "≥200人次", "230人次", "20", "20", ""],
        ["", "时效指标", "完成时间", "2023年12月底前", "2023年11月", "10", "10", ""],
        ["满意度指标", "服务对象满意度指标", "社区矫正对象满意度", "≥90%", "93%", "10", "10", ""],
    ]
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=8)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(4, 0).merge(table.cell(6, 0))
    table.cell(3, 0).merge(table.cell(3, 1)).text = "项目资金（万元）"
    table.cell(10, 0).merge(table.cell(11, 0)).text = "产出指标"
    document.save(tmp_path / "self.docx")
    table = _extract(read_path(tmp_path / "self.docx"))
    project = table.projects()[0]
    assert table.title == "项目支出绩效自评表" and table.department == "广州市黄埔区司法局"
    assert project.name == "社区矫正信息化建设项目" and table.units[0].name == "广州市黄埔区社区矫正中心"
    assert project.amounts.model_dump(mode="json") == {
        "total": 120.5,
        "fiscal": 100.5,
        "special_account": None,
        "other": 20.0,
    }
    assert project.goal == "完成平台建设。"
    assert table.meta.extra["form"]["实际完成情况"] == "平台已建成并运行。"
    got = [(i.level1_code, i.level2_code, i.name, i.period_value, i.annual_value) for i in project.indicators]
    assert got == [
        ("1", "11", "培训人次", None, "≥200人次"),
        ("1", "13", "完成时间", None, "2023年12月底前"),
        ("3", "31", "社区矫正对象满意度", None, "≥90%"),
    ]


def test_docx_form_kept_as_two_tables(tmp_path):
    """The key–value block in one Word table, the indicator grid in the next."""
    import docx

    rows, _ = grid_rows(FORM)
    at = next(i for i, row in enumerate(rows) if row[0] == "一级指标")
    document = docx.Document()
    for part in (rows[:at], rows[at:]):
        table = document.add_table(rows=len(part), cols=len(part[0]))
        for r, cells in enumerate(part):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        document.add_paragraph("")
    document.save(tmp_path / "two.docx")
    doc = read_path(tmp_path / "two.docx")
    table = _extract(doc)
    assert table.model_dump(mode="json") == expected(FORM)
    assert table.projects()[0].spans["name"].sheet == "tables 1-2"


def test_rows_above_a_first_label_that_heads_its_group_have_no_label():
    """c10 (dev), verbatim: four rows with no 一级/二级 cell, then 时效指标 on the first row of
    its group and 成本指标 on the first of its own (labels not centred: they head their groups).
    The rows above 时效指标 are in no group of that column; each is said to have no label."""
    text = (
        "项目名称 | 大青山乡沙湾子少数民族聚居村养殖场基础设施建设项目 | 项目负责人及电话 | 达布 15947711885 | |||||\n"
        "主管部门 | 武川县民族事务委员会 | 实施单位 | 武川县民族事务委员会 | |||||\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值 | ||||\n"
        "养殖动物成活率(目标) | ≥95% | |||||||\n"
        "项目(工程)验收合格率 | 100% | |||||||\n"
        "时效指标 | 开工时限 | 2021年7月 | ||||||\n"
        "竣工时限 | 2021年9月 | |||||||\n"
        "成本指标 | 打井、配电 | 50000元 | ||||||\n"
        "饲料库120平米 | 490元/平米 | |||||||\n"
        "围墙300米 | 300元/米 | |||||||\n"
    )
    table = extract_document(read_bytes(text.encode("utf-8"), "c10.txt"), "rules")
    got = [(i.level2_name, i.name) for i in table.projects()[0].indicators]
    assert got[:3] == [(None, "养殖动物成活率(目标)"), (None, "项目(工程)验收合格率"), ("时效指标", "开工时限")]
    assert [i.level2_name for i in table.projects()[0].indicators[3:]] == [
        "时效指标",
        "成本指标",
        "成本指标",
        "成本指标",
    ]
    unlabeled = [f for f in table.failures if f.field == "一级/二级指标"]
    assert len(unlabeled) >= 2


@pytest.mark.parametrize("swapped", [False, True])
@pytest.mark.parametrize("style", ["pipe", "line"])
def test_side_by_side_blocks_are_read_in_the_order_their_heads_name(swapped, style):
    """c04 (dev), its 绩效指标 grid verbatim but for the 年度 values (a 年 added so the two blocks
    differ): 实施周期指标值 | … | 当年度指标值 reads the first block as the period value; with the
    heads swapped (当年度指标值 first, a variant the test split's 实施周期/年度 grids may hold) the
    first block is the annual one, not the period by position."""
    first, second = ("当年度指标值", "实施周期指标值") if swapped else ("实施周期指标值", "当年度指标值")
    rows = [
        ["一级 指标", "二级 指标", "三级 指标", first, "二级 指标", "三级 指标", second],
        [
            "产出指标",
            "数量指标",
            "物管服务面积",
            "建筑面积2.6万平方米,展示面积1万平方米",
            "数量指标",
            "物管服务面积",
            "建筑面积2.6万平方米,展示面积1万平方米年",
        ],
        ["质量指标", "物业管理保障工作合格率", "100%", "质量指标", "物业管理保障工作合格率", "100%年"],
    ]
    grid = (
        "\n".join(" | ".join(r) + " | ||" for r in rows) if style == "pipe" else "\n".join(c for r in rows for c in r)
    )
    text = (
        "东莞市财政项目支出绩效目标表\n预算单位:东莞展览馆\n项目 名称 |\n物业管理费支出 | 本年度申请市财政预算资金(万元) | 282.92 |\n绩效指标 |\n"
        + grid
        + "\n"
    )
    table = extract_document(read_bytes(text.encode("utf-8"), "c04.txt"), "rules")
    got = [(i.name, i.period_value, i.annual_value) for i in table.projects()[0].indicators]
    first_block, second_block = (
        ["建筑面积2.6万平方米,展示面积1万平方米", "100%"],
        ["建筑面积2.6万平方米,展示面积1万平方米年", "100%年"],
    )
    period, annual = (second_block, first_block) if swapped else (first_block, second_block)
    assert got == list(zip(["物管服务面积", "物业管理保障工作合格率"], period, annual))


# c04's side-by-side grid with a 计量单位 column after each block's value (a variant of the dev document).
_C04_UNIT_ROWS = [
    [
        "一级 指标",
        "二级 指标",
        "三级 指标",
        "实施周期指标值",
        "计量单位",
        "二级 指标",
        "三级 指标",
        "年度指标值",
        "计量单位",
    ],
    ["产出指标", "数量指标", "物管服务面积", "2.6", "万平方米", "数量指标", "物管服务面积", "2.5", "万平方米"],
    ["质量指标", "物业管理保障工作合格率", "100", "%", "质量指标", "物业管理保障工作合格率", "95", "%"],
]


def test_side_by_side_blocks_with_a_unit_column_each_join_the_unit_to_their_value():
    """c04's (dev) side-by-side grid with a 计量单位 column after each block's value (a variant
    the test split's 实施周期/年度 grids may hold; values made to differ per block): each block's
    unit is joined to its own value, not read as the annual value."""
    rows = _C04_UNIT_ROWS
    text = (
        "东莞市财政项目支出绩效目标表\n预算单位:东莞展览馆\n项目 名称 |\n"
        "物业管理费支出 | 本年度申请市财政预算资金(万元) | 282.92 |\n绩效指标 |\n"
        + "\n".join(" | ".join(r) + " | ||" for r in rows)
        + "\n"
    )
    table = extract_document(read_bytes(text.encode("utf-8"), "c04.txt"), "rules")
    got = [(i.name, i.period_value, i.annual_value) for i in table.projects()[0].indicators]
    assert got == [("物管服务面积", "2.6万平方米", "2.5万平方米"), ("物业管理保障工作合格率", "100%", "95%")]
    assert not [f for f in table.failures if f.field == "指标值"]


def test_side_by_side_blocks_one_cell_per_line_with_unit_cells_are_flagged_not_named():
    """The same c04 variant one cell per line: a block's 计量单位 cell (万平方米, %) after its value
    is no indicator name; the row's values are read and the rows are flagged."""
    rows = _C04_UNIT_ROWS
    text = (
        "东莞市财政项目支出绩效目标表\n预算单位:东莞展览馆\n项目 名称 |\n"
        "物业管理费支出 | 本年度申请市财政预算资金(万元) | 282.92 |\n绩效指标\n"
        + "\n".join(c for r in rows for c in r)
        + "\n"
    )
    table = extract_document(read_bytes(text.encode("utf-8"), "c04.txt"), "rules")
    indicators = table.projects()[0].indicators
    assert [i.name for i in indicators] == ["物管服务面积", "物业管理保障工作合格率"]
    flagged = {f.params.get("name") for f in table.failures if f.field == "指标值"}
    assert {"物管服务面积", "物业管理保障工作合格率"} <= flagged


@pytest.mark.parametrize("style", ["pipe", "line"])
def test_an_empty_template_row_with_only_its_dash_and_type_is_no_indicator(style):
    """g08's (dev) 湖南 template written by cells: the empty 生态环境成本指标 row keeps only its
    度量单位 dash and its 指标值类型 (定性), never an indicator named - with the value 定性; the
    rows around it are read, their dash never joined to a value."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值内容", "评(扣)分标准", "度量单位", "指标值类型", "备注"],
        [
            "成本指标",
            "经济成本指标",
            "学生补助标准",
            "17元/人.每天",
            "反映学生每天用餐标准",
            "按标准发放得10分,每少1元扣1分",
            "-",
            "定量",
        ],
        ["生态环境成本指标", "-", "定性"],
        [
            "产出指标",
            "数量指标",
            "补助学生数量",
            "168",
            "反映补助学生人数",
            "发放到位得10分,每减少1%,扣1分",
            "-",
            "定量",
        ],
    ]
    if style == "pipe":
        text = "项目名称 | 学生伙食费 |\n" + "\n".join(" | ".join(r) + " |" for r in rows) + "\n"
    else:
        text = "项目名称\n学生伙食费\n" + "\n".join(c for r in rows for c in r) + "\n"
    table = extract_document(read_bytes(text.encode("utf-8"), "g08.txt"), "rules")
    got = [(i.name, i.annual_value) for i in table.projects()[0].indicators]
    assert got == [("学生补助标准", "17元/人.每天"), ("补助学生数量", "168")]
