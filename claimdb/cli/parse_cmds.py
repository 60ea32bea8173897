"""Commands that read articles without storing them: ``claims extract`` and ``claims eval``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from ..errors import UsageError
from .app import (
    EncodingOpt,
    ExtractFormat,
    MaxSizeOpt,
    ModelOpt,
    PathsArg,
    RulesOnlyOpt,
    TableFormat,
    _max_bytes,
    _output,
    app,
)

_EXTRACTORS: dict[tuple[str | None, bool], Any] = {}


def _extractor(model: str | None, rules_only: bool) -> Any:
    """Load the extractor once per run; say on stderr when it cannot run as asked."""
    key = (model, rules_only)
    if key not in _EXTRACTORS:
        from ..config import freeze_loaded
        from ..extract import load_extractor

        extractor = load_extractor(model, rules_only=rules_only)
        freeze_loaded()
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
    paths: PathsArg,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="jsonl: one attribution per line.")
    ] = ExtractFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    model: ModelOpt = None,
    rules_only: RulesOnlyOpt = False,
    encoding: EncodingOpt = "utf-8",
    max_size: MaxSizeOpt = 10.0,
) -> None:
    """Find attributions in articles and print them, without storing anything."""
    from rich.console import Console

    from ..export import write_jsonl
    from ..extract.jsonl import attribution_records
    from ..render import attributions_table
    from ..sources import expand_paths, read_source

    files = expand_paths(paths)
    limit = _max_bytes(max_size)
    sources = [read_source(p, encoding=encoding, max_bytes=limit) for p in files]
    extractor = _extractor(model, rules_only)
    parses = extractor.parse_many((s.text, s.markdown) for s in sources)
    with _output(output) as out:
        for src, parse in zip(sources, parses, strict=True):
            if fmt is ExtractFormat.jsonl:
                write_jsonl(attribution_records(src.source, parse), out)
            else:
                attributions_table(src.source, parse, Console(file=out))


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
    from ..evaluate import evaluate
    from ..export import write_json
    from ..extract.brat import read_split

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
