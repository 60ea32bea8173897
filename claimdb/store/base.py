"""Declarative base on the shared, convention-named metadata of :mod:`claimdb.store.tables`."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from .tables import NAMING_CONVENTION, metadata

__all__ = ["NAMING_CONVENTION", "Base"]


class Base(DeclarativeBase):
    """Base class of every claimdb ORM class; its metadata holds the Core tables they map."""

    metadata = metadata
