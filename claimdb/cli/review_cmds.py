"""Fact-checks: ``claims verdict`` records one, ``claims import claimreview`` reads ClaimReview JSON-LD."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

import typer

from ..errors import InputError, UsageError
from .app import _check_url, _sessions, app

import_app = typer.Typer(
    name="import",
    help="Read data made elsewhere into the database.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise UsageError(f"--date must be a date like 2026-03-14, not {value!r}")


@app.command()
def verdict(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(metavar="ID", help="Claim id (see 'claims list').")],
    rating: Annotated[
        str, typer.Option("--rating", metavar="TEXT", help='The rating as written, e.g. "Mostly false".')
    ],
    by: Annotated[str, typer.Option("--by", metavar="ORG", help="The fact-checking organisation.")],
    score: Annotated[
        float | None, typer.Option("--score", metavar="N", help="Numeric rating (needs --best and --worst).")
    ] = None,
    best: Annotated[
        float | None, typer.Option("--best", metavar="N", help="Best score of the scale.")
    ] = None,
    worst: Annotated[
        float | None, typer.Option("--worst", metavar="N", help="Worst score of the scale.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where the fact-check is published.")] = None,
    day: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="When it was published (default: now).")
    ] = None,
) -> None:
    """Record a fact-checker's verdict on a claim; a new one by the same organisation replaces it."""
    from ..verdicts import add_verdict, check_verdict

    when = _parse_day(day)
    url = _check_url(url)
    check_verdict(rating, by, score=score, best=best, worst=worst, url=url)  # before opening the database
    with _sessions(ctx, write=True).begin() as session:
        found = add_verdict(
            session, claim_id, rating, by, score=score, best=best, worst=worst, url=url, reviewed_at=when
        )
        line = f'claim {found.claim_id}: "{found.rating}" by {found.author} (label: {found.label.value})'
    if found.claim_id != claim_id:
        line += f"; claim {claim_id} was merged into {found.claim_id}"
    typer.echo(line)


@import_app.command("claimreview")
def import_claimreview_cmd(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="ClaimReview JSON-LD: an object or an array.")],
) -> None:
    """Import fact-checks published as schema.org ClaimReview JSON-LD (claims are matched by text)."""
    from ..claimreview import check_claimreview, import_claimreview, read_claimreview_file

    data = read_claimreview_file(file)
    try:
        check_claimreview(data)  # a bad file stops here, before the database is opened
        with _sessions(ctx, write=True).begin() as session:
            summary = import_claimreview(session, data)
    except InputError as exc:
        raise InputError(f"{file}: {exc}") from None
    items = summary.verdicts + summary.unchanged
    line = (
        f"{items} ClaimReview item{'s' if items != 1 else ''}: "
        f"{summary.claims_created} new claim{'s' if summary.claims_created != 1 else ''}, "
        f"{summary.claims_matched} matched; {summary.verdicts} verdict{'s' if summary.verdicts != 1 else ''} "
        f"written, {summary.unchanged} unchanged"
    )
    if summary.ignored:
        line += f"; {summary.ignored} other item{'s' if summary.ignored != 1 else ''} ignored"
    typer.echo(line)
