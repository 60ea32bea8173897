"""Terminal tables for people (rich). Machine formats live in :mod:`claimdb.export`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .extract.types import ArticleParse
from .store.views import ClaimView, SpeakerRow, TopicRow

if TYPE_CHECKING:
    from .matching import Match

CLAIM_WIDTH = 90


def _short(text: str, width: int = CLAIM_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _names(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "—"


def claims_table(claims: Sequence[ClaimView], console: Console, *, title: str | None = None) -> None:
    wide = console.width >= 110  # topics only fit on a wide terminal; JSON and CSV always have them
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("id", justify="right", style="bold", no_wrap=True)
    table.add_column("claim", overflow="fold", min_width=24, max_width=CLAIM_WIDTH, ratio=3)
    table.add_column("asserted by", overflow="fold", ratio=1)
    table.add_column("disputed by", overflow="fold", ratio=1)
    if wide:
        table.add_column("topics", overflow="fold", max_width=40, ratio=1)
    for claim in claims:
        row: list[str | Text] = [
            str(claim.id),
            _short(claim.text),
            _names(claim.asserted_by),
            Text(_names(claim.disputed_by), style="red" if claim.disputed else ""),
        ]
        if wide:
            row.append(", ".join(claim.topics[:5]))
        table.add_row(*row)
    console.print(table)
    console.print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}", style="dim")


def claim_detail(claim: ClaimView, console: Console) -> None:
    console.print(Text(f"Claim {claim.id}: ", style="bold") + Text(claim.text))
    console.print(f"Disputed: {'yes' if claim.disputed else 'no'}")
    console.print(f"Topics: {', '.join(claim.topics) or '—'}")
    console.print(f"Asserted by: {_names(claim.asserted_by)}")
    console.print(f"Disputed by: {_names(claim.disputed_by)}")
    table = Table(show_lines=True)
    table.add_column("stance")
    table.add_column("speaker (as written)", overflow="fold")
    table.add_column("cue")
    table.add_column("sentence", overflow="fold", ratio=3)
    table.add_column("article", overflow="fold", ratio=1)
    for st in claim.statements:
        who = st.speaker or "—"
        if st.source and st.source != st.speaker:
            who += f"\n({_short(st.source, 60)})"
        where = f"{st.article_title}\n[{st.article_id}] chars {st.start}–{st.end}"
        if st.published:
            where += f", {st.published.isoformat()}"
        table.add_row(
            Text(st.stance, style="red" if st.stance == "denies" else "green"),
            who,
            st.cue or "—",
            st.sentence.strip(),
            where,
        )
    console.print(table)
    if claim.related:
        links = Table(title="Linked claims", show_lines=False)
        links.add_column("id", justify="right", no_wrap=True)
        links.add_column("relation", no_wrap=True)
        links.add_column("claim", overflow="fold", ratio=3)
        links.add_column("decision", overflow="fold", ratio=1)
        for r in claim.related:
            score = f" {r.score:.2f}" if r.score is not None else ""
            decided = f"{r.decision} ({r.origin}{score}, {r.decided_by})"
            style = "dim" if r.decision == "rejected" else ""
            links.add_row(str(r.id), r.relation, _short(r.text), decided, style=style)
        console.print(links)
    for v in claim.verdicts:
        rating = f"{v.rating} ({v.label})"
        console.print(
            f"Verdict: {rating} by {v.author}, {v.reviewed_at.date().isoformat()}"
            + (f" {v.url}" if v.url else "")
        )


def speakers_table(rows: Sequence[SpeakerRow], console: Console) -> None:
    table = Table()
    for col, just in (
        ("id", "right"),
        ("name", "left"),
        ("kind", "left"),
        ("statements", "right"),
        ("claims", "right"),
        ("aliases", "left"),
    ):
        table.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
    for r in rows:
        table.add_row(str(r.id), r.name, r.kind, str(r.statements), str(r.claims), "; ".join(r.aliases))
    console.print(table)


def topics_table(rows: Sequence[TopicRow], console: Console) -> None:
    table = Table()
    table.add_column("id", justify="right")
    table.add_column("topic", overflow="fold")
    table.add_column("disputed / claims", justify="right")
    for r in rows:
        table.add_row(str(r.id), r.name, f"{r.disputed} / {r.claims}")
    console.print(table)


def attributions_table(source: str, parse: ArticleParse, console: Console) -> None:
    table = Table(title=source, show_lines=True)
    table.add_column("speaker", overflow="fold")
    table.add_column("cue")
    table.add_column("stance")
    table.add_column("kind")
    table.add_column("content", overflow="fold", ratio=3)
    for a in parse.attributions:
        who = a.speaker.name if a.speaker else "—"
        if a.source and (a.speaker is None or a.source.text != a.speaker.name):
            who += f"\n({_short(a.source.text, 60)})"
        table.add_row(who, a.cue.text if a.cue else "—", a.stance.value, a.kind.value, _short(a.text, 400))
    console.print(table)


def matches_table(text: str, found: Sequence[Match], console: Console) -> None:
    if not found:
        console.print(f"No stored claim matches {_short(text, 60)!r}.")
        return
    table = Table(title=f"Claims matching {_short(text, 60)!r}", expand=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("relation", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("claim", overflow="fold", ratio=3)
    table.add_column("asserted by", overflow="fold", ratio=1)
    table.add_column("disputed by", overflow="fold", ratio=1)
    for m in found:
        c = m.claim
        table.add_row(
            str(c.id),
            Text(m.relation, style="red" if m.relation == "contradicts" else ""),
            f"{m.score:.2f}",
            _short(c.text),
            _names(c.asserted_by),
            _names(c.disputed_by),
        )
    console.print(table)
