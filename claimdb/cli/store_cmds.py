"""Commands that write: ``claims init`` and ``claims ingest``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import typer

from ..errors import UsageError
from .app import (
    EncodingOpt,
    MaxSizeOpt,
    ModelOpt,
    PathsArg,
    RulesOnlyOpt,
    _check_url,
    _max_bytes,
    _parse_date,
    _sessions,
    app,
)
from .parse_cmds import _extractor, _progress


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the database, or upgrade it to this version's schema."""
    from ..store.engine import make_engine
    from ..store.migrate import current_revision, upgrade_database

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
    paths: PathsArg,
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
    encoding: EncodingOpt = "utf-8",
    max_size: MaxSizeOpt = 10.0,
) -> None:
    """Read articles, find who said what, and store it. Re-ingesting an article changes nothing."""
    from ..ingest import ArticleInput, ingest_articles
    from ..sources import expand_paths, read_source

    when = _parse_date(published)
    url = _check_url(url)
    files = expand_paths(paths)
    if len(files) > 1 and (title or url or when):
        raise UsageError(f"--title, --url and --published describe one article, but {len(files)} were given")
    limit = _max_bytes(max_size)
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
