"""The ``claims`` command line: parse options, open the database, call one library function, render.

Heavy modules (SQLAlchemy, spaCy) are imported inside commands, so ``claims --help`` stays fast and
``claims list`` never loads spaCy.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from typing import IO, TYPE_CHECKING, Annotated, Any
from urllib.parse import urlparse

import typer

from . import __version__
from .config import DB_ENV, MODEL_ENV, resolve_db_url
from .errors import ClaimdbError, DatabaseError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from .store.queries import ClaimFilter

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


def _sessions(ctx: typer.Context, *, write: bool) -> sessionmaker[Session]:
    """Open the database; writing commands create or upgrade it, reading ones require it."""
    from .store.engine import make_engine, make_sessionmaker
    from .store.migrate import ensure_schema

    engine = make_engine(ctx.obj, must_exist=not write)
    ctx.call_on_close(engine.dispose)  # closes connections, so SQLite folds its WAL back in
    ensure_schema(engine, upgrade=write)
    return make_sessionmaker(engine, write=write)


@contextmanager
def _output(path: str | None, *, binary_safe: bool = True) -> Iterator[IO[str]]:
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


def _filter(disputed: bool, topic: str | None, speaker: str | None, limit: int | None) -> ClaimFilter:
    from .store.queries import ClaimFilter

    if topic is not None and not topic.strip():
        raise UsageError("--topic must not be empty")
    if speaker is not None and not speaker.strip():
        raise UsageError("--speaker must not be empty")
    return ClaimFilter(disputed=disputed, topic=topic, speaker=speaker, limit=limit)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published must be a date like 2026-03-14, not {value!r}") from None


def _check_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlparse(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise UsageError(f"--url must be an http(s) URL, not {value!r}")
    return value


DisputedOpt = Annotated[
    bool, typer.Option("--disputed", help="Only claims someone asserts and someone else denies.")
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


# -- commands -----------------------------------------------------------------------------------


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the database, or upgrade it to this version's schema."""
    from .store.engine import make_engine
    from .store.migrate import current_revision, upgrade_database

    engine = make_engine(ctx.obj)
    ctx.call_on_close(engine.dispose)
    before = current_revision(engine)
    upgrade_database(engine)
    after = current_revision(engine)
    state = "created" if before is None else ("upgraded" if before != after else "already up to date")
    typer.echo(f"Database {state} at revision {after}: {engine.url.render_as_string(hide_password=True)}")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help=".txt/.md/.html files, directories, or - for stdin."),
    ],
    title: Annotated[
        str | None, typer.Option(help="Title (one article only; default: its first line).")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="Where the article was published (one article only).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Publication date (one article only).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Publication name, for every article given.")] = None,
    model: ModelOpt = None,
    rules_only: RulesOnlyOpt = False,
    encoding: Annotated[str, typer.Option(help="Text encoding of the files.")] = "utf-8",
    max_size: Annotated[
        float, typer.Option("--max-size", min=0.001, metavar="MB", help="Refuse articles larger than this.")
    ] = 10.0,
) -> None:
    """Read articles, find who said what, and store it. Re-ingesting an article changes nothing."""
    from .ingest import ArticleInput, ingest_articles
    from .sources import expand_paths, read_source

    when = _parse_date(published)
    url = _check_url(url)
    files = expand_paths(paths)
    if len(files) > 1 and (title or url or when):
        raise UsageError(f"--title, --url and --published describe one article, but {len(files)} were given")
    limit = int(max_size * 1024 * 1024)
    # read everything once before writing anything: a bad file stops the run with nothing stored
    held = {p: read_source(p, encoding=encoding, max_bytes=limit) for p in files if p == "-"}
    for path in files:
        if path != "-":
            read_source(path, encoding=encoding, max_bytes=limit)
    factory = _sessions(ctx, write=True)

    def items() -> Iterator[ArticleInput]:
        for path in files:
            src = held.get(path) or read_source(path, encoding=encoding, max_bytes=limit)
            yield ArticleInput(
                src.text,
                src.source,
                markdown=src.markdown,
                title=title or src.title,
                format=src.format,
                url=url,
                outlet=outlet,
                published=when,
            )

    def parse_many(texts: Any) -> Any:
        return _extractor(model, rules_only).parse_many(texts)

    new = dup = statements = claims = 0
    with _progress(len(files)) as advance:
        for outcome in ingest_articles(items(), factory, parse_many):
            if outcome.duplicate:
                dup += 1
            else:
                new += 1
                statements += outcome.statements
                claims += outcome.new_claims
            advance(outcome.source)
    typer.echo(
        f"{new + dup} article{'s' if new + dup != 1 else ''}: {new} new, {dup} already stored; "
        f"{statements} statements, {claims} new claims"
    )


