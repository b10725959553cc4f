"""Every backend groups rows into units and projects the same way (assistant.extract.assemble)."""

from assistant.extract.assemble import TableAssembler
from assistant.schema import Amounts, BudgetTable, Project, Unit


def test_projects_before_the_first_unit_row_join_it():
    table = BudgetTable(department="某部门")
    assembler = TableAssembler(table)
    assembler.total(Amounts(total="30"))
    assembler.project(Project(name="甲"))
    assembler.unit(Unit(name="单位一"))
    assembler.project(Project(name="乙"))
    assembler.unit(Unit(name="单位二"))
    assembler.project(Project(name="丙"))
    assembler.finish()
    assert [(u.name, [p.name for p in u.projects]) for u in table.units] == [
        ("单位一", ["甲", "乙"]),
        ("单位二", ["丙"]),
    ]
    assert table.amounts.total == 30


def test_with_no_unit_row_the_projects_form_a_unit_named_after_the_department():
    table = BudgetTable(department="某部门")
    assembler = TableAssembler(table)
    assembler.project(Project(name="甲"))
    assembler.project(Project(name="乙"))
    assembler.finish()
    assert [(u.name, [p.name for p in u.projects]) for u in table.units] == [("某部门", ["甲", "乙"])]
