"""A table of model objects that are made from the file's documents when first asked for.

Opening a plan of 10k tactics used to build 10k `Tactic` objects (parsed
dates, enums) before the first frame, which shows a few dozen of them. A
`LazyTable` keeps each document as read until its object is asked for; whole-
table questions (``values()``, ``items()``) build the rest once. Documents are
never changed in place (a commit replaces them), so keeping them is safe.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, MutableMapping, ValuesView
from dataclasses import MISSING, fields
from typing import Any, Generic, TypeVar

M = TypeVar("M")


class LazyTable(MutableMapping[int, M], Generic[M]):
    """``{id: model object}``, the objects made on first access from their documents."""

    __slots__ = ("_model", "_rows", "_complete")

    def __init__(self, model: type[M], documents: dict[int, dict[str, Any]] | None = None):
        self._model = model
        # Per id: its object, or its document until the object is asked for.
        self._rows: dict[int, Any] = dict(documents or {})
        self._complete = not self._rows

    def __getitem__(self, key: int) -> M:
        row = self._rows[key]
        if row.__class__ is dict:
            row = self._rows[key] = self._model.from_doc(key, row)
        return row

    def document(self, key: int) -> dict[str, Any] | None:
        """The stored document of a row whose object is not built yet (else None)."""
        row = self._rows[key]
        return row if row.__class__ is dict else None

    def get(self, key: int, default: Any = None) -> Any:
        return self[key] if key in self._rows else default

    def __setitem__(self, key: int, value: M) -> None:
        self._rows[key] = value

    def __delitem__(self, key: int) -> None:
        del self._rows[key]

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<LazyTable {self._model.__name__}: {len(self)} rows, {self.built} built>"

    def values(self) -> ValuesView[M]:
        self._build_all()
        return self._rows.values()

    def items(self) -> ItemsView[int, M]:
        self._build_all()
        return self._rows.items()

    def _build_all(self) -> None:
        if self._complete:
            return
        rows, from_doc = self._rows, self._model.from_doc
        for key, row in rows.items():  # replacing values while iterating is allowed
            if row.__class__ is dict:
                rows[key] = from_doc(key, row)
        self._complete = True

    @property
    def built(self) -> int:
        """How many objects exist so far (for tests and benchmarks)."""
        return sum(row.__class__ is not dict for row in self._rows.values())

    def field(self, key: int, name: str) -> Any:
        """One field of one row as `stored` reads it, building nothing."""
        row = self._rows[key]
        if row.__class__ is dict:
            return row.get(name, _stored_defaults(self._model).get(name))
        return getattr(row, name)

    def stored(self, first: str, second: str) -> Iterator[tuple[int, Any, Any]]:
        """``(id, first, second)``: two fields of every row, building nothing.

        A row not built yet gives its document's values (missing fields as the
        model's defaults); a built one its object's. The two agree for plain
        fields and for str-valued enums (``TacticStatus.DONE == "done"``), not
        for dates: meant for ids, numbers and statuses.
        """
        defaults = _stored_defaults(self._model)
        first_default, second_default = defaults.get(first), defaults.get(second)
        for key, row in self._rows.items():
            if row.__class__ is dict:
                yield key, row.get(first, first_default), row.get(second, second_default)
            else:
                yield key, getattr(row, first), getattr(row, second)


_DEFAULTS: dict[type, dict[str, Any]] = {}


def _stored_defaults(model: type) -> dict[str, Any]:
    """Each field's default as the file would hold it (an enum as its value)."""
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {field.name: getattr(field.default, "value", field.default)
                            for field in fields(model) if field.default is not MISSING}
    return _DEFAULTS[model]
