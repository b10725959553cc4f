"""A single-project form (项目支出绩效目标申报表) written the ways offices keep them.

The form is defined once as data (:data:`FORM`), with the record it must give
(:func:`expected`); the writers render it as a Word table or a sheet with merged 一级/二级
cells, as OCR rows, and as flattened text: ``|`` between cells, one cell per line, or no
separators at all, with the merged labels on the first row of their group or in its middle.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "FORM",
    "FORM_TWO_VALUES",
    "FORM_STANDARD",
    "FORM_ACTUAL",
    "FORM_THREE_FIELDS",
    "expected",
    "render_form_image",
    "grid_rows",
    "write_form_docx",
    "write_form_xlsx",
    "flatten",
]

FORM = {
    "title": "2023年度项目支出绩效目标申报表",
    "name": "社区矫正信息化建设项目",
    "department": "广州市黄埔区司法局",
    "unit": "广州市黄埔区社区矫正中心",
    "attrs": [("项目属性", "新增项目"), ("项目期", "1年")],
    "money": [("年度资金总额", "120.50"), ("其中：财政拨款", "100.50"), ("上级资金", ""), ("其他资金", "20.00")],
    "goal": "完成社区矫正信息化平台建设，实现矫正对象定位监管全覆盖，提升社区矫正工作规范化水平。",
    "value_headers": ["指标值"],
    # (一级, 二级, 三级, values)
    "grid": [
        ("产出指标", "数量指标", "平台建设数量", ["1个"]),
        ("产出指标", "数量指标", "培训人次", ["≥200人次"]),
        ("产出指标", "数量指标", "覆盖街镇数", ["11个"]),
        ("产出指标", "质量指标", "系统验收合格率", ["100%"]),
        ("产出指标", "时效指标", "完成时间", ["2023年12月底前"]),
        ("效益指标", "社会效益指标", "矫正对象再犯罪率", ["≤0.2%"]),
        ("效益指标", "可持续影响指标", "系统持续运行年限", ["≥3年"]),
        ("满意度指标", "社会公众或服务对象满意度指标", "社区矫正对象满意度", ["≥90%"]),
    ],
}

FORM_TWO_VALUES = {
    **FORM,
    "title": "项目支出绩效目标批复表",
    "value_headers": ["实施周期指标值", "年度指标值"],
    "grid": [(a, b, c, [f"{v[0]}（三年）", v[0]]) for a, b, c, v in FORM["grid"]],
}

FORM_STANDARD = {
    **FORM,
    "title": "2022年项目支出绩效目标申报表",
    "value_headers": ["指标值及单位", "绩效标准"],
    "grid": [(a, b, c, [v[0], "按合同约定执行"]) for a, b, c, v in FORM["grid"]],
    "expected_values": [(None, v[0]) for *_, v in FORM["grid"]],
}

FORM_ACTUAL = {
    **FORM,
    "title": "项目支出绩效目标批复表",
    "value_headers": ["2021年实际值", "预期2022年值"],
    "grid": [(a, b, c, ["上年完成", v[0]]) for a, b, c, v in FORM["grid"]],
    "expected_values": [(None, v[0]) for *_, v in FORM["grid"]],
}

# the national template's three fields: 指标性质 (comparison) | 指标值 | 度量单位
_SPLIT = {
    "1个": ("=", "1", "个"),
    "≥200人次": ("≥", "200", "人次"),
    "11个": ("=", "11", "个"),
    "100%": ("=", "100", "%"),
    "2023年12月底前": ("", "2023年12月底前", ""),
    "≤0.2%": ("≤", "0.2", "%"),
    "≥3年": ("≥", "3", "年"),
    "≥90%": ("≥", "90", "%"),
}
FORM_THREE_FIELDS = {
    **FORM,
    "value_headers": ["指标性质", "指标值", "度量单位"],
    "grid": [(a, b, c, list(_SPLIT[v[0]])) for a, b, c, v in FORM["grid"]],
    "expected_values": [(None, "".join(_SPLIT[v[0]])) for *_, v in FORM["grid"]],
}

_CODES1 = {"产出指标": "1", "效益指标": "2", "满意度指标": "3"}
_CODES2 = {
    "数量指标": "11",
    "质量指标": "12",
    "时效指标": "13",
    "社会效益指标": "22",
    "可持续影响指标": "24",
    "社会公众或服务对象满意度指标": "31",
}


def expected(form: dict) -> dict:
    """The interchange record the form must give (one unit, one project)."""
    two = len(form["value_headers"]) == 2
    values = form.get("expected_values") or [(v[0] if two else None, v[-1]) for *_, v in form["grid"]]
    indicators = [
        {
            "seq": i,
            "level1_code": _CODES1[a],
            "level1_name": a,
            "level2_code": _CODES2[b],
            "level2_name": b,
            "name": c,
            "period_value": period,
            "annual_value": annual,
        }
        for i, ((a, b, c, _), (period, annual)) in enumerate(zip(form["grid"], values), start=1)
    ]
    amounts = {"total": 120.5, "fiscal": 100.5, "special_account": None, "other": 20.0}
    project = {
        "name": form["name"],
        "classified": False,
        "amounts": amounts,
        "goal": form["goal"],
        "indicators": indicators,
    }
    return {
        "title": form["title"],
        "department": form["department"],
        "currency_unit": "万元",
        "amounts": amounts,
        "units": [{"name": form["unit"], "amounts": amounts, "projects": [project]}],
    }


def grid_rows(form: dict, *, merged_blank: bool = True) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The form as a 4+-column grid, and the merges (row0, col0, row1, col1; 0-based, inclusive).

    With ``merged_blank`` the cells a merge covers are empty strings (as Word/Excel keep them).
    """
    k = len(form["value_headers"])
    width = 3 + k
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []

    def add(cells: list[str], spans: list[tuple[int, int]] = ()) -> None:
        rows.append(cells + [""] * (width - len(cells)))

    add([form["title"]])
    merges.append((0, 0, 0, width - 1))
    add(["项目名称", form["name"]])
    merges.append((1, 1, 1, width - 1))
    add(["主管部门", form["department"], "实施单位", form["unit"]])
    add([form["attrs"][0][0], form["attrs"][0][1], form["attrs"][1][0], form["attrs"][1][1]])
    top = len(rows)
    for i, (key, value) in enumerate(form["money"]):
        add(["项目资金（万元）" if i == 0 else "", key, value])
    merges.append((top, 0, top + len(form["money"]) - 1, 0))
    add(["总体目标", form["goal"]])
    merges.append((len(rows) - 1, 1, len(rows) - 1, width - 1))
    add(["一级指标", "二级指标", "三级指标", *form["value_headers"]])
    start = len(rows)
    for level in (0, 1):
        group_start = start
        for i, item in enumerate(form["grid"]):
            row_index = start + i
            last = i == len(form["grid"]) - 1
            if last or form["grid"][i + 1][: level + 1] != item[: level + 1]:
                if row_index > group_start:
                    merges.append((group_start, level, row_index, level))
                group_start = row_index + 1
    for i, (a, b, c, values) in enumerate(form["grid"]):
        first1 = i == 0 or form["grid"][i - 1][0] != a
        first2 = i == 0 or form["grid"][i - 1][:2] != (a, b)
        add([a if first1 or not merged_blank else "", b if first2 or not merged_blank else "", c, *values])
    return rows, merges


