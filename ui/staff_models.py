"""List models shared by the staff screens, the counter console and the board.

:class:`RowListModel` holds rows of plain values under fixed role names.
``set_rows`` changes the model the way views like best: rows that only
changed get ``dataChanged``; a change in length inserts or removes at the end
(with the begin/end calls), so a ListView keeps its place and its delegates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

_Index = QModelIndex | QPersistentModelIndex


class RowListModel(QAbstractListModel):
    """Rows of values keyed by role name (each row a mapping with every role)."""

    def __init__(self, roles: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = tuple(roles)
        self._roles = {Qt.ItemDataRole.UserRole + 1 + i: n for i, n in enumerate(self._names)}
        self._by_name = {n: r for r, n in self._roles.items()}
        self._rows: list[dict[str, Any]] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.get(self._names[0])
        name = self._roles.get(role)
        return None if name is None else row.get(name)

    def roleNames(self) -> dict[int, QByteArray]:
        return {r: QByteArray(n.encode()) for r, n in self._roles.items()}

    def role(self, name: str) -> int:
        return self._by_name[name]

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        new = [{n: r.get(n) for n in self._names} for r in rows]
        common = min(len(new), len(self._rows))
        for i in range(common):
            if new[i] != self._rows[i]:
                self._rows[i] = new[i]
                idx = self.index(i, 0)
                self.dataChanged.emit(idx, idx, [])
        if len(new) > len(self._rows):
            self.beginInsertRows(QModelIndex(), len(self._rows), len(new) - 1)
            self._rows.extend(new[common:])
            self.endInsertRows()
        elif len(new) < len(self._rows):
            self.beginRemoveRows(QModelIndex(), len(new), len(self._rows) - 1)
            del self._rows[len(new):]
            self.endRemoveRows()
