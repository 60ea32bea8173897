"""Reading the database: claims with their statements, speakers, topics, export rows.

Everything here is SQLAlchemy Core over :mod:`claimdb.store.tables`, so the reading commands never
import the ORM. Each function takes a connection or a session.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import ColumnElement, Connection, Row, Select, func, or_, select

from ..claims import disputed
from ..errors import NotFoundError, UsageError
from ..extract.topics import legacy_topic_key, topic_key
from ..extract.types import SpeakerKind, Stance
from . import tables
from .tables import RelationKind, dominant, name_key, plain_name_key
from .views import ClaimView, RelatedView, SpeakerRow, StatementView, TopicRow, VerdictView, speaker_label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    #: what the reading functions run on: a Core connection (the command line: no ORM to import)
    #: or a session (the writing code, and tests), whose pending changes are flushed first
    Reader: TypeAlias = Connection | Session

#: claim ids per ``IN (...)`` list, well below the bound-parameter limits of SQLite and PostgreSQL
_CHUNK = 500


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


def _text_order(text: str) -> tuple[str, str]:
    """Case-insensitive order that is the same on every database and machine."""
    return (text.casefold(), text)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    """``ids`` in slices small enough for one ``IN (...)`` list on every database."""
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _topic_id(db: Reader, name: str) -> int:
    """The topic ``name`` names. A name or alias of one stored person finds the topic of the name
    the person is stored under ("Donald J. Trump" → "Donald Trump"), as ingest files them."""
    keys = [topic_key(name), legacy_topic_key(name)]  # a plural kept apart by an older claimdb
    t = tables.topics
    survivor = select(func.coalesce(t.c.merged_into_id, t.c.id))  # an editor's merge followed
    ident = db.scalar(survivor.where(t.c.key.in_(keys)).order_by(t.c.key != keys[0]).limit(1))
    if ident is None:
        person = _person_name(db, name)
        if person is not None and topic_key(person) not in keys:
            ident = db.scalar(survivor.where(t.c.key == topic_key(person)))
    if ident is None:
        raise NotFoundError(f"no topic {name!r} (see 'claims topics')")
    return int(ident)


def _person_name(db: Reader, name: str) -> str | None:
    """The stored name of the one person ``name`` is a name or an alias of, give or take middle
    initials or a middle name ("Donald J. Trump" for a stored "Donald Trump"): the only one, or the
    one quoted far more than the others (:func:`~claimdb.store.tables.dominant`)."""
    sp = tables.speakers
    person = sp.c.kind == SpeakerKind.PERSON
    key = name_key(name)
    ids = _speakers_named(db, key, person)
    shorter = plain_name_key(key)
    if not ids and shorter is not None:
        ids = _speakers_named(db, shorter, person)
    if len(ids) > 1:  # "Mr. Trump": the one quoted far more, as ingest reads a shared name
        found = dominant_speaker(db, ids)
        ids = {found} if found is not None else ids
    if len(ids) != 1:
        return None
    return db.scalar(select(sp.c.name).where(sp.c.id == ids.pop()))


def dominant_speaker(db: Reader, ids: Iterable[int]) -> int | None:
    """Of these speakers, the one quoted far more than the others (:func:`~.tables.dominant`)."""
    ids = sorted(ids)
    st = tables.statements
    counts = select(st.c.speaker_id, func.count()).where(st.c.speaker_id.in_(ids))
    rows = db.execute(counts.group_by(st.c.speaker_id))
    return dominant(dict.fromkeys(ids, 0) | {int(i): int(n) for i, n in rows})


def _speakers_named(db: Reader, key: str, *where: ColumnElement[bool]) -> set[int]:
    """Speakers whose name or an alias has this key (a merged speaker stands for its survivor)."""
    sp, alias = tables.speakers, tables.speaker_aliases
    ids = set(db.scalars(select(func.coalesce(sp.c.merged_into_id, sp.c.id)).where(sp.c.key == key, *where)))
    by_alias = select(alias.c.speaker_id).join(sp, sp.c.id == alias.c.speaker_id)
    ids.update(db.scalars(by_alias.where(alias.c.key == key, *where)))
    return ids


def _speaker_ids(db: Reader, name: str) -> list[int]:
    ids = _speakers_named(db, name_key(name))
    if not ids:
        raise NotFoundError(f"no speaker {name!r} (see 'claims speakers')")
    return sorted(ids)


def _claims_select(is_disputed: ColumnElement[bool]) -> Select[Any]:
    """What :func:`_views` needs of each claim: id, text, last activity, whether disputed."""
    c = tables.claims
    return select(c.c.id, c.c.text, c.c.updated_at, is_disputed.label("disputed"))


def _claim_rows(db: Reader, flt: ClaimFilter) -> list[Row[Any]]:
    """The claims ``flt`` selects (columns of :func:`_claims_select`), in the order it asks."""
    if flt.limit is not None and flt.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {flt.limit}")
    c, st = tables.claims, tables.statements
    is_disputed = disputed()
    stmt = _claims_select(is_disputed).where(c.c.merged_into_id.is_(None))
    if flt.since is not None:
        stmt = stmt.where(c.c.updated_at >= flt.since)
    if flt.disputed:
        stmt = stmt.where(is_disputed)
    if flt.topic is not None:
        topic = _topic_id(db, flt.topic)
        ct = tables.claim_topics
        stmt = stmt.where(c.c.id.in_(select(ct.c.claim_id).where(ct.c.topic_id == topic)))
    if flt.speaker is not None:
        ids = _speaker_ids(db, flt.speaker)
        stmt = stmt.where(c.c.id.in_(select(st.c.claim_id).where(st.c.speaker_id.in_(ids))))
    if flt.order == "activity":
        stmt = stmt.order_by(c.c.updated_at.desc(), c.c.id.desc())
    else:
        stmt = stmt.order_by(c.c.id)
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit)
    return list(db.execute(stmt))


def _statements(db: Reader, ids: list[int]) -> dict[int, list[StatementView]]:
    """Each claim's statements, in id order, with speaker and article (one joined select a chunk)."""
    st, sp, art = tables.statements, tables.speakers, tables.articles
    stmt = (
        select(
            st.c.claim_id,
            st.c.id,
            sp.c.name.label("speaker"),
            sp.c.kind.label("speaker_kind"),
            st.c.source_text,
            st.c.stance,
            st.c.cue_text,
            st.c.kind,
            st.c.content_text,
            st.c.sentence_text,
            st.c.article_id,
            art.c.title,
            art.c.url,
            art.c.source,
            art.c.published,
            st.c.content_start,
            st.c.content_end,
            st.c.confidence,
            st.c.hedged,
        )
        .join(art, art.c.id == st.c.article_id)
        .outerjoin(sp, sp.c.id == st.c.speaker_id)
        .order_by(st.c.id)
    )
    out: dict[int, list[StatementView]] = {}
    for chunk in _chunks(ids):
        for r in db.execute(stmt.where(st.c.claim_id.in_(chunk))):
            out.setdefault(r.claim_id, []).append(
                StatementView(
                    id=r.id,
                    speaker=r.speaker,
                    speaker_kind=r.speaker_kind.value if r.speaker_kind is not None else None,
                    source=r.source_text,
                    stance=r.stance.value,
                    cue=r.cue_text,
                    kind=r.kind.value,
                    text=r.content_text,
                    sentence=r.sentence_text,
                    article_id=r.article_id,
                    article_title=r.title,
                    article_source=r.url or r.source,
                    published=r.published,
                    start=r.content_start,
                    end=r.content_end,
                    confidence=r.confidence,
                    hedged=r.hedged,
                )
            )
    return out


