"""The tables: articles, speakers and their aliases, claims, statements, topics.

A *statement* is one act of saying in one article (who, through which cue, with what stance, at
which offsets). A *claim* is the proposition statements are about; a denial points at the claim it
denies. Offsets index ``Article.text`` exactly as it was stored.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

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
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    statements: Mapped[list[Statement]] = relationship(back_populates="claim")
    topics: Mapped[list[Topic]] = relationship(secondary=claim_topics, back_populates="claims")


class Topic(Base):
    """A subject claims are filed under: a person, place, organisation or key noun phrase."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)

    claims: Mapped[list[Claim]] = relationship(secondary=claim_topics, back_populates="topics")


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
