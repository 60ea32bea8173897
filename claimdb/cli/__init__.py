"""The ``claims`` command line: parse options, open the database, call one library function, render.

Heavy modules (SQLAlchemy, spaCy) are imported inside commands, so ``claims --help`` stays fast and
``claims list`` never loads spaCy. Each module of this package registers one group of commands on
:data:`app`.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

import typer

from ..errors import ClaimdbError, DatabaseError
from . import edit_cmds, parse_cmds, read_cmds, review_cmds, store_cmds  # noqa: F401  (register the commands)
from .app import app

__all__ = ["app", "main"]

# -- entry point --------------------------------------------------------------------------------


def _drop_stdout() -> None:
    """Point stdout at /dev/null, discarding output that can no longer be written."""
    # (a stdout that is not a real file, as in tests, has nothing to drop)
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(message: str, code: int) -> None:
    typer.echo(f"claims: error: {message}", err=True)
    sys.exit(code)


def _click_errors() -> tuple[type[Exception], ...]:
    """Exception classes the command-line parser raises for usage errors.

    typer ships its own copy of click from 0.29 on (based on ``typer.TyperException``); older
    versions use click itself. Both are caught so the one-line error format holds either way.
    """
    found: list[type[Exception]] = []
    base = getattr(typer, "TyperException", None)
    if isinstance(base, type):
        found.append(base)
    try:
        import click

        found.append(click.ClickException)
    except ImportError:  # pragma: no cover - typer without click
        pass
    return tuple(found)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every failure becomes one line on stderr and a non-zero exit code."""
    from ..config import single_threaded_blas
    from ..errors import describe_database_error

    single_threaded_blas()  # before spaCy brings numpy in
    try:
        code = app(args=argv, prog_name="claims", standalone_mode=False)
    except _click_errors() as exc:
        exit_code = int(getattr(exc, "exit_code", 2))
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare "claims": show the help
            typer.echo(message, err=True)
            sys.exit(exit_code)
        ctx = getattr(exc, "ctx", None)
        where = f" (see '{ctx.command_path} --help')" if ctx is not None and exit_code == 2 else ""
        _fail((message.strip().splitlines() or [type(exc).__name__])[0] + where, exit_code)
    except typer.Abort:
        _fail("aborted", 130)
    except ClaimdbError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        # the reader went away (``claims list | head``): stop quietly
        _drop_stdout()
        sys.exit(0)
    except OSError as exc:
        _drop_stdout()  # stdout may be the full disk: do not fail again when Python flushes it
        _fail(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}", 1)
    except Exception as exc:
        message = describe_database_error(exc)
        if message is None:
            raise
        _fail(message, DatabaseError.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
