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
