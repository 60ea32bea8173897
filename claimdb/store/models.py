"""The ORM classes of the writing code, mapped onto the Core tables of :mod:`claimdb.store.tables`.

A *statement* is one act of saying in one article (who, through which cue, with what stance, at
which offsets). A *claim* is the proposition statements are about; a denial points at the claim it
denies. Offsets index ``Article.text`` exactly as it was stored.

The columns, constraints and their comments live in :mod:`claimdb.store.tables`; here each class
names its table, declares the columns' Python types, and adds the relationships.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Mapped, relationship

from ..extract.types import Kind, SpeakerKind, Stance
from . import tables
from .base import Base
from .tables import (
    Decision,
    Origin,
    RelationKind,
    UTCDateTime,
    VerdictLabel,
    claim_topics,
    name_key,
)

__all__ = [
    "Article",
    "Claim",
    "ClaimRelation",
    "ClaimTerm",
    "Decision",
    "Origin",
    "RelationKind",
    "Speaker",
    "SpeakerAlias",
    "Statement",
    "Topic",
    "TopicRule",
    "UTCDateTime",
    "Verdict",
    "VerdictLabel",
    "claim_topics",
    "name_key",
]


class Article(Base):
    """An ingested article; ``text`` is exactly what the offsets of its statements index."""

    __table__ = tables.articles

    id: Mapped[int]
    content_hash: Mapped[str]
    title: Mapped[str]
    source: Mapped[str | None]
    url: Mapped[str | None]
    outlet: Mapped[str | None]
    published: Mapped[date | None]
    text: Mapped[str]
    format: Mapped[str]
    ingested_at: Mapped[datetime]

    statements: Mapped[list[Statement]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Speaker(Base):
    """Someone or something that speaks: a person, organisation, place or group."""

    __table__ = tables.speakers

    id: Mapped[int]
    name: Mapped[str]
    key: Mapped[str]
    kind: Mapped[SpeakerKind]
    merged_into_id: Mapped[int | None]
    merged_by: Mapped[str | None]
    merged_at: Mapped[datetime | None]

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True
    )
    statements: Mapped[list[Statement]] = relationship(back_populates="speaker")


class SpeakerAlias(Base):
    """Another way a speaker was named ("Sir Keir", "the prime minister"), and where it was first seen."""

    __table__ = tables.speaker_aliases

    id: Mapped[int]
    speaker_id: Mapped[int]
    alias: Mapped[str]
    key: Mapped[str]
    article_id: Mapped[int | None]
    start: Mapped[int | None]
    end: Mapped[int | None]

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class Claim(Base):
    """A proposition; statements in any article assert or deny it."""

    __table__ = tables.claims

    id: Mapped[int]
    text: Mapped[str]
    key: Mapped[str]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None]
    merged_by: Mapped[str | None]
    merged_at: Mapped[datetime | None]
    terms_version: Mapped[int | None]

    statements: Mapped[list[Statement]] = relationship(back_populates="claim")
    topics: Mapped[list[Topic]] = relationship(secondary=claim_topics, back_populates="claims")
    verdicts: Mapped[list[Verdict]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True
    )


class ClaimRelation(Base):
    """A typed link between two claims, automatic (with a score) or an editor's."""

    __table__ = tables.claim_relations

    id: Mapped[int]
    source_id: Mapped[int]
    target_id: Mapped[int]
    kind: Mapped[RelationKind]
    origin: Mapped[Origin]
    decision: Mapped[Decision]
    score: Mapped[float | None]
    decided_by: Mapped[str]
    decided_at: Mapped[datetime]
    note: Mapped[str | None]


class Verdict(Base):
    """A fact-check of a claim: the rating as written, its normalised label, who and where."""

    __table__ = tables.verdicts

    id: Mapped[int]
    claim_id: Mapped[int]
    rating: Mapped[str]
    label: Mapped[VerdictLabel]
    score: Mapped[float | None]
    best: Mapped[float | None]
    worst: Mapped[float | None]
    author: Mapped[str]
    url: Mapped[str | None]
    reviewed_at: Mapped[datetime]
    item_reviewed: Mapped[str | None]

    claim: Mapped[Claim] = relationship(back_populates="verdicts")


class ClaimTerm(Base):
    """Search index: the distinctive words of a claim, for finding candidate matches fast."""

    __table__ = tables.claim_terms

    term: Mapped[str]
    claim_id: Mapped[int]


class Topic(Base):
    """A subject claims are filed under: a person, place, organisation or key noun phrase."""

    __table__ = tables.topics

    id: Mapped[int]
    name: Mapped[str]
    key: Mapped[str]
    kind: Mapped[str]
    merged_into_id: Mapped[int | None]
    merged_by: Mapped[str | None]
    merged_at: Mapped[datetime | None]

    claims: Mapped[list[Claim]] = relationship(secondary=claim_topics, back_populates="topics")
    rules: Mapped[list[TopicRule]] = relationship(
        back_populates="topic", cascade="all, delete-orphan", passive_deletes=True
    )


class TopicRule(Base):
    """A user topic's rule: claims whose text or topics mention ``pattern`` are filed under it."""

    __table__ = tables.topic_rules

    id: Mapped[int]
    topic_id: Mapped[int]
    pattern: Mapped[str]
    key: Mapped[str]

    topic: Mapped[Topic] = relationship(back_populates="rules")


class Statement(Base):
    """One act of saying in one article, with everything needed to check it against the text."""

    __table__ = tables.statements

    id: Mapped[int]
    article_id: Mapped[int]
    ordinal: Mapped[int]
    claim_id: Mapped[int]
    speaker_id: Mapped[int | None]
    source_text: Mapped[str | None]
    source_start: Mapped[int | None]
    source_end: Mapped[int | None]
    cue_text: Mapped[str | None]
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    kind: Mapped[Kind]
    stance: Mapped[Stance]
    content_text: Mapped[str]
    content_start: Mapped[int]
    content_end: Mapped[int]
    content_spans: Mapped[str]
    sentence_text: Mapped[str]
    sentence_start: Mapped[int]
    sentence_end: Mapped[int]
    confidence: Mapped[float]
    hedged: Mapped[bool]
    rule: Mapped[str]

    article: Mapped[Article] = relationship(back_populates="statements")
    claim: Mapped[Claim] = relationship(back_populates="statements")
    speaker: Mapped[Speaker | None] = relationship(back_populates="statements")
