"""Attributions as JSON records: the scorer's format (doc, content, source, cue) plus readable fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .types import ArticleParse


def attribution_records(doc: str, parse: ArticleParse) -> Iterator[dict[str, Any]]:
    """One record per attribution; offsets are Python string indices into the article text."""
    for a in parse.attributions:
        content: Any = a.content[0].to_json() if len(a.content) == 1 else [p.to_json() for p in a.content]
        yield {
            "doc": doc,
            "content": content,
            "source": a.source.to_json() if a.source else None,
            "cue": a.cue.to_json() if a.cue else None,
            "speaker": a.speaker.name if a.speaker else None,
            "speaker_kind": a.speaker.kind.value if a.speaker else None,
            "source_text": a.source.text if a.source else None,
            "cue_text": a.cue.text if a.cue else None,
            "stance": a.stance.value,
            "kind": a.kind.value,
            "text": a.text,
            "confidence": round(a.confidence, 3),
            "negated": a.negated,
            "hedged": a.hedged,
            "proposition": a.proposition,
        }
