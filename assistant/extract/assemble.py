"""Rows in source order -> units and projects: the one way every backend groups them.

A department table lists a 合计 row, then each 资金使用单位 row followed by its projects. A
project belongs to the unit row above it. Projects that come before the first unit row (a
table copied from its second page, or a unit row that a PDF printed late) join the first unit
row that follows; with no unit row at all they form one unit named after the department.
The rules and the LLM chain both build tables through :class:`TableAssembler`, so a table
reads the same whichever backend read its rows.
"""

from __future__ import annotations

from ..schema import Amounts, BudgetTable, Project, Unit

__all__ = ["TableAssembler"]


class TableAssembler:
    def __init__(self, table: BudgetTable):
        self.table = table
        self._current: Unit | None = None
        self._orphans: list[Project] = []

    def total(self, amounts: Amounts) -> None:
        self.table.amounts = amounts

    def unit(self, unit: Unit) -> None:
        if not self.table.units and self._orphans:
            unit.projects.extend(self._orphans)
            self._orphans.clear()
        self.table.units.append(unit)
        self._current = unit

    def project(self, project: Project) -> None:
        (self._current.projects if self._current is not None else self._orphans).append(project)

    def finish(self) -> BudgetTable:
        """The table, with projects no unit row claimed in a unit named after the department."""
        if self._orphans:
            self.table.units.insert(
                0, Unit(name=self.table.department or "", amounts=Amounts(), projects=list(self._orphans))
            )
            self._orphans.clear()
        return self.table
