"""Exceptions raised by claimdb; every message names the bad value so the CLI can print it as is."""

from __future__ import annotations


class ClaimdbError(Exception):
    """Base class for every error claimdb reports to a user."""

    #: process exit code the CLI uses for this error (1 = failure, 2 = usage error)
    exit_code = 1


class UsageError(ClaimdbError):
    """A bad option value, a conflicting flag or an unknown format."""

    exit_code = 2


class InputError(ClaimdbError):
    """An input file that cannot be read as an article (empty, binary, undecodable, too large)."""


class NotFoundError(ClaimdbError):
    """An id or name that is not in the database."""


class ModelError(ClaimdbError):
    """The spaCy pipeline cannot be loaded."""


class DatabaseError(ClaimdbError):
    """The database cannot be opened, upgraded or written."""


def describe_database_error(exc: BaseException) -> str | None:
    """One line for a database failure (disk full, read-only, locked, unreachable); None if not one."""
    try:
        from sqlalchemy.exc import SQLAlchemyError
    except ImportError:  # pragma: no cover
        return None
    if not isinstance(exc, SQLAlchemyError):
        return None
    orig = getattr(exc, "orig", None)
    detail = (
        str(orig if orig is not None else exc).strip().splitlines()[0]
        if str(orig or exc).strip()
        else type(exc).__name__
    )
    lowered = detail.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database is read-only: {detail}"
    if "disk is full" in lowered or "no space" in lowered:
        return f"the disk is full; nothing from the current article was stored ({detail})"
    if "locked" in lowered:
        return f"the database stayed locked by another writer: {detail}"
    if "unable to open" in lowered or "could not connect" in lowered or "connection" in lowered:
        return f"cannot open the database: {detail}"
    return f"database error: {detail}"
