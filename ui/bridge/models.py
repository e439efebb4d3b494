"""List models the kiosk's QML binds to: the services and the recent calls."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ui.qtcompat import emit

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ServiceRow:
    """One service tile as shown, already in the chosen language."""

    code: str
    name: str
    icon: str
    waiting: int
    waiting_text: str
    wait_text: str
    #: "ai", "plain" or "none" (see app.wording.shown_kind)
    estimate_kind: str
    estimate_label: str


class ServiceListModel(QAbstractListModel):
    """The services as tiles; rows keep their order, values change in place."""

    CODE = Qt.ItemDataRole.UserRole + 1
    NAME = Qt.ItemDataRole.UserRole + 2
    ICON = Qt.ItemDataRole.UserRole + 3
    WAITING = Qt.ItemDataRole.UserRole + 4
    WAITING_TEXT = Qt.ItemDataRole.UserRole + 5
    WAIT_TEXT = Qt.ItemDataRole.UserRole + 6
    ESTIMATE_KIND = Qt.ItemDataRole.UserRole + 7
    ESTIMATE_LABEL = Qt.ItemDataRole.UserRole + 8

    _FIELDS: ClassVar[dict[int, str]] = {
        CODE: "code", NAME: "name", ICON: "icon", WAITING: "waiting",
        WAITING_TEXT: "waiting_text", WAIT_TEXT: "wait_text",
        ESTIMATE_KIND: "estimate_kind", ESTIMATE_LABEL: "estimate_label",
    }
    _ROLE_NAMES: ClassVar[dict[int, bytes]] = {
        CODE: b"code", NAME: b"name", ICON: b"iconName", WAITING: b"waiting",
        WAITING_TEXT: b"waitingText", WAIT_TEXT: b"waitText",
        ESTIMATE_KIND: b"estimateKind", ESTIMATE_LABEL: b"estimateLabel",
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ServiceRow] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        field = self._FIELDS.get(role)
        return getattr(row, field) if field else None

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name) for role, name in self._ROLE_NAMES.items()}

    def row(self, code: str) -> ServiceRow | None:
        return next((r for r in self._rows if r.code == code), None)

    def set_rows(self, rows: Sequence[ServiceRow]) -> None:
        """Replace the rows: in place when the services are the same, else a reset."""
        new = list(rows)
        if [r.code for r in new] != [r.code for r in self._rows]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        for i, (old, row) in enumerate(zip(self._rows, new, strict=True)):
            if old != row:
                self._rows[i] = row
                idx = self.index(i, 0)
                emit(self.dataChanged, idx, idx, [])


@dataclass(frozen=True)
class CallRow:
    """A recent call: which number went to which counter."""

    number: str
    counter: int


class CallListModel(QAbstractListModel):
    """The last numbers called, newest first."""

    NUMBER = Qt.ItemDataRole.UserRole + 1
    COUNTER = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CallRow] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, self.NUMBER):
            return row.number
        if role == self.COUNTER:
            return row.counter
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return {self.NUMBER: QByteArray(b"number"), self.COUNTER: QByteArray(b"counter")}

    def set_rows(self, rows: Sequence[CallRow]) -> None:
        new = list(rows)
        if new == self._rows:
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def rows(self) -> list[CallRow]:
        return list(self._rows)
