"""Reading the database: claims with their statements, speakers, topics, export rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..claims import disputed
from ..errors import NotFoundError, UsageError
from ..extract.topics import legacy_topic_key, topic_key
from ..extract.types import Stance
from .models import (
    Article,
    Claim,
    ClaimRelation,
    RelationKind,
    Speaker,
    SpeakerAlias,
    Statement,
    Topic,
    claim_topics,
    name_key,
)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims to show: only disputed ones, by topic, by speaker, how many."""

    disputed: bool = False
    topic: str | None = None
    speaker: str | None = None
    limit: int | None = None
    #: only claims with activity (a statement, link or verdict) on or after this time
    since: datetime | None = None
    #: "activity" (most recent first) or "id" (stable, for exports)
    order: str = "activity"


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


def _text_order(text: str) -> tuple[str, str]:
    """Case-insensitive order that is the same on every database and machine."""
    return (text.casefold(), text)


def _topic_id(session: Session, name: str) -> int:
    keys = [topic_key(name), legacy_topic_key(name)]  # a plural kept apart by an older claimdb
    ident = session.scalar(
        select(Topic.id).where(Topic.key.in_(keys)).order_by(Topic.key != keys[0]).limit(1)
    )
    if ident is None:
        raise NotFoundError(f"no topic {name!r} (see 'claims topics')")
    return ident


def _speaker_ids(session: Session, name: str) -> list[int]:
    key = name_key(name)
    ids = set(session.scalars(select(Speaker.id).where(Speaker.key == key)))
    ids.update(session.scalars(select(SpeakerAlias.speaker_id).where(SpeakerAlias.key == key)))
    if not ids:
        raise NotFoundError(f"no speaker {name!r} (see 'claims speakers')")
    return sorted(ids)


def _claim_rows(session: Session, flt: ClaimFilter) -> list[tuple[int, bool]]:
    """(claim id, disputed) for the claims ``flt`` selects, in id order."""
    if flt.limit is not None and flt.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {flt.limit}")
    is_disputed = disputed()
    stmt = select(Claim.id, is_disputed.label("disputed")).where(Claim.merged_into_id.is_(None))
    if flt.since is not None:
        stmt = stmt.where(Claim.updated_at >= flt.since)
    if flt.disputed:
        stmt = stmt.where(is_disputed)
    if flt.topic is not None:
        topic = _topic_id(session, flt.topic)
        stmt = stmt.where(
            Claim.id.in_(select(claim_topics.c.claim_id).where(claim_topics.c.topic_id == topic))
        )
    if flt.speaker is not None:
        ids = _speaker_ids(session, flt.speaker)
        stmt = stmt.where(Claim.id.in_(select(Statement.claim_id).where(Statement.speaker_id.in_(ids))))
    if flt.order == "activity":
        stmt = stmt.order_by(Claim.updated_at.desc(), Claim.id.desc())
    else:
        stmt = stmt.order_by(Claim.id)
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit)
    return [(int(row[0]), bool(row[1])) for row in session.execute(stmt)]


def _views(session: Session, rows: list[tuple[int, bool]]) -> list[ClaimView]:
    if not rows:
        return []
    flags = dict(rows)
    claims = session.scalars(
        select(Claim)
        .where(Claim.id.in_(flags))
        .options(
            selectinload(Claim.topics),
            selectinload(Claim.statements).selectinload(Statement.speaker),
            selectinload(Claim.statements).selectinload(Statement.article),
            selectinload(Claim.verdicts),
        )
    ).all()
    by_id = {c.id: c for c in claims}
    related = _related(session, list(flags))
    linked = _linked_speakers(session, related)
    return [
        _view(by_id[ident], flags[ident], related.get(ident, []), linked.get(ident, ([], [])))
        for ident, _ in rows
    ]


def _linked_speakers(
    session: Session, related: dict[int, list[RelatedView]]
) -> dict[int, tuple[list[str], list[str]]]:
    """Who asserts and who disputes each claim through its links that editors did not reject.

    A *same* claim's deniers dispute it, and a *contradicting* claim's asserters: the same links
    make a claim disputed (:func:`claimdb.claims.disputed`), so whoever disputes it is named. A
    same claim's asserters count as asserting it once an editor has confirmed the link, or when
    this claim is denied (they are the other side of that dispute): a proposed link is a
    suggestion, and "asserted by" should not fill up with suggestions.
    """
    partners = {
        r.id
        for views in related.values()
        for r in views
        if r.decision != "rejected" and r.relation in ("same_as", "contradicts")
    }
    if not partners:
        return {}
    said: dict[int, list[tuple[str, str]]] = {}
    rows = session.execute(
        select(Statement.claim_id, Statement.stance, Speaker.name, Statement.source_text)
        .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
        .where(Statement.claim_id.in_(partners))
        .order_by(Statement.id)
    )
    for claim_id, said_stance, name, source in rows:
        said.setdefault(claim_id, []).append((said_stance.value, speaker_label(name, source)))
    denied = set(
        session.scalars(
            select(Statement.claim_id).where(
                Statement.claim_id.in_(list(related)), Statement.stance == Stance.DENIES
            )
        )
    )
    out: dict[int, tuple[list[str], list[str]]] = {}
    for here, views in related.items():
        asserted: dict[str, None] = {}
        disputed: dict[str, None] = {}
        for r in views:
            if r.decision == "rejected" or r.relation not in ("same_as", "contradicts"):
                continue
            for stance, label in said.get(r.id, []):
                asserts = stance == Stance.ASSERTS.value
                if r.relation == "contradicts":
                    if asserts:
                        disputed.setdefault(label)
                elif not asserts:
                    disputed.setdefault(label)
                elif r.decision == "confirmed" or here in denied:
                    asserted.setdefault(label)
        out[here] = (list(asserted), list(disputed))
    return out