_EXTRACTORS: dict[tuple[str | None, bool], Any] = {}


def _extractor(model: str | None, rules_only: bool) -> Any:
    """Load the extractor once per run; say on stderr when it cannot run as asked."""
    key = (model, rules_only)
    if key not in _EXTRACTORS:
        from .extract import load_extractor

        extractor = load_extractor(model, rules_only=rules_only)
        if extractor.notice:
            typer.echo(f"claims: note: {extractor.notice}", err=True)
        _EXTRACTORS[key] = extractor
    return _EXTRACTORS[key]


@contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A progress bar on an interactive terminal, nothing otherwise."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda _label: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("Ingesting", total=total)
        yield lambda label: bar.update(task, advance=1, description=os.path.basename(label)[:30])


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help=".txt/.md/.html files, directories, or - for stdin."),
    ],
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="jsonl: one attribution per line.")
    ] = ExtractFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    model: ModelOpt = None,
    rules_only: RulesOnlyOpt = False,
    encoding: Annotated[str, typer.Option(help="Text encoding of the files.")] = "utf-8",
    max_size: Annotated[
        float, typer.Option("--max-size", min=0.001, metavar="MB", help="Refuse articles larger than this.")
    ] = 10.0,
) -> None:
    """Find attributions in articles and print them, without storing anything."""
    from rich.console import Console

    from .export import write_jsonl
    from .extract.jsonl import attribution_records
    from .render import attributions_table
    from .sources import expand_paths, read_source

    files = expand_paths(paths)
    limit = int(max_size * 1024 * 1024)
    sources = [read_source(p, encoding=encoding, max_bytes=limit) for p in files]
    extractor = _extractor(model, rules_only)
    parses = extractor.parse_many((s.text, s.markdown) for s in sources)
    with _output(output) as out:
        for src, parse in zip(sources, parses, strict=True):
            if fmt is ExtractFormat.jsonl:
                write_jsonl(attribution_records(src.source, parse), out)
            else:
                attributions_table(src.source, parse, Console(file=out))


@app.command("list")
def list_(
    ctx: typer.Context,
    disputed: DisputedOpt = False,
    topic: TopicOpt = None,
    speaker: SpeakerOpt = None,
    limit: LimitOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """List claims, with who asserts and who disputes each."""
    from rich.console import Console

    from .export import CLAIM_SUMMARY_COLUMNS, claim_json, claim_summary_rows, write_csv, write_json
    from .render import claims_table
    from .store.queries import list_claims

    flt = _filter(disputed, topic, speaker, limit)
    with _sessions(ctx, write=False)() as session:
        claims = list_claims(session, flt)
    if fmt is TableFormat.json:
        write_json([claim_json(c) for c in claims], sys.stdout)
    elif fmt is TableFormat.csv:
        write_csv(claim_summary_rows(claims), CLAIM_SUMMARY_COLUMNS, sys.stdout)
    else:
        claims_table(claims, Console(), title="Disputed claims" if disputed else "Claims")


@app.command()
def show(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(metavar="ID", help="Claim id (see 'claims list').")],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
) -> None:
    """Show one claim: every statement for and against it, with speaker, cue, sentence and article."""
    from rich.console import Console

    from .export import claim_json, write_json
    from .render import claim_detail
    from .store.queries import get_claim

    if fmt is TableFormat.csv:
        raise UsageError("show prints table or json; use 'claims export' for CSV")
    with _sessions(ctx, write=False)() as session:
        claim = get_claim(session, claim_id)
    if fmt is TableFormat.json:
        write_json(claim_json(claim), sys.stdout)
    else:
        claim_detail(claim, Console())