def write_form_docx(form: dict, path: Path) -> Path:
    import docx

    rows, merges = grid_rows(form)
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        text = table.cell(r0, c0).text
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = text
    document.save(path)
    return path


def write_form_xlsx(form: dict, path: Path, *, amounts_as_numbers: bool = True) -> Path:
    from openpyxl import Workbook

    rows, merges = grid_rows(form)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "申报表"
    for cells in rows:
        values = []
        for text in cells:
            try:
                values.append(
                    float(text) if amounts_as_numbers and text and text[0].isdigit() and "." in text else text
                )
            except ValueError:
                values.append(text)
        sheet.append(values)
    for r0, c0, r1, c1 in merges:
        sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    workbook.save(path)
    return path


def _grid_lines(form: dict, centred: bool) -> list[list[str]]:
    """The indicator rows as a web page flattens them: a merged label once per group,
    on the group's first row or (``centred``) on its middle row."""
    grid = form["grid"]
    rows = [[c, *v] for _, _, c, v in grid]
    labels: list[list[str]] = [[] for _ in grid]
    for level in (0, 1):
        i = 0
        while i < len(grid):
            j = i
            while j + 1 < len(grid) and grid[j + 1][: level + 1] == grid[i][: level + 1]:
                j += 1
            at = i + (j - i) // 2 if centred else i
            labels[at].append(grid[i][level])
            i = j + 1
    return [lab + row for lab, row in zip(labels, rows)]