def _related(session: Session, ids: list[int]) -> dict[int, list[RelatedView]]:
    """The links of these claims (rejected ones included: editors need to see them), best first."""
    out: dict[int, list[RelatedView]] = {}
    rels = session.scalars(
        select(ClaimRelation).where(or_(ClaimRelation.source_id.in_(ids), ClaimRelation.target_id.in_(ids)))
    ).all()
    others = {r.target_id for r in rels} | {r.source_id for r in rels}
    texts = dict(session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(others))).all())
    wanted = set(ids)
    for rel in rels:
        for here, there in ((rel.source_id, rel.target_id), (rel.target_id, rel.source_id)):
            if here not in wanted:
                continue
            kind = rel.kind.value
            if rel.kind is RelationKind.SUPPORTS and here == rel.target_id:
                kind = "supported_by"
            out.setdefault(here, []).append(
                RelatedView(
                    there,
                    texts.get(there, ""),
                    kind,
                    rel.origin.value,
                    rel.decision.value,
                    rel.score,
                    rel.decided_by,
                )
            )
    for views in out.values():
        views.sort(key=lambda v: (v.decision == "rejected", -(v.score or 1.0), v.id))
    return out


def _view(
    claim: Claim,
    is_disputed: bool,
    related: list[RelatedView],
    linked: tuple[list[str], list[str]] = ([], []),
) -> ClaimView:
    statements = [
        StatementView(
            id=st.id,
            speaker=st.speaker.name if st.speaker else None,
            speaker_kind=st.speaker.kind.value if st.speaker else None,
            source=st.source_text,
            stance=st.stance.value,
            cue=st.cue_text,
            kind=st.kind.value,
            text=st.content_text,
            sentence=st.sentence_text,
            article_id=st.article_id,
            article_title=st.article.title,
            article_source=st.article.url or st.article.source,
            published=st.article.published,
            start=st.content_start,
            end=st.content_end,
            confidence=st.confidence,
            hedged=st.hedged,
        )
        for st in sorted(claim.statements, key=lambda s: s.id)
    ]
    topics = sorted((t.name for t in claim.topics), key=_text_order)
    verdicts = [
        VerdictView(v.rating, v.label.value, v.author, v.url, v.reviewed_at, v.score, v.best, v.worst)
        for v in sorted(claim.verdicts, key=lambda v: (v.reviewed_at, v.author))
    ]
    return ClaimView(
        claim.id,
        claim.text,
        topics,
        bool(is_disputed),
        statements,
        related,
        verdicts,
        claim.updated_at,
        linked_asserted=linked[0],
        linked_disputed=linked[1],
    )


def list_claims(session: Session, flt: ClaimFilter) -> list[ClaimView]:
    """Claims matching ``flt``, each with its topics and statements.

    In the order ``flt.order`` asks: most recent activity first by default, or by id.
    """
    return _views(session, _claim_rows(session, flt))


def get_claim(session: Session, claim_id: int) -> ClaimView:
    """One claim with every statement for and against it.

    Raises:
        NotFoundError: no claim has that id.
    """
    merged = session.scalar(select(Claim.merged_into_id).where(Claim.id == claim_id))
    if merged is not None:  # an editor merged it: show the claim it lives on in
        return get_claim(session, merged)
    row = session.execute(select(Claim.id, disputed().label("d")).where(Claim.id == claim_id)).first()
    if row is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return _views(session, [(int(row[0]), bool(row[1]))])[0]


def list_speakers(session: Session) -> list[SpeakerRow]:
    """Every speaker with aliases and counts, most statements first."""
    counts = (
        select(
            Statement.speaker_id,
            func.count(Statement.id).label("n"),
            func.count(func.distinct(Statement.claim_id)).label("c"),
        )
        .group_by(Statement.speaker_id)
        .subquery()
    )
    stmt = (
        select(Speaker, func.coalesce(counts.c.n, 0), func.coalesce(counts.c.c, 0))
        .outerjoin(counts, counts.c.speaker_id == Speaker.id)
        .options(selectinload(Speaker.aliases))
    )
    rows = [
        SpeakerRow(
            sp.id, sp.name, sp.kind.value, sorted({a.alias for a in sp.aliases}, key=_text_order), n, c
        )
        for sp, n, c in session.execute(stmt)
    ]
    # sorted here, not in SQL: database collations differ, exports must not
    return sorted(rows, key=lambda r: (-r.statements, _text_order(r.name), r.id))


def list_topics(session: Session) -> list[TopicRow]:
    """Every topic with how many claims it has and how many of those are disputed."""
    is_disputed = disputed()
    stmt = (
        select(
            Topic.id,
            Topic.name,
            func.count(Claim.id),
            func.count(Claim.id).filter(is_disputed),
        )
        .join(claim_topics, claim_topics.c.topic_id == Topic.id)
        .join(Claim, Claim.id == claim_topics.c.claim_id)
        .group_by(Topic.id, Topic.name)
    )
    rows = [TopicRow(int(i), n, int(c), int(d)) for i, n, c, d in session.execute(stmt)]
    return sorted(rows, key=lambda r: (-r.claims, _text_order(r.name), r.id))


def count_rows(session: Session) -> dict[str, int]:
    """How many articles, statements, claims, speakers and topics the database holds."""
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in (
            ("articles", Article),
            ("statements", Statement),
            ("claims", Claim),
            ("speakers", Speaker),
            ("topics", Topic),
        )
    }
