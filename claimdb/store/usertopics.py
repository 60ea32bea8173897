"""User topics: named by an editor, filled by rules ("--match Kursk"), applied to old and new claims."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..errors import UsageError
from ..extract.topics import normalise_topic, topic_key
from .editing import survivor
from .models import Claim, Topic, TopicRule, claim_topics
from .upsert import id_by, insert_missing


def _pattern(word: str) -> re.Pattern[str]:
    """Whole words, case-insensitive: "Kursk" matches "Kursk's troops", not "Kurskaya"."""
    return re.compile(r"(?<!\w)" + re.escape(word.strip()) + r"(?!\w)", re.IGNORECASE)


def add_user_topic(session: Session, name: str, patterns: Sequence[str]) -> tuple[int, int]:
    """Create (or extend) a user topic and file every matching claim under it.

    Returns:
        (topic id, number of claims newly filed under it).
    """
    name = normalise_topic(name)
    if not name:
        raise UsageError("a topic needs a name")
    words = [p.strip() for p in patterns if p.strip()]
    if not words:
        raise UsageError("give at least one --match word or phrase")
    key = topic_key(name)
    insert_missing(session, Topic, {"name": name[:300], "key": key[:300], "kind": "user"}, ["key"])
    topic_id = id_by(session, Topic, key=key)
    assert topic_id is not None
    session.get_one(Topic, topic_id).kind = "user"
    for word in sorted(set(words), key=str.casefold):
        insert_missing(
            session,
            TopicRule,
            {"topic_id": topic_id, "pattern": word[:300], "key": word.casefold()[:300]},
            ["topic_id", "key"],
        )
    return topic_id, apply_user_topics(session, None, only=[topic_id])


def apply_user_topics(
    session: Session, claim_ids: Iterable[int] | None, only: Sequence[int] | None = None
) -> int:
    """File claims (all of them when ``claim_ids`` is None) under the user topics whose rules match.

    A rule matches a claim whose text, or one of whose topics, contains its word or phrase.
    """
    stmt = select(TopicRule.topic_id, TopicRule.pattern)
    if only is not None:
        stmt = stmt.where(TopicRule.topic_id.in_(only))
    rules = session.execute(stmt.order_by(TopicRule.topic_id, TopicRule.key)).all()
    if not rules:
        return 0
    # a rule's topic, or the one an editor merged it into, locked against a merge racing this
    # transaction (a merge moves the rules, but these were read before it)
    compiled = [(survivor(session, Topic, topic_id), _pattern(word), word) for topic_id, word in rules]
    claims = select(Claim.id, Claim.text).where(Claim.merged_into_id.is_(None))
    if claim_ids is not None:
        ids = sorted(set(claim_ids))
        if not ids:
            return 0
        claims = claims.where(Claim.id.in_(ids))
    else:
        # narrow the scan with the database: text or topic names containing any rule's word
        likes = [Claim.text.ilike(f"%{w}%") for _, _, w in compiled]
        named = select(claim_topics.c.claim_id).join(Topic, Topic.id == claim_topics.c.topic_id)
        named = named.where(or_(*[Topic.name.ilike(f"%{w}%") for _, _, w in compiled]))
        claims = claims.where(or_(*likes, Claim.id.in_(named)))
    filed = 0
    for claim_id, text in session.execute(claims.order_by(Claim.id)).all():
        names = session.scalars(
            select(Topic.name)
            .join(claim_topics, claim_topics.c.topic_id == Topic.id)
            .where(claim_topics.c.claim_id == claim_id)
        ).all()
        for topic_id, pattern, _ in compiled:
            if pattern.search(text) or any(pattern.search(n) for n in names):
                values = {"claim_id": claim_id, "topic_id": topic_id}
                filed += insert_missing(session, claim_topics, values, ["claim_id", "topic_id"])
    return filed