def _topics(db: Reader, ids: list[int]) -> dict[int, list[str]]:
    """Each claim's topic names, in :func:`_text_order`."""
    ct, t = tables.claim_topics, tables.topics
    stmt = select(ct.c.claim_id, t.c.name).join(t, t.c.id == ct.c.topic_id)
    out: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        for claim_id, name in db.execute(stmt.where(ct.c.claim_id.in_(chunk))):
            out.setdefault(claim_id, []).append(name)
    for names in out.values():
        names.sort(key=_text_order)
    return out


def _verdicts(db: Reader, ids: list[int]) -> dict[int, list[VerdictView]]:
    """Each claim's verdicts, oldest review first (then by author)."""
    v = tables.verdicts
    stmt = select(
        v.c.claim_id,
        v.c.rating,
        v.c.label,
        v.c.author,
        v.c.url,
        v.c.reviewed_at,
        v.c.score,
        v.c.best,
        v.c.worst,
    )
    out: dict[int, list[VerdictView]] = {}
    for chunk in _chunks(ids):
        for r in db.execute(stmt.where(v.c.claim_id.in_(chunk))):
            out.setdefault(r.claim_id, []).append(
                VerdictView(r.rating, r.label.value, r.author, r.url, r.reviewed_at, r.score, r.best, r.worst)
            )
    for views in out.values():
        views.sort(key=lambda view: (view.reviewed_at, view.author))
    return out


