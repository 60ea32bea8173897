"""Commands on claims across articles: link, unlink, merge (editors), match and relate (anyone)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, Any

import typer

from ..errors import InputError, UsageError
from .app import EditorOpt, TableFormat, _sessions, app


class LinkKind(str, Enum):
    same_as = "same_as"
    contradicts = "contradicts"
    supports = "supports"


IdArg = Annotated[int, typer.Argument(metavar="ID", help="Claim id (see 'claims list').")]


@app.command()
def link(
    ctx: typer.Context,
    a: IdArg,
    b: Annotated[int, typer.Argument(metavar="OTHER", help="The other claim's id.")],
    kind: Annotated[
        LinkKind, typer.Option("--as", help="same_as, contradicts, or supports (ID supports OTHER).")
    ],
    by: EditorOpt = "editor",
    note: Annotated[str | None, typer.Option(help="Why, for the record.")] = None,
) -> None:
    """Link two claims (an editor's decision: automatic runs never change it)."""
    from ..store.editing import link as link_claims
    from ..store.models import RelationKind

    with _sessions(ctx, write=True).begin() as session:
        rel = link_claims(session, a, b, RelationKind(kind.value), by, note)
        source, target = rel.source_id, rel.target_id
    typer.echo(f"claim {source} {kind.value} claim {target} (confirmed by {by})")


@app.command()
def unlink(
    ctx: typer.Context,
    a: IdArg,
    b: Annotated[int, typer.Argument(metavar="OTHER", help="The other claim's id.")],
    kind: Annotated[
        LinkKind | None, typer.Option("--as", help="Only this kind of link (default: all).")
    ] = None,
    by: EditorOpt = "editor",
) -> None:
    """Reject a link between two claims, for good: no later run proposes it again."""
    from ..store.editing import unlink as unlink_claims
    from ..store.models import RelationKind

    with _sessions(ctx, write=True).begin() as session:
        rejected = unlink_claims(session, a, b, RelationKind(kind.value) if kind else None, by)
        kinds = ", ".join(sorted(r.kind.value for r in rejected))
    typer.echo(f"claims {a} and {b}: {kinds} rejected by {by}")


@app.command()
def merge(
    ctx: typer.Context,
    keep: Annotated[int, typer.Argument(metavar="ID", help="The claim that stays.")],
    gone: Annotated[int, typer.Argument(metavar="OTHER", help="The claim merged into it.")],
    by: EditorOpt = "editor",
) -> None:
    """Merge claim OTHER into claim ID: statements, topics, links and verdicts move over."""
    from ..store.editing import merge as merge_claims

    with _sessions(ctx, write=True).begin() as session:
        moved = merge_claims(session, keep, gone, by)
    typer.echo(f"claim {gone} merged into claim {keep}: {moved} statement{'s' if moved != 1 else ''} moved")


@app.command()
def match(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="A claim, in any words.")],
    top: Annotated[int, typer.Option("--top", min=1, metavar="K", help="At most K matches.")] = 10,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """Has anyone said this before, and has anyone denied it? Stored claims that match TEXT, best first."""
    from rich.console import Console

    from ..export import write_csv, write_json
    from ..matching import MATCH_COLUMNS, match_claims
    from ..render import matches_table

    if not text.strip():
        raise UsageError("TEXT must not be empty")
    with _sessions(ctx, write=False)() as session:
        found = match_claims(session, text, top)
    if fmt is TableFormat.json:
        write_json([m.as_json() for m in found], sys.stdout)
    elif fmt is TableFormat.csv:
        write_csv((m.as_json() for m in found), MATCH_COLUMNS, sys.stdout)
    else:
        matches_table(text, found, Console())


class RelateFormat(str, Enum):
    jsonl = "jsonl"


@app.command()
def relate(
    pairs: Annotated[
        str,
        typer.Option("--pairs", metavar="FILE", help='JSON Lines of {"id", "claim", "text"}; - for stdin.'),
    ],
    fmt: Annotated[RelateFormat, typer.Option("--format", "-f")] = RelateFormat.jsonl,
) -> None:
    """For each pair: the stance of text toward claim, and whether both are the same claim."""
    from ..relate import load_relater

    items = _read_pairs(pairs)
    relater = load_relater()
    for n, (ident, claim, text) in enumerate(items):
        r = relater.relate(claim, text)
        out: dict[str, Any] = {"id": ident if ident is not None else n, "stance": r.stance}
        out.update(same_claim=r.same_claim, score=r.score, similarity=r.similarity)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


def _read_pairs(path: str) -> list[tuple[Any, str, str]]:
    """Parse the pairs file, naming the line of any problem; nothing is printed before all parse."""
    if path == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        try:
            lines = raw.decode("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            ) from None
    items = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {n}: not JSON ({exc.msg})") from None
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("claim"), str)
            or not isinstance(row.get("text"), str)
        ):
            raise InputError(f'{path}, line {n}: needs "claim" and "text" strings')
        items.append((row.get("id"), row["claim"], row["text"]))
    if not items:
        raise InputError(f"{'standard input' if path == '-' else path}: no pairs (one JSON object per line)")
    return items
