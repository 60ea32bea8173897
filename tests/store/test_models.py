"""The ORM classes map the Core tables (store/tables.py) column for column, each with its type."""

from __future__ import annotations

import typing

import pytest

from claimdb.store import models, tables
from claimdb.store.base import Base


def _mapped_classes() -> list[type]:
    return [m.class_ for m in Base.registry.mappers]


@pytest.mark.parametrize("cls", _mapped_classes(), ids=lambda c: c.__name__)
def test_every_column_of_the_table_is_a_typed_attribute_of_its_class(cls: type) -> None:
    table = cls.__table__  # type: ignore[attr-defined]
    assert table is tables.metadata.tables[table.name]
    hints = typing.get_type_hints(cls, vars(models))
    columns = {c.key for c in table.columns}
    annotated = {name for name in hints if name in columns}
    # a column added to tables.py must be declared on its class too, and nothing declared that the
    # table lacks (relationships are the other annotations)
    assert annotated == columns, sorted(columns ^ annotated)


def test_every_table_but_the_association_has_a_class() -> None:
    mapped = {cls.__table__.name for cls in _mapped_classes()}  # type: ignore[attr-defined]
    assert set(tables.metadata.tables) - mapped == {"claim_topics"}
