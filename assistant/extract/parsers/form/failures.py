"""What the form readers could not read surely, each said the same way: a :class:`Failure`
naming the document, the source line where there is one, and the field. One small holder so
the readers carry it as one argument, not the failure list, the source and its rows apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from ....ingest.document import Row
from ....messages import Msg
from ....schema import Failure


@dataclass(slots=True)
class Failures:
    """The failures of one document being read, in the order they are found."""

    source: str
    rows: list[Row]
    found: list[Failure] = field(default_factory=list)

    def add(self, field: str, message: Msg, line: int | None = None) -> None:
        """A failure at a source line (None when it belongs to the whole form)."""
        self.found.append(Failure(source=self.source, row=line, field=field, message=message))

    def at_row(self, row: int, field: str, message: Msg) -> None:
        """A failure at a document row (a token's ``row``), named by that row's source line."""
        self.add(field, message, self.rows[row].line)
