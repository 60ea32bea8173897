"""Editors' decisions on claims (link, unlink, merge), speakers and topics (merge). A later automatic
run never undoes them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..errors import NotFoundError, UsageError
from ..linking import pair, touch
from .models import (
    Claim,
    ClaimRelation,
    Decision,
    Origin,
    RelationKind,
    Speaker,
    SpeakerAlias,
    Statement,
    Topic,
    TopicRule,
    Verdict,
    claim_topics,
)
from .upsert import insert_missing

_M = TypeVar("_M", Claim, Speaker, Topic)


def survivor(session: Session, model: type[_M], ident: int) -> int:
    """The claim, speaker or topic that stands for ``ident`` after editors' merges.

    Each row on the way is read with a shared lock (PostgreSQL; SQLite has one writer at a time),
    held until the caller's transaction ends. So a merge (:func:`_locked`) of that row waits for
    this transaction, and then moves what it stored; or this read waits for the merge, and then
    sees where it points. Nothing an ingest stores is left on a merged row.
    """
    seen = {ident}
    while True:
        merged = session.scalar(
            select(model.merged_into_id).where(model.id == ident).with_for_update(read=True)
        )
        if merged is None or merged in seen:
            return ident
        seen.add(merged)
        ident = merged


def _locked(session: Session, model: type[_M], idents: list[int], listing: str) -> list[_M]:
    """The live rows ``idents`` of a merge, each locked for update (in id order, so that two merges
    of the same rows wait for each other rather than deadlock)."""
    rows = {}
    for ident in sorted(set(idents)):
        row = session.scalar(
            select(model).where(model.id == ident).with_for_update().execution_options(populate_existing=True)
        )
        rows[ident] = row
    return [_live(session, model, ident, listing, rows[ident]) for ident in idents]


def _live(session: Session, model: type[_M], ident: int, listing: str = "", row: _M | None = None) -> _M:
    """The row ``ident`` of a claim, speaker or topic, which an editor has not merged away."""
    what = model.__name__.lower()
    row = row if row is not None else session.get(model, ident)
    if row is None:
        raise NotFoundError(f"no {what} with id {ident}" + (f" (see '{listing}')" if listing else ""))
    if row.merged_into_id is not None:
        raise UsageError(f"{what} {ident} was merged into {what} {row.merged_into_id}; use that one")
    return row


def _merging(session: Session, model: type[_M], keep: int, gone: int, listing: str) -> tuple[_M, _M]:
    """The two live rows of a speaker or topic merge (``gone`` into ``keep``)."""
    if keep == gone:
        raise UsageError(
            f"a {model.__name__.lower()} cannot be merged with itself ({model.__name__.lower()} {keep})"
        )
    kept, merged = _locked(session, model, [keep, gone], listing)
    return kept, merged


def _mark_merged(session: Session, model: type[_M], merged: _M, keep: int, who: str, now: datetime) -> None:
    """Point ``merged`` at ``keep``, with who and when; rows merged into it before now point at
    ``keep`` too, so one step always finds the survivor."""
    session.execute(update(model).where(model.merged_into_id == merged.id).values(merged_into_id=keep))
    merged.merged_into_id, merged.merged_by, merged.merged_at = keep, who, now
    session.flush()


def _pair(session: Session, a: int, b: int, verb: str = "linked to", lock: bool = False) -> None:
    if a == b:
        raise UsageError(f"a claim cannot be {verb} itself (claim {a})")
    if lock:  # a merge: ingests that file statements under either claim wait, or are waited for
        _locked(session, Claim, [a, b], "")
    else:
        _live(session, Claim, a)
        _live(session, Claim, b)


def _editor(editor: str) -> str:
    editor = editor.strip()
    if not editor:
        raise UsageError("--by must name the editor")
    return editor[:200]


def link(
    session: Session,
    a: int,
    b: int,
    kind: RelationKind,
    editor: str,
    note: str | None = None,
    now: datetime | None = None,
) -> ClaimRelation:
    """Record (or confirm) that claim ``a`` relates to claim ``b`` as ``kind``."""
    _pair(session, a, b)
    now = now or datetime.now(UTC)
    source, target = pair(kind, a, b)
    found = session.scalar(
        select(ClaimRelation).where(
            ClaimRelation.source_id == source, ClaimRelation.target_id == target, ClaimRelation.kind == kind
        )
    )
    if found is None:
        found = ClaimRelation(source_id=source, target_id=target, kind=kind, score=None)
        session.add(found)
    found.origin, found.decision, found.decided_by, found.decided_at = (
        Origin.EDITOR,
        Decision.CONFIRMED,
        _editor(editor),
        now,
    )
    if note is not None:
        found.note = note[:1000]
    touch(session, [a, b], now)
    session.flush()
    return found


def unlink(
    session: Session, a: int, b: int, kind: RelationKind | None, editor: str, now: datetime | None = None
) -> list[ClaimRelation]:
    """Reject the link(s) between ``a`` and ``b``; a rejected link stays rejected for good.

    With ``kind``, a rejection is recorded even if no such link exists yet, so no automatic run
    proposes it later. Without ``kind``, every existing link of the pair is rejected.
    Raises:
        NotFoundError: no ``kind`` given and the claims have no link.
    """
    _pair(session, a, b)
    now = now or datetime.now(UTC)
    who = _editor(editor)
    kinds = [kind] if kind is not None else list(RelationKind)
    rejected: list[ClaimRelation] = []
    for k in kinds:
        source, target = pair(k, a, b)
        found = session.scalar(
            select(ClaimRelation).where(
                ClaimRelation.source_id == source, ClaimRelation.target_id == target, ClaimRelation.kind == k
            )
        )
        if found is None and k is RelationKind.SUPPORTS and kind is None:
            source, target = target, source  # support runs one way: look the other way too
            found = session.scalar(
                select(ClaimRelation).where(
                    ClaimRelation.source_id == source,
                    ClaimRelation.target_id == target,
                    ClaimRelation.kind == k,
                )
            )
        if found is None:
            if kind is None:
                continue
            found = ClaimRelation(source_id=source, target_id=target, kind=k, score=None)
            session.add(found)
        found.origin, found.decision, found.decided_by, found.decided_at = (
            Origin.EDITOR,
            Decision.REJECTED,
            who,
            now,
        )
        rejected.append(found)
    if not rejected:
        raise NotFoundError(f"claims {a} and {b} are not linked")
    touch(session, [a, b], now)
    session.flush()
    return rejected


def merge(session: Session, keep: int, gone: int, editor: str, now: datetime | None = None) -> int:
    """Merge claim ``gone`` into ``keep``: its statements, topics, links and verdicts move over.

    ``gone`` stays in the database, pointing at ``keep``: a statement with its wording arriving
    later joins ``keep`` too. Returns how many statements moved.
    """
    _pair(session, keep, gone, "merged with", lock=True)
    now = now or datetime.now(UTC)
    who = _editor(editor)
    moved = len(session.scalars(select(Statement.id).where(Statement.claim_id == gone)).all())
    session.execute(update(Statement).where(Statement.claim_id == gone).values(claim_id=keep))
    for (topic_id,) in session.execute(
        select(claim_topics.c.topic_id).where(claim_topics.c.claim_id == gone)
    ).all():
        insert_missing(
            session, claim_topics, {"claim_id": keep, "topic_id": topic_id}, ["claim_id", "topic_id"]
        )
    session.execute(delete(claim_topics).where(claim_topics.c.claim_id == gone))
    for rel in session.scalars(
        select(ClaimRelation).where((ClaimRelation.source_id == gone) | (ClaimRelation.target_id == gone))
    ).all():
        other = rel.target_id if rel.source_id == gone else rel.source_id
        if other != keep:
            source, target = (keep, other) if rel.source_id == gone else (other, keep)
            if rel.kind is not RelationKind.SUPPORTS:
                source, target = pair(rel.kind, keep, other)
            values = {
                "source_id": source,
                "target_id": target,
                "kind": rel.kind,
                "origin": rel.origin,
                "decision": rel.decision,
                "score": rel.score,
                "decided_by": rel.decided_by,
                "decided_at": rel.decided_at,
                "note": rel.note,
            }
            insert_missing(session, ClaimRelation, values, ["source_id", "target_id", "kind"])
        session.delete(rel)
    for verdict in session.scalars(select(Verdict).where(Verdict.claim_id == gone)).all():
        clash = session.scalar(
            select(Verdict.id).where(Verdict.claim_id == keep, Verdict.author == verdict.author)
        )
        if clash is None:
            verdict.claim_id = keep
        else:
            session.delete(verdict)
    # claims merged into ``gone`` before point at ``keep`` too: one step finds the survivor, as
    # for speakers and topics
    session.execute(update(Claim).where(Claim.merged_into_id == gone).values(merged_into_id=keep))
    session.execute(
        update(Claim)
        .where(Claim.id == gone)
        .values(merged_into_id=keep, merged_by=who, merged_at=now, updated_at=now)
    )
    touch(session, [keep], now)
    session.flush()
    return moved


def merge_speakers(session: Session, keep: int, gone: int, editor: str, now: datetime | None = None) -> int:
    """Merge speaker ``gone`` into ``keep``: its statements and aliases move over.

    ``gone``'s name becomes an alias of ``keep``, and ``gone`` stays in the database pointing at
    ``keep``, so a speaker of that name in a later article joins ``keep`` as well. Returns how many
    statements moved.
    """
    kept, merged = _merging(session, Speaker, keep, gone, "claims speakers")
    now = now or datetime.now(UTC)
    who = _editor(editor)
    moved = len(session.scalars(select(Statement.id).where(Statement.speaker_id == gone)).all())
    session.execute(update(Statement).where(Statement.speaker_id == gone).values(speaker_id=keep))
    aliases = session.scalars(select(SpeakerAlias).where(SpeakerAlias.speaker_id == gone)).all()
    # an alias seen in an article keeps where it was seen; the merged name itself has no place
    wanted = [(a.key, a.alias, a.article_id, a.start, a.end) for a in aliases]
    wanted.append((merged.key, merged.name, None, None, None))
    for alias in aliases:
        session.delete(alias)
    session.flush()
    for key, text, article_id, start, end in wanted:
        if key != kept.key:
            values = {
                "speaker_id": keep,
                "alias": text,
                "key": key,
                "article_id": article_id,
                "start": start,
                "end": end,
            }
            insert_missing(session, SpeakerAlias, values, ["speaker_id", "key"])
    _mark_merged(session, Speaker, merged, keep, who, now)
    return moved


def merge_topics(session: Session, keep: int, gone: int, editor: str, now: datetime | None = None) -> int:
    """Merge topic ``gone`` into ``keep``: its claims and its ``--match`` rules move over.

    ``gone`` stays in the database pointing at ``keep``, so a claim filed under ``gone``'s name
    later (an "Obama" an article does not tell apart) is filed under ``keep``, and ``--topic``
    with ``gone``'s name lists ``keep``. Returns how many claims were filed under ``keep`` anew.
    """
    kept, merged = _merging(session, Topic, keep, gone, "claims topics")
    now = now or datetime.now(UTC)
    who = _editor(editor)
    claims = session.scalars(select(claim_topics.c.claim_id).where(claim_topics.c.topic_id == gone)).all()
    moved = 0
    for claim_id in sorted(claims):
        moved += insert_missing(
            session, claim_topics, {"claim_id": claim_id, "topic_id": keep}, ["claim_id", "topic_id"]
        )
    session.execute(delete(claim_topics).where(claim_topics.c.topic_id == gone))
    rules = session.scalars(select(TopicRule).where(TopicRule.topic_id == gone)).all()
    wanted = sorted((r.key, r.pattern) for r in rules)
    for rule in rules:
        session.delete(rule)
    session.flush()
    for key, pattern in wanted:
        insert_missing(
            session, TopicRule, {"topic_id": keep, "pattern": pattern, "key": key}, ["topic_id", "key"]
        )
    if wanted:
        kept.kind = "user"
    _mark_merged(session, Topic, merged, keep, who, now)
    return moved
