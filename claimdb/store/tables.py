"""The tables, as SQLAlchemy Core: articles, speakers and their aliases, claims, statements, topics.

A *statement* is one act of saying in one article (who, through which cue, with what stance, at
which offsets). A *claim* is the proposition statements are about; a denial points at the claim it
denies. Offsets index ``articles.text`` exactly as it was stored.

This module never imports the ORM: the reading commands query these tables directly, which keeps
``claims list`` quick to start. The ORM classes of :mod:`claimdb.store.models` (used by the
writing code) are mapped onto the same tables, so there is one schema, on :data:`metadata`.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, datetime
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
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.sql.expression import false

from ..extract.types import Kind, SpeakerKind, Stance

#: every constraint and index gets a stable, predictable name (the migrations rely on them)
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def name_key(name: str) -> str:
    """Key under which a speaker name or alias is unique: case-folded, spaces collapsed."""
    return " ".join(name.casefold().split())


_INITIAL = re.compile(r"\w\.?")


def plain_name_key(key: str) -> str | None:
    """The key of a person's name without middle initials or a middle name, if it has them.

    >>> plain_name_key("donald j. trump"), plain_name_key("hillary rodham clinton"), plain_name_key("ann lee")
    ('donald trump', 'hillary clinton', None)
    """
    words = key.split()
    plain = [w for w in words if not _INITIAL.fullmatch(w)]
    if len(plain) < 2:
        return None
    if len(plain) < len(words):
        return " ".join(plain)
    if len(plain) == 3:
        return f"{plain[0]} {plain[2]}"
    return None


#: a name several stored speakers share means the one quoted this many times more than all the
#: others together ("Clinton" in 2016 news), if quoted at least DOMINANT_MIN times
DOMINANT_STATEMENTS = 10
DOMINANT_MIN = 20


def dominant(statements: dict[int, int]) -> int | None:
    """Of speakers (id → how many statements), the one quoted far more than all the others.

    >>> dominant({1: 120, 2: 3, 3: 0}), dominant({1: 120, 2: 30}), dominant({1: 19})
    (1, None, None)
    """
    if not statements:
        return None
    top = max(sorted(statements), key=lambda i: statements[i])
    rest = sum(statements.values()) - statements[top]
    return top if statements[top] >= max(DOMINANT_MIN, DOMINANT_STATEMENTS * rest) else None


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


class VerdictLabel(enum.StrEnum):
    """A fact-checker's rating, normalised."""

    FALSE = "false"
    MISLEADING = "misleading"
    MIXED = "mixed"
    TRUE = "true"
    UNPROVEN = "unproven"


claim_topics = Table(
    "claim_topics",
    metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True),
)

#: an ingested article; ``text`` is exactly what the offsets of its statements index
articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", String(500), nullable=False),
    Column("source", String(2000)),
    Column("url", String(2000)),
    Column("outlet", String(200)),
    Column("published", Date),
    Column("text", Text, nullable=False),
    # what the source file was: plain text, Markdown (markup blanked for parsing) or HTML
    # (converted to text; ``text`` holds the conversion the offsets index)
    Column("format", String(16), nullable=False, server_default="text"),
    Column("ingested_at", UTCDateTime(), nullable=False),
    CheckConstraint("format IN ('text', 'markdown', 'html')", name="format"),
)

#: someone or something that speaks: a person, organisation, place or group
speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("key", String(300), nullable=False, unique=True),
    Column("kind", _enum(SpeakerKind, "speaker_kind"), nullable=False),
    # an editor merged this speaker into another: its statements moved there, and a speaker of
    # this name in a later article joins that one
    Column("merged_into_id", ForeignKey("speakers.id", ondelete="SET NULL")),
    # the editor who merged it, and when
    Column("merged_by", String(200)),
    Column("merged_at", UTCDateTime()),
)

#: another way a speaker was named ("Sir Keir", "the prime minister"), and where it was first seen
speaker_aliases = Table(
    "speaker_aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("alias", String(300), nullable=False),
    Column("key", String(300), nullable=False, index=True),
    Column("article_id", ForeignKey("articles.id", ondelete="SET NULL")),
    Column("start", Integer),
    Column("end", Integer),
    UniqueConstraint("speaker_id", "key"),
)

