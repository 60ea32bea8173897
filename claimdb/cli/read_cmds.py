"""Commands that read the database (list, show, speakers, topics, export), with those that edit
what they list: ``speakers merge``, ``topics add`` and ``topics merge``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import UsageError
from .app import (
    DisputedOpt,
    EditorOpt,
    ExportFormat,
    LimitOpt,
    SinceOpt,
    SpeakerOpt,
    TableFormat,
    TopicOpt,
    _filter,
    _output,
    _reading,
    _rows,
    _sessions,
    app,
)


@app.command("list")
def list_(
    ctx: typer.Context,
    disputed: DisputedOpt = False,
    topic: TopicOpt = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    limit: LimitOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """List claims, most recent activity first, with who asserts and who disputes each."""
    from rich.console import Console

    from ..export import CLAIM_SUMMARY_COLUMNS, claim_json, claim_summary_rows, write_csv, write_json
    from ..render import claims_table
    from ..store.queries import list_claims

    flt = _filter(disputed, topic, speaker, limit, since)
    with _reading(ctx) as conn:
        claims = list_claims(conn, flt)
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

    from ..export import claim_json, write_json
    from ..render import claim_detail
    from ..store.queries import get_claim

    if fmt is TableFormat.csv:
        raise UsageError("show prints table or json; use 'claims export' for CSV")
    with _reading(ctx) as conn:
        claim = get_claim(conn, claim_id)
    if fmt is TableFormat.json:
        write_json(claim_json(claim), sys.stdout)
    else:
        claim_detail(claim, Console())


speakers_app = typer.Typer(
    help="List speakers with their aliases and how often they are quoted; merge two speakers.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(speakers_app, name="speakers")


@speakers_app.callback()
def speakers(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", metavar="TEXT", help="Only speakers whose name or an alias contains TEXT."
        ),
    ] = None,
) -> None:
    """List speakers with their aliases and how often they are quoted."""
    if ctx.invoked_subcommand is not None:
        return
    from ..export import SPEAKER_COLUMNS, speaker_row
    from ..render import speakers_table
    from ..store.queries import list_speakers

    with _reading(ctx) as conn:
        rows = list_speakers(conn, search)
    _rows(fmt, rows, speaker_row, SPEAKER_COLUMNS, speakers_table)


@speakers_app.command("merge")
def speakers_merge(
    ctx: typer.Context,
    keep: Annotated[
        int, typer.Argument(metavar="ID", help="The speaker that stays (see 'claims speakers').")
    ],
    gone: Annotated[int, typer.Argument(metavar="OTHER", help="The speaker merged into it.")],
    by: EditorOpt = "editor",
) -> None:
    """Merge speaker OTHER into speaker ID: statements and aliases move, and OTHER's name means ID."""
    from ..store.editing import merge_speakers

    with _sessions(ctx, write=True).begin() as session:
        moved = merge_speakers(session, keep, gone, by)
    typer.echo(
        f"speaker {gone} merged into speaker {keep}: {moved} statement{'s' if moved != 1 else ''} moved"
    )


topics_app = typer.Typer(
    help="List topics with how many of their claims are disputed; add your own topics; merge two.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(topics_app, name="topics")


@topics_app.callback()
def topics(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", metavar="TEXT", help="Only topics whose name contains TEXT."),
    ] = None,
) -> None:
    """List topics with how many of their claims are disputed (disputed / total)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..export import TOPIC_COLUMNS, topic_row
    from ..render import topics_table
    from ..store.queries import list_topics

    with _reading(ctx) as conn:
        rows = list_topics(conn, search)
    _rows(fmt, rows, topic_row, TOPIC_COLUMNS, topics_table)


@topics_app.command("add")
def topics_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help='The topic, e.g. "Ukraine war".')],
    match: Annotated[
        list[str],
        typer.Option("--match", "-m", metavar="WORDS", help="File claims that mention this (repeatable)."),
    ],
) -> None:
    """Make a topic of your own: every claim, now and later, that mentions a --match word joins it."""
    from ..store.usertopics import add_user_topic

    with _sessions(ctx, write=True).begin() as session:
        topic_id, filed = add_user_topic(session, name, match)
    typer.echo(f"topic {topic_id} {name!r}: {filed} claim{'s' if filed != 1 else ''} filed")


@topics_app.command("merge")
def topics_merge(
    ctx: typer.Context,
    keep: Annotated[int, typer.Argument(metavar="ID", help="The topic that stays (see 'claims topics').")],
    gone: Annotated[int, typer.Argument(metavar="OTHER", help="The topic merged into it.")],
    by: EditorOpt = "editor",
) -> None:
    """Merge topic OTHER into topic ID: its claims and rules move, and OTHER's name means ID."""
    from ..store.editing import merge_topics

    with _sessions(ctx, write=True).begin() as session:
        moved = merge_topics(session, keep, gone, by)
    typer.echo(f"topic {gone} merged into topic {keep}: {moved} claim{'s' if moved != 1 else ''} filed anew")


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv, jsonl, or claimreview (schema.org JSON-LD).")
    ] = ExportFormat.csv,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="Start the CSV with a byte-order mark for Excel.")
    ] = False,
    disputed: DisputedOpt = False,
    topic: TopicOpt = None,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    limit: LimitOpt = None,
) -> None:
    """Export one row per statement for spreadsheets (CSV) or scripts (JSON Lines), in claim order;
    or the fact-checked claims as schema.org ClaimReview JSON-LD."""
    from ..export import EXPORT_COLUMNS, claim_rows, write_csv, write_jsonl
    from ..store.queries import list_claims

    if excel and fmt is not ExportFormat.csv:
        raise UsageError("--excel only applies to --format csv")
    flt = _filter(disputed, topic, speaker, limit, since, order="id")
    if fmt is ExportFormat.claimreview:
        from ..claimreview import claimreview_documents, write_claimreview

        if disputed or topic or speaker or since or limit:
            raise UsageError("--format claimreview exports every reviewed claim; it takes no filters")
        with _sessions(ctx, write=False)() as session:
            documents = claimreview_documents(session)
        with _output(output) as out:
            write_claimreview(documents, out)
        return
    with _reading(ctx) as conn:
        claims = list_claims(conn, flt)
    with _output(output) as out:
        if fmt is ExportFormat.csv:
            write_csv(claim_rows(claims), EXPORT_COLUMNS, out, excel=excel)
        else:
            write_jsonl(claim_rows(claims), out)
