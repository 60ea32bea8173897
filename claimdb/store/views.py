"""What the reading functions return: claims with their statements, links and verdicts, speakers
and topics, as plain frozen records (no database object escapes a query)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..extract.types import Stance


@dataclass(frozen=True, slots=True)
class StatementView:
    id: int
    speaker: str | None
    speaker_kind: str | None
    source: str | None
    stance: str
    cue: str | None
    kind: str
    text: str
    sentence: str
    article_id: int
    article_title: str
    article_source: str | None
    published: date | None
    start: int
    end: int
    confidence: float
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class RelatedView:
    """Another claim linked to this one."""

    id: int
    text: str
    relation: str  # same_as, contradicts, supports (this claim supports it), supported_by
    origin: str
    decision: str
    score: float | None
    decided_by: str


@dataclass(frozen=True, slots=True)
class VerdictView:
    rating: str
    label: str
    author: str
    url: str | None
    reviewed_at: datetime
    score: float | None = None
    best: float | None = None
    worst: float | None = None


@dataclass(frozen=True, slots=True)
class ClaimView:
    id: int
    text: str
    topics: list[str]
    disputed: bool
    statements: list[StatementView] = field(default_factory=list)
    related: list[RelatedView] = field(default_factory=list)
    verdicts: list[VerdictView] = field(default_factory=list)
    updated_at: datetime | None = None
    #: who asserts / disputes it through a linked claim (see :func:`_linked_speakers`)
    linked_asserted: list[str] = field(default_factory=list)
    linked_disputed: list[str] = field(default_factory=list)

    def _names(self, stance: Stance, linked: list[str]) -> list[str]:
        names: dict[str, None] = {}
        for st in self.statements:
            if st.stance == stance.value:
                names.setdefault(speaker_label(st.speaker, st.source))
        names.update(dict.fromkeys(linked))
        return list(names)

    @property
    def asserted_by(self) -> list[str]:
        """Who asserts the claim, in order of first statement (unresolved sources in brackets), then
        who asserts it in other words (a linked *same* claim)."""
        return self._names(Stance.ASSERTS, self.linked_asserted)

    @property
    def disputed_by(self) -> list[str]:
        """Who denies the claim, then who denies it in other words or asserts a contradicting claim."""
        return self._names(Stance.DENIES, self.linked_disputed)


def speaker_label(speaker: str | None, source: str | None) -> str:
    """A speaker's name, else the source as written in brackets, else "(unknown)"."""
    return speaker or (f"({source})" if source else "(unknown)")


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    id: int
    name: str
    kind: str
    aliases: list[str]
    statements: int
    claims: int


@dataclass(frozen=True, slots=True)
class TopicRow:
    id: int
    name: str
    claims: int
    disputed: int
