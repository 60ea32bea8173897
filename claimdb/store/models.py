"""The tables: articles, speakers and their aliases, claims, statements, topics.

A *statement* is one act of saying in one article (who, through which cue, with what stance, at
which offsets). A *claim* is the proposition statements are about; a denial points at the claim it
denies. Offsets index ``Article.text`` exactly as it was stored.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from ..extract.types import Kind, SpeakerKind, Stance
from .base import Base


def name_key(name: str) -> str:
    """Key under which a speaker name or alias is unique: case-folded, spaces collapsed."""
    return " ".join(name.casefold().split())


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: stored as its lower-case value, checked by a named CHECK constraint."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in time, stored in UTC and read back as an aware UTC datetime on every database.

    SQLite keeps no time zone and PostgreSQL answers in the session's zone; both give the same
    value here, so exports and ``--since`` comparisons agree across back ends. A naive datetime
    is taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


claim_topics = Table(
    "claim_topics",
    Base.metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Article(Base):
    """An ingested article; ``text`` is exactly what the offsets of its statements index."""

    __tablename__ = "articles"
    __table_args__ = (CheckConstraint("format IN ('text', 'markdown', 'html')", name="format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    source: Mapped[str | None] = mapped_column(String(2000))
    url: Mapped[str | None] = mapped_column(String(2000))
    outlet: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    #: what the source file was: plain text, Markdown (markup blanked for parsing) or HTML
    #: (converted to text; ``text`` holds the conversion the offsets index)
    format: Mapped[str] = mapped_column(String(16), server_default="text")
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime())

    statements: Mapped[list[Statement]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Speaker(Base):
    """Someone or something that speaks: a person, organisation, place or group."""

    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[SpeakerKind] = mapped_column(_enum(SpeakerKind, "speaker_kind"))

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True
    )
    statements: Mapped[list[Statement]] = relationship(back_populates="speaker")


class SpeakerAlias(Base):
    """Another way a speaker was named ("Sir Keir", "the prime minister"), and where it was first seen."""

    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class Claim(Base):
    """A proposition; statements in any article assert or deny it."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: last time a statement, relation or verdict touched the claim (what "recent activity" sorts by)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    #: an editor merged this claim into another: its statements moved there, and a new statement
    #: with this claim's text joins that one
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))
    #: the editor who merged it, and when
    merged_by: Mapped[str | None] = mapped_column(String(200))
    merged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: version of the search terms stored for the claim (None: not indexed yet)
    terms_version: Mapped[int | None] = mapped_column(Integer, index=True)

    statements: Mapped[list[Statement]] = relationship(back_populates="claim")
    topics: Mapped[list[Topic]] = relationship(secondary=claim_topics, back_populates="claims")
    verdicts: Mapped[list[Verdict]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True
    )


class RelationKind(enum.StrEnum):
    """How two claims relate."""

    SAME_AS = "same_as"  # the same proposition in other words
    CONTRADICTS = "contradicts"  # cannot both be true
    SUPPORTS = "supports"  # makes the other more likely (source → target)


class Origin(enum.StrEnum):
    """Who made a relation."""

    AUTO = "auto"
    EDITOR = "editor"


class Decision(enum.StrEnum):
    """Where a relation stands."""

    PROPOSED = "proposed"  # found automatically, not reviewed
    CONFIRMED = "confirmed"  # an editor says it holds
    REJECTED = "rejected"  # an editor says it does not; a re-run never brings it back


class ClaimRelation(Base):
    """A typed link between two claims, automatic (with a score) or an editor's."""

    __tablename__ = "claim_relations"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "kind"),
        CheckConstraint("source_id <> target_id", name="distinct_claims"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RelationKind] = mapped_column(_enum(RelationKind, "relation_kind"))
    origin: Mapped[Origin] = mapped_column(_enum(Origin, "relation_origin"))
    decision: Mapped[Decision] = mapped_column(_enum(Decision, "relation_decision"))
    score: Mapped[float | None] = mapped_column(Float)
    #: who decided (an editor's name; "claimdb" for automatic links)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(String(1000))


class VerdictLabel(enum.StrEnum):
    """A fact-checker's rating, normalised."""

    FALSE = "false"
    MISLEADING = "misleading"
    MIXED = "mixed"
    TRUE = "true"
    UNPROVEN = "unproven"


class Verdict(Base):
    """A fact-check of a claim: the rating as written, its normalised label, who and where."""

    __tablename__ = "verdicts"
    __table_args__ = (UniqueConstraint("claim_id", "author"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    rating: Mapped[str] = mapped_column(String(300))
    label: Mapped[VerdictLabel] = mapped_column(_enum(VerdictLabel, "verdict_label"))
    score: Mapped[float | None] = mapped_column(Float)
    best: Mapped[float | None] = mapped_column(Float)
    worst: Mapped[float | None] = mapped_column(Float)
    #: the fact-checking organisation
    author: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: the reviewed claim as an imported ClaimReview described it (authors, appearances), as JSON;
    #: exported again when the database holds no statements of the claim
    item_reviewed: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="verdicts")


class ClaimTerm(Base):
    """Search index: the distinctive words of a claim, for finding candidate matches fast."""

    __tablename__ = "claim_terms"

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Topic(Base):
    """A subject claims are filed under: a person, place, organisation or key noun phrase."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    #: "auto" (found in statements) or "user" (made with `claims topics add`)
    kind: Mapped[str] = mapped_column(String(8), server_default="auto")

    claims: Mapped[list[Claim]] = relationship(secondary=claim_topics, back_populates="topics")
    rules: Mapped[list[TopicRule]] = relationship(
        back_populates="topic", cascade="all, delete-orphan", passive_deletes=True
    )


class TopicRule(Base):
    """A user topic's rule: claims whose text or topics mention ``pattern`` are filed under it."""

    __tablename__ = "topic_rules"
    __table_args__ = (UniqueConstraint("topic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    pattern: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))

    topic: Mapped[Topic] = relationship(back_populates="rules")


class Statement(Base):
    """One act of saying in one article, with everything needed to check it against the text."""

    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint("article_id", "ordinal"),
        Index("ix_statements_claim_id_stance", "claim_id", "stance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    #: position of the statement in its article (statements are stored in text order)
    ordinal: Mapped[int] = mapped_column(Integer)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="RESTRICT"))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    #: the source as written: "he", "the prime minister", "a source close to the talks"
    source_text: Mapped[str | None] = mapped_column(String(1000))
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    cue_text: Mapped[str | None] = mapped_column(String(200))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[Kind] = mapped_column(_enum(Kind, "statement_kind"))
    stance: Mapped[Stance] = mapped_column(_enum(Stance, "statement_stance"))
    content_text: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    #: the pieces of a content split by its cue, as "start-end;start-end" (one piece: "start-end")
    content_spans: Mapped[str] = mapped_column(String(200))
    sentence_text: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    #: said with reserve ("suggested", "may", "reportedly"): still asserts, less firmly
    hedged: Mapped[bool] = mapped_column(Boolean, server_default=false())
    rule: Mapped[str] = mapped_column(String(40))

    article: Mapped[Article] = relationship(back_populates="statements")
    claim: Mapped[Claim] = relationship(back_populates="statements")
    speaker: Mapped[Speaker | None] = relationship(back_populates="statements")
