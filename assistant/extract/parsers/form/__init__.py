"""Single-project forms (项目支出绩效目标申报表 / 批复表 / 自评表) into the same records.

A form holds one project: a key–value block (项目名称, 主管部门, 实施单位, 项目资金: 年度资金总额 /
财政拨款 / 上级资金 / 其他资金, 总体目标 or 实施周期目标 + 年度目标) and an indicator grid
一级指标 | 二级指标 | 三级指标 | value columns. It may come as Word/Excel cells, OCR rows, or
flattened text from a web page or a PDF copy: cells separated by ``|``, by line breaks, by
white space, or not at all. Everything is first cut into *tokens* (one per cell, ``|`` piece
or line; space-separated text at white space outside brackets; text run together at the
labels a form uses), then read the same way. Labels written in traditional characters
(項目名稱, 三級指標) are matched as their simplified forms.

Reading rules (what the tests pin down):

* One project per form; the unit is the 实施单位 (else the 主管部门). The table's amounts are
  the project's, so the amount checks still hold. A value the form lacks stays ``None``.
* Amounts: 年度资金总额 → total, 财政拨款 → fiscal, 财政专户 → special_account, 其他资金 →
  other. 上级资金 has no field of its own; it is kept with every other key–value pair under
  ``meta.extra["form"]``. A lone 财政 budget amount (本年度申请市财政预算资金, 年度本级预算金额)
  is the total and the fiscal amount; beside a 中期资金总额 column the 年度 column's amounts win;
  ``854万(…)`` reads 854, a dash is empty.
  Labels are read by meaning (项目支出名称, 执行单位, 预算金额, 本级财政, 其中：其他资金 …), with
  spaces inside them, a note after them (（万元）, （全称）), in traditional characters, and
  with the value in the same cell (``项目名称：X``, ``项目名称 X``). Budget codes before unit
  names ([812], 031-) are dropped; of several 主管部门 (省级 / 区县) the most local one is the
  department. A 自评表 money row is read at its 全年预算数; when its cells ran together or
  empty ones were dropped, only a reading pinned by 执行率 = 执行数 / 预算数 is taken
  (:mod:`.money_run`; units written after the amounts end the cells, 10萬10萬100%); the only
  reading with money spent, or the amounts at the start of a longer text, are taken with a
  failure saying so; else a failure. Amounts in 元 in one place and 万元 in another are
  flagged, never converted. Money split by level of government (其中：中央、省补助 | 市级财政资金 |
  县级财政资金) gives no 财政拨款: a level's row says where the money came from (LABELING F2),
  said so; ``4623 万`` reads 4623 in 万元.
  A form whose text stops before its money rows takes the amounts of a copy of its beginning
  run together in one cell of the page (安徽's 内容概述), when one such cell names the same
  project, flagged. A 合计 under a cost table (项目预算成本构成 | 金额 | 测算依据 | 执行数…) whose
  cells ran together (814662.98794.55) is read as its first cell when that is the sum of the
  rows' amounts above it (191 + 99 + 524), flagged.
* Goal: 年度目标 when the form has one, else 总体目标 / 实施周期目标 / 绩效目标; the other goal
  texts are kept under ``meta.extra["form"]``. A 年度目标 cut by the end of the text gives way to
  a complete 实施周期 / 总体 goal, flagged; 中期目标 | 年度目标 over one piece holding both texts
  are cut at its one gap after a sentence's end, flagged. A 自评表's 预期目标 | 实际完成情况 over rows
  of pairs gives the expected column (flagged unless each pair repeats its goal). Keys written
  by a notice above the form's title are not the form's.
* A form whose indicator grid is of a kind the rules do not know (no 三级指标), or a page cut
  above its grid, still gives its header with a failure saying the indicators were not read
  (:func:`has_form_header`, used by the rules backend before refusing).
* Value columns: 实施周期指标值 → period_value; 年度指标值, a single 指标值 (指标值及单位) or
  预期…值 → annual_value, with a 指标性质 (≥) and 度量单位 written in their own columns joined
  to it; other columns (绩效标准, 实际值, 分值, 得分…) are not read.
* Grid rows: a row of several cells is read as leading labels, the 三级指标 name, then its
  values (placed by column when ``|`` keeps the empty cells, else filling the read columns
  in order); one cell per line is read as a stream (a name, then one cell per value column;
  a bare ``|`` line is an empty cell). 实施周期 and 年度 blocks side by side drop the
  repeated 二级 label and name. The grid ends at notes, stamps (盖章), signatures, 附件, 总分.
* Template leftovers are not indicators: an ``指标1:`` prefix is dropped from the name, and a
  row with no name and no value (``指标2:``, ``……``, ``**``) is skipped; a value that is only a
  unit or a sign (``公里``, ``≧ %``) is a blank never filled in (null); a 一级 cell printed cut to
  its first character (``产`` before ``数量指标``) is not a row.
* Text run together (:mod:`.runs`): a host's page numbers (``1、…`` / ``2、…``, in order from 1)
  are left out and the pages read as one cell; names may hold numbers where two values or more
  follow each; short 二级 labels (数量, 成本) are cut only where a label is due; a value in
  words (稳步提高, 合格) closes a row with no number. Every reading but the plainest is flagged.
* Category names are kept as written (产出指标(50分)); codes come from :mod:`assistant.taxonomy`. The 一级 and
  二级 cells are merged down their groups, so in flattened text a label shows once per
  group: on the group's first row, or in its middle (vertically centred). When the first
  indicator has no label above it, labels are read as centred and groups are rebuilt
  around them; a 一级 label is then matched to indicators by the level-2 code's first digit
  where that is unambiguous; an indicator above every label of its column gets the nearest
  label and a failure saying so.
* No silent guesses: a name that looks like a value or a form word (≥95%, 盖章, 指标标准或依据),
  a value that is a label, a goal holding form labels, a row with more cells than columns,
  side-by-side blocks that do not line up, run-together text that cannot be split (or splits
  mid-word), an amount that is not a number: each becomes a :class:`Failure` naming the field.
"""

from .build import extract_form
from .detect import has_form_header, looks_like_form, looks_like_name_grid

__all__ = ["looks_like_form", "looks_like_name_grid", "extract_form", "has_form_header"]
