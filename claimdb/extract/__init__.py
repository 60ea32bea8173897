"""Everything that reads articles: quotation scanning, attribution rules, speakers and topics.

Importing this package does not import spaCy; :func:`load_extractor` does, on first use.
"""

from __future__ import annotations

from .model import load_extractor, load_nlp
from .types import ArticleParse, Attribution, Kind, Span, Speaker, SpeakerKind, Stance

__all__ = [
    "ArticleParse",
    "Attribution",
    "Kind",
    "Span",
    "Speaker",
    "SpeakerKind",
    "Stance",
    "load_extractor",
    "load_nlp",
]