def flatten(form: dict, how: str, *, centred: bool = False) -> str:
    """The form as text copied from a web page or PDF: ``how`` is "pipes", "tabs", "lines" or "none"."""
    k = len(form["value_headers"])
    block = [
        [form["title"]],
        ["项目名称", form["name"]],
        ["主管部门", form["department"], "实施单位", form["unit"]],
        [form["attrs"][0][0], form["attrs"][0][1], form["attrs"][1][0], form["attrs"][1][1]],
        ["项目资金（万元）", *[x for pair in form["money"] for x in pair if x]],
        ["总体目标", form["goal"]],
        ["一级指标", "二级指标", "三级指标", *form["value_headers"]],
        *_grid_lines(form, centred),
    ]
    assert k >= 1
    if how == "pipes":
        return "\n".join(" | ".join(row) for row in block) + "\n"
    if how == "tabs":  # a browser's copy of an HTML table
        return "\n".join("\t".join(row) for row in block) + "\n"
    if how == "lines":
        return "\n".join(cell for row in block for cell in row) + "\n"
    if how == "none":
        return "".join(cell for row in block for cell in row) + "\n"
    raise ValueError(how)


def render_form_image(form: dict, *, dpi: int = 200, font_path=None):
    """The form printed and scanned: a ruled grid with merged cells, each merged cell's text
    centred in it (as printed forms place the 一级/二级 labels). Returns a PIL image."""
    from PIL import Image, ImageDraw, ImageFont
    from scan_render import find_cjk_font

    font_path = font_path or find_cjk_font()
    if font_path is None:
        raise RuntimeError("no CJK font found")
    rows, merges = grid_rows(form)
    px = lambda mm: round(mm / 25.4 * dpi)  # noqa: E731
    size = round(10.5 / 72 * dpi)
    font = ImageFont.truetype(str(font_path), size)
    widths = [px(w) for w in (32, 42, 52, 45, 40, 40)[: len(rows[0])]]
    margin, pad, line_h = px(15), px(1.5), round(size * 1.4)
    xs = [margin]
    for w in widths:
        xs.append(xs[-1] + w)
    region = {}  # (row, col) -> (row1, col1) for the top-left cell of every cell or merge
    covered = set()
    for r0, c0, r1, c1 in merges:
        region[(r0, c0)] = (r1, c1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    for r, row in enumerate(rows):
        for c in range(len(row)):
            if (r, c) not in covered:
                region.setdefault((r, c), (r, c))

    def wrap(text, width):
        lines, current = [], ""
        for ch in text:
            if current and font.getlength(current + ch) > width - 2 * pad:
                lines.append(current)
                current = ch
            else:
                current += ch
        return lines + [current] if current else lines

    heights = [line_h + 2 * pad] * len(rows)
    for (r, c), (r1, c1) in region.items():
        if r1 == r and rows[r][c]:
            lines = wrap(rows[r][c], xs[c1 + 1] - xs[c])
            heights[r] = max(heights[r], len(lines) * line_h + 2 * pad)
    ys = [margin]
    for h in heights:
        ys.append(ys[-1] + h)
    image = Image.new("L", (px(210), ys[-1] + margin), 255)  # the form only, not a whole A4 page
    draw = ImageDraw.Draw(image)
    stroke = max(1, round(dpi / 100))
    for (r, c), (r1, c1) in region.items():
        box = (xs[c], ys[r], xs[c1 + 1], ys[r1 + 1])
        draw.rectangle(box, outline=0, width=stroke)
        lines = wrap(rows[r][c], box[2] - box[0]) if rows[r][c] else []
        top = box[1] + ((box[3] - box[1]) - len(lines) * line_h) // 2
        for k, line in enumerate(lines):
            draw.text((box[0] + pad, top + k * line_h), line, font=font, fill=0)
    return image