#: a proposition; statements in any article assert or deny it
claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("key", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    # last time a statement, relation or verdict touched the claim (what "recent activity" sorts by)
    Column("updated_at", UTCDateTime(), index=True),
    # an editor merged this claim into another: its statements moved there, and a new statement
    # with this claim's text joins that one
    Column("merged_into_id", ForeignKey("claims.id", ondelete="SET NULL")),
    # the editor who merged it, and when
    Column("merged_by", String(200)),
    Column("merged_at", UTCDateTime()),
    # version of the search terms stored for the claim (None: not indexed yet)
    Column("terms_version", Integer, index=True),
)

#: a typed link between two claims, automatic (with a score) or an editor's
claim_relations = Table(
    "claim_relations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("target_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", _enum(RelationKind, "relation_kind"), nullable=False),
    Column("origin", _enum(Origin, "relation_origin"), nullable=False),
    Column("decision", _enum(Decision, "relation_decision"), nullable=False),
    Column("score", Float),
    # who decided (an editor's name; "claimdb" for automatic links)
    Column("decided_by", String(200), nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
    Column("note", String(1000)),
    UniqueConstraint("source_id", "target_id", "kind"),
    CheckConstraint("source_id <> target_id", name="distinct_claims"),
)

#: a fact-check of a claim: the rating as written, its normalised label, who and where
verdicts = Table(
    "verdicts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("rating", String(300), nullable=False),
    Column("label", _enum(VerdictLabel, "verdict_label"), nullable=False),
    Column("score", Float),
    Column("best", Float),
    Column("worst", Float),
    # the fact-checking organisation
    Column("author", String(300), nullable=False),
    Column("url", String(2000)),
    Column("reviewed_at", UTCDateTime(), nullable=False),
    # the reviewed claim as an imported ClaimReview described it (authors, appearances), as JSON;
    # exported again when the database holds no statements of the claim
    Column("item_reviewed", Text),
    UniqueConstraint("claim_id", "author"),
)

#: search index: the distinctive words of a claim, for finding candidate matches fast
claim_terms = Table(
    "claim_terms",
    metadata,
    Column("term", String(64), primary_key=True),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True),
)

#: a subject claims are filed under: a person, place, organisation or key noun phrase
topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("key", String(300), nullable=False, unique=True),
    # "auto" (found in statements) or "user" (made with `claims topics add`)
    Column("kind", String(8), nullable=False, server_default="auto"),
    # an editor merged this topic into another: its claims moved there, and a claim filed under
    # this topic later is filed under that one
    Column("merged_into_id", ForeignKey("topics.id", ondelete="SET NULL")),
    # the editor who merged it, and when
    Column("merged_by", String(200)),
    Column("merged_at", UTCDateTime()),
)

#: a user topic's rule: claims whose text or topics mention ``pattern`` are filed under it
topic_rules = Table(
    "topic_rules",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), nullable=False),
    Column("pattern", String(300), nullable=False),
    Column("key", String(300), nullable=False),
    UniqueConstraint("topic_id", "key"),
)

#: one act of saying in one article, with everything needed to check it against the text
statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    # position of the statement in its article (statements are stored in text order)
    Column("ordinal", Integer, nullable=False),
    Column("claim_id", ForeignKey("claims.id", ondelete="RESTRICT"), nullable=False),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="SET NULL"), index=True),
    # the source as written: "he", "the prime minister", "a source close to the talks"
    Column("source_text", String(1000)),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("cue_text", String(200)),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("kind", _enum(Kind, "statement_kind"), nullable=False),
    Column("stance", _enum(Stance, "statement_stance"), nullable=False),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    # the pieces of a content split by its cue, as "start-end;start-end" (one piece: "start-end")
    Column("content_spans", String(200), nullable=False),
    Column("sentence_text", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    # said with reserve ("suggested", "may", "reportedly"): still asserts, less firmly
    Column("hedged", Boolean, nullable=False, server_default=false()),
    Column("rule", String(40), nullable=False),
    UniqueConstraint("article_id", "ordinal"),
    Index("ix_statements_claim_id_stance", "claim_id", "stance"),
)