@app.command()
def speakers(
    ctx: typer.Context, fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table
) -> None:
    """List speakers with their aliases and how often they are quoted."""
    from rich.console import Console

    from .export import SPEAKER_COLUMNS, speaker_row, write_csv, write_json
    from .render import speakers_table
    from .store.queries import list_speakers

    with _sessions(ctx, write=False)() as session:
        rows = list_speakers(session)
    if fmt is TableFormat.json:
        write_json([speaker_row(r) for r in rows], sys.stdout)
    elif fmt is TableFormat.csv:
        write_csv((speaker_row(r) for r in rows), SPEAKER_COLUMNS, sys.stdout)
    else:
        speakers_table(rows, Console())


@app.command()
def topics(
    ctx: typer.Context, fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table
) -> None:
    """List topics with how many of their claims are disputed."""
    from rich.console import Console

    from .export import TOPIC_COLUMNS, topic_row, write_csv, write_json
    from .render import topics_table
    from .store.queries import list_topics

    with _sessions(ctx, write=False)() as session:
        rows = list_topics(session)
    if fmt is TableFormat.json:
        write_json([topic_row(r) for r in rows], sys.stdout)
    elif fmt is TableFormat.csv:
        write_csv((topic_row(r) for r in rows), TOPIC_COLUMNS, sys.stdout)
    else:
        topics_table(rows, Console())


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or jsonl.")] = ExportFormat.csv,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="Start the CSV with a byte-order mark for Excel.")
    ] = False,
    disputed: DisputedOpt = False,
    topic: TopicOpt = None,
    speaker: SpeakerOpt = None,
    limit: LimitOpt = None,
) -> None:
    """Export one row per statement for spreadsheets (CSV) or scripts (JSON Lines)."""
    from .export import EXPORT_COLUMNS, claim_rows, write_csv, write_jsonl
    from .store.queries import list_claims

    if excel and fmt is not ExportFormat.csv:
        raise UsageError("--excel only applies to --format csv")
    flt = _filter(disputed, topic, speaker, limit)
    with _sessions(ctx, write=False)() as session:
        claims = list_claims(session, flt)
    with _output(output) as out:
        if fmt is ExportFormat.csv:
            write_csv(claim_rows(claims), EXPORT_COLUMNS, out, excel=excel)
        else:
            write_jsonl(claim_rows(claims), out)


@app.command("eval")
def eval_(
    split: Annotated[
        str, typer.Argument(metavar="SPLIT_DIR", help="A corpus split: text/ and brat attributions/ folders.")
    ],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    model: ModelOpt = None,
    rules_only: RulesOnlyOpt = False,
) -> None:
    """Score claimdb's attributions on an annotated corpus split (PolNeAR layout)."""
    from .evaluate import evaluate
    from .export import write_json
    from .extract.brat import read_split

    if fmt is TableFormat.csv:
        raise UsageError("eval prints table or json")
    docs = read_split(split)
    extractor = _extractor(model, rules_only)
    report = evaluate(docs, extractor.parse_many((d.text, False) for d in docs)).as_dict()
    report["extractor"] = "rules" if extractor.model is None else "rules + model"
    if fmt is TableFormat.json:
        write_json(report, sys.stdout)
        return
    typer.echo(
        f"{report['docs']} documents, {report['gold']} gold attributions, "
        f"{report['predicted']} predicted ({report['extractor']})"
    )
    for key in ("content_overlap", "attribution_f1", "content_exact", "all_spans_exact"):
        m = report[key]
        typer.echo(f"{key:<22} F1 {m['f1']:.4f}   P {m['p']:.4f}   R {m['r']:.4f}")  # type: ignore[index]
    for key in ("source_accuracy_on_paired", "cue_accuracy_on_paired"):
        typer.echo(f"{key:<26} {report[key]:.4f}")


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
    from .errors import describe_database_error

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