def _views(db: Reader, rows: list[Row[Any]]) -> list[ClaimView]:
    """Claim views for rows of :func:`_claims_select`, in the rows' order."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    statements = _statements(db, ids)
    topics = _topics(db, ids)
    verdicts = _verdicts(db, ids)
    related = _related(db, ids)
    linked = _linked_speakers(db, related)
    return [
        ClaimView(
            row.id,
            row.text,
            topics.get(row.id, []),
            bool(row.disputed),
            statements.get(row.id, []),
            related.get(row.id, []),
            verdicts.get(row.id, []),
            row.updated_at,
            linked_asserted=linked.get(row.id, ([], []))[0],
            linked_disputed=linked.get(row.id, ([], []))[1],
        )
        for row in rows
    ]


def _linked_speakers(
    db: Reader, related: dict[int, list[RelatedView]]
) -> dict[int, tuple[list[str], list[str]]]:
    """Who asserts and who disputes each claim through its links that editors did not reject.

    A *same* claim's deniers dispute it, and a *contradicting* claim's asserters: the same links
    make a claim disputed (:func:`claimdb.claims.disputed`), so whoever disputes it is named. A
    same claim's asserters count as asserting it once an editor has confirmed the link, or when
    this claim is denied (they are the other side of that dispute): a proposed link is a
    suggestion, and "asserted by" should not fill up with suggestions.
    """
    partners = sorted(
        {
            r.id
            for views in related.values()
            for r in views
            if r.decision != "rejected" and r.relation in ("same_as", "contradicts")
        }
    )
    if not partners:
        return {}
    st, sp = tables.statements, tables.speakers
    said: dict[int, list[tuple[str, str]]] = {}
    stmt = (
        select(st.c.claim_id, st.c.stance, sp.c.name, st.c.source_text)
        .outerjoin(sp, sp.c.id == st.c.speaker_id)
        .order_by(st.c.id)
    )
    for chunk in _chunks(partners):
        for claim_id, said_stance, name, source in db.execute(stmt.where(st.c.claim_id.in_(chunk))):
            said.setdefault(claim_id, []).append((said_stance.value, speaker_label(name, source)))
    denied: set[int] = set()
    for chunk in _chunks(list(related)):
        denied.update(
            db.scalars(select(st.c.claim_id).where(st.c.claim_id.in_(chunk), st.c.stance == Stance.DENIES))
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


def _related(db: Reader, ids: list[int]) -> dict[int, list[RelatedView]]:
    """The links of these claims (rejected ones included: editors need to see them), best first."""
    rel, c = tables.claim_relations, tables.claims
    rels: dict[int, Row[Any]] = {}  # by relation id: a link between two chunks comes back twice
    for chunk in _chunks(ids):
        found = db.execute(select(rel).where(or_(rel.c.source_id.in_(chunk), rel.c.target_id.in_(chunk))))
        rels.update((r.id, r) for r in found)
    links = [rels[key] for key in sorted(rels)]
    others = sorted({r.target_id for r in links} | {r.source_id for r in links})
    texts: dict[int, str] = {}
    for chunk in _chunks(others):
        for ident, text in db.execute(select(c.c.id, c.c.text).where(c.c.id.in_(chunk))):
            texts[ident] = text
    out: dict[int, list[RelatedView]] = {}
    wanted = set(ids)
    for link in links:
        for here, there in ((link.source_id, link.target_id), (link.target_id, link.source_id)):
            if here not in wanted:
                continue
            kind = link.kind.value
            if link.kind is RelationKind.SUPPORTS and here == link.target_id:
                kind = "supported_by"
            out.setdefault(here, []).append(
                RelatedView(
                    there,
                    texts.get(there, ""),
                    kind,
                    link.origin.value,
                    link.decision.value,
                    link.score,
                    link.decided_by,
                )
            )
    for views in out.values():
        views.sort(key=lambda v: (v.decision == "rejected", -(v.score or 1.0), v.id))
    return out


def list_claims(db: Reader, flt: ClaimFilter) -> list[ClaimView]:
    """Claims matching ``flt``, each with its topics and statements.

    In the order ``flt.order`` asks: most recent activity first by default, or by id.
    """
    return _views(db, _claim_rows(db, flt))


def get_claim(db: Reader, claim_id: int) -> ClaimView:
    """One claim with every statement for and against it.

    Raises:
        NotFoundError: no claim has that id.
    """
    c = tables.claims
    merged = db.scalar(select(c.c.merged_into_id).where(c.c.id == claim_id))
    if merged is not None:  # an editor merged it: show the claim it lives on in
        return get_claim(db, merged)
    row = db.execute(_claims_select(disputed()).where(c.c.id == claim_id)).first()
    if row is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return _views(db, [row])[0]


def list_speakers(db: Reader, search: str | None = None) -> list[SpeakerRow]:
    """Every speaker with aliases and counts, most statements first (not those merged into another).

    With ``search``, only the speakers whose name or an alias contains it, in any case ("obama"
    finds "Barack Obama" and the "Obama" an editor may want to merge into him).
    """
    st, sp, alias = tables.statements, tables.speakers, tables.speaker_aliases
    counts = (
        select(
            st.c.speaker_id,
            func.count(st.c.id).label("n"),
            func.count(func.distinct(st.c.claim_id)).label("c"),
        )
        .group_by(st.c.speaker_id)
        .subquery()
    )
    stmt = (
        select(sp.c.id, sp.c.name, sp.c.kind, func.coalesce(counts.c.n, 0), func.coalesce(counts.c.c, 0))
        .outerjoin(counts, counts.c.speaker_id == sp.c.id)
        .where(sp.c.merged_into_id.is_(None))
    )
    aliases: dict[int, set[str]] = {}
    for speaker_id, name in db.execute(select(alias.c.speaker_id, alias.c.alias)):
        aliases.setdefault(speaker_id, set()).add(name)
    rows = [
        SpeakerRow(
            ident, name, kind.value, sorted(aliases.get(ident, ()), key=_text_order), int(n), int(claims)
        )
        for ident, name, kind, n, claims in db.execute(stmt)
    ]
    if search is not None:
        needle = _needle(search)
        rows = [r for r in rows if any(needle in n.casefold() for n in (r.name, *r.aliases))]
        if not rows:
            raise NotFoundError(f"no speaker's name or alias contains {search!r}")
    # sorted here, not in SQL: database collations differ, exports must not
    return sorted(rows, key=lambda r: (-r.statements, _text_order(r.name), r.id))


def list_topics(db: Reader, search: str | None = None) -> list[TopicRow]:
    """Every topic with how many claims it has and how many of those are disputed; with
    ``search``, only those whose name contains it, in any case."""
    t, ct, c = tables.topics, tables.claim_topics, tables.claims
    is_disputed = disputed()
    stmt = (
        select(t.c.id, t.c.name, func.count(c.c.id), func.count(c.c.id).filter(is_disputed))
        .join(ct, ct.c.topic_id == t.c.id)
        .join(c, c.c.id == ct.c.claim_id)
        .group_by(t.c.id, t.c.name)
    )
    rows = [TopicRow(int(i), n, int(total), int(d)) for i, n, total, d in db.execute(stmt)]
    if search is not None:
        needle = _needle(search)
        rows = [r for r in rows if needle in r.name.casefold()]
        if not rows:
            raise NotFoundError(f"no topic's name contains {search!r}")
    return sorted(rows, key=lambda r: (-r.claims, _text_order(r.name), r.id))


def _needle(search: str) -> str:
    """What a ``--search`` looks for: the text case-folded, spaces collapsed; never empty."""
    needle = " ".join(search.split()).casefold()
    if not needle:
        raise UsageError("--search must not be empty")
    return needle


def count_rows(db: Reader) -> dict[str, int]:
    """How many articles, statements, claims, speakers and topics the database holds."""
    return {
        name: db.scalar(select(func.count()).select_from(table)) or 0
        for name, table in (
            ("articles", tables.articles),
            ("statements", tables.statements),
            ("claims", tables.claims),
            ("speakers", tables.speakers),
            ("topics", tables.topics),
        )
    }
