"""The ``claims`` app, its root options, and what every command shares: options, database, output."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import Enum
from typing import IO, TYPE_CHECKING, Annotated, Any, TypeVar
from urllib.parse import urlparse

import typer

from .. import __version__
from ..config import DB_ENV, MODEL_ENV, resolve_db_url
from ..errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session, sessionmaker

    from ..store.queries import ClaimFilter

app = typer.Typer(
    name="claims",
    help="Track who claims what in the news, and who disputes it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    claimreview = "claimreview"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimdb {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="URL", help=f"Database URL (default: ${DB_ENV}, else sqlite:///claims.db)."
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """claimdb: a claim-and-attribution database for newsrooms."""
    ctx.obj = resolve_db_url(db)


# -- shared helpers -----------------------------------------------------------------------------


@contextmanager
def _reading(ctx: typer.Context) -> Iterator[Connection]:
    """A connection for a reading command: the database must exist and be at the head revision.

    Reading commands query Core tables through it, so they never import the ORM (sessions do).
    """
    from ..store.engine import make_engine
    from ..store.migrate import ensure_schema

    engine = make_engine(ctx.obj, must_exist=True)
    ctx.call_on_close(engine.dispose)  # closes connections, so SQLite folds its WAL back in
    ensure_schema(engine, upgrade=False)
    with engine.connect() as conn:  # one transaction for every query, rolled back on close
        yield conn


def _sessions(ctx: typer.Context, *, write: bool) -> sessionmaker[Session]:
    """Open the database; writing commands create or upgrade it, reading ones require it."""
    from ..store.engine import make_engine, make_sessionmaker
    from ..store.migrate import ensure_schema

    engine = make_engine(ctx.obj, must_exist=not write)
    ctx.call_on_close(engine.dispose)  # closes connections, so SQLite folds its WAL back in
    ensure_schema(engine, upgrade=write)
    factory = make_sessionmaker(engine, write=write)
    if write:
        from ..store.search import reindex

        with factory.begin() as session:
            reindex(session)  # claims from before the index, or from an older claimdb
    return factory


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """Where results go: stdout, or a file written in full or not at all (temp file + rename)."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write {path}: directory {folder} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".claims-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _filter(
    disputed: bool,
    topic: str | None,
    speaker: str | None,
    limit: int | None,
    since: str | None = None,
    order: str = "activity",
) -> ClaimFilter:
    from datetime import UTC, datetime, time

    from ..store.queries import ClaimFilter

    if topic is not None and not topic.strip():
        raise UsageError("--topic must not be empty")
    if speaker is not None and not speaker.strip():
        raise UsageError("--speaker must not be empty")
    day = _parse_date(since, "--since")
    start = datetime.combine(day, time.min, tzinfo=UTC) if day is not None else None
    return ClaimFilter(disputed=disputed, topic=topic, speaker=speaker, limit=limit, since=start, order=order)


def _parse_date(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date like 2026-03-14, not {value!r}") from None


def _check_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlparse(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise UsageError(f"--url must be an http(s) URL, not {value!r}")
    return value


DisputedOpt = Annotated[
    bool,
    typer.Option("--disputed", help="Only claims someone asserts and someone else denies or contradicts."),
]
TopicOpt = Annotated[
    str | None, typer.Option("--topic", metavar="TOPIC", help="Only claims filed under this topic.")
]
SpeakerOpt = Annotated[
    str | None,
    typer.Option(
        "--speaker", metavar="NAME", help="Only claims this speaker (name or alias) made or denied."
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="YYYY-MM-DD", help="Only claims with activity on or after this day (UTC)."
    ),
]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, metavar="N", help="At most N claims.")]
RulesOnlyOpt = Annotated[
    bool,
    typer.Option(
        "--rules-only", help="Find attributions with the hand-written rules alone, without the trained model."
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", metavar="NAME", help=f"spaCy pipeline (default: ${MODEL_ENV}, else en_core_web_sm)."
    ),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(metavar="PATH...", help=".txt/.md/.html files, directories, or - for stdin."),
]
EncodingOpt = Annotated[str, typer.Option(help="Text encoding of the files.")]
#: who makes an editor's decision (a link, a merge), recorded with it
EditorOpt = Annotated[
    str, typer.Option("--by", metavar="NAME", help="Who decides (recorded with the decision).")
]
MaxSizeOpt = Annotated[
    float, typer.Option("--max-size", min=0.001, metavar="MB", help="Refuse articles larger than this.")
]


def _max_bytes(max_size: float) -> int:
    """``--max-size`` (megabytes) in bytes."""
    return int(max_size * 1024 * 1024)


R = TypeVar("R")


def _rows(
    fmt: TableFormat,
    rows: Sequence[R],
    as_row: Callable[[R], dict[str, Any]],
    columns: Sequence[str],
    table: Callable[[Sequence[R], Console], None],
) -> None:
    """Print listing rows as JSON, CSV or a table (the ``--format`` of speakers and topics)."""
    from ..export import write_csv, write_json

    if fmt is TableFormat.json:
        write_json([as_row(r) for r in rows], sys.stdout)
    elif fmt is TableFormat.csv:
        write_csv((as_row(r) for r in rows), columns, sys.stdout)
    else:
        from rich.console import Console

        table(rows, Console())
