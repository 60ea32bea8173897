"""Text → extraction → database, one transaction per article. Prints nothing; returns outcomes."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .claims import claim_key, normalise_claim
from .extract.names import gender_of_name
from .extract.topics import topic_key
from .extract.types import ArticleParse, Attribution, SpeakerKind, Stance
from .extract.types import Speaker as ParsedSpeaker
from .linking import find_links, store_links, touch
from .relate import load_relater
from .store.editing import survivor
from .store.models import Article, Claim, Speaker, SpeakerAlias, Statement, Topic, claim_topics, name_key
from .store.queries import dominant_speaker
from .store.search import index_claim
from .store.tables import plain_name_key
from .store.upsert import id_by, insert_missing
from .store.usertopics import apply_user_topics

TITLE_CHARS = 200
#: attempts at one article's transaction when concurrent writers collide
RETRIES = 5
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article to ingest and what is known about it besides its text."""

    text: str
    source: str
    markdown: bool = False
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    #: "text", "markdown" or "html" (HTML arrives already converted to text)
    format: str = "text"


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one article."""

    source: str
    article_id: int
    duplicate: bool
    statements: int = 0
    new_claims: int = 0


def content_hash(text: str) -> str:
    """Identity of an article: SHA-256 of its exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_title(text: str) -> str:
    """The first non-empty line, without Markdown heading marks, cut to 200 characters."""
    for line in text.splitlines():
        line = _MARKDOWN_HEADING.sub("", line).strip()
        if line:
            return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1].rstrip() + "…"
    return "(untitled)"


_INITIAL = re.compile(r"\w\.?")
_EDGE_MARKS = " '\"`\u2018\u2019\u201c\u201d\u00ab\u00bb"


def _like_escape(text: str) -> str:
    """``text`` taken literally inside a LIKE pattern that uses ``escape="\\"``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def clean_name(name: str) -> str:
    """A speaker name without stray quotation marks at its edges ("Donald Trump ''" → "Donald Trump")."""
    return " ".join(name.strip(_EDGE_MARKS).split())


class _ArticleWriter:
    """Writes one parsed article inside the caller's transaction.

    Rows other articles share (speakers, aliases, claims, topics, their links) are written in
    sorted key order. Concurrent writers on PostgreSQL then take row locks in the same order and
    wait for each other instead of deadlocking.
    """

    def __init__(self, session: Session, now: datetime, link: bool = True) -> None:
        self.session = session
        self.now = now
        self.link = link
        self.new_claims = 0

    def article(self, item: ArticleInput, digest: str) -> int | None:
        values = {
            "content_hash": digest,
            "title": (item.title or default_title(item.text))[:500],
            "source": item.source,
            "url": item.url,
            "outlet": item.outlet,
            "published": item.published,
            "text": item.text,
            "format": item.format,
            "ingested_at": self.now,
        }
        if not insert_missing(self.session, Article, values, ["content_hash"]):
            return None  # another process stored the same text first
        return id_by(self.session, Article, content_hash=digest)

    def speakers(self, speakers: Iterable[ParsedSpeaker], article_id: int) -> dict[int, int]:
        """Find or create each speaker; returns id(parsed speaker) → speaker id."""
        ids: dict[int, int] = {}
        aliases: dict[tuple[int, str], Any] = {}
        for parsed in sorted(speakers, key=lambda sp: name_key(sp.name)):
            ident = self._speaker_id(parsed)
            ids[id(parsed)] = ident
            canonical = self.session.scalar(select(Speaker.key).where(Speaker.id == ident))
            for alias in parsed.aliases:
                alias_key = name_key(alias.text)[:300]
                if alias_key and alias_key != canonical:
                    aliases.setdefault((ident, alias_key), alias)
        for (ident, alias_key), alias in sorted(aliases.items(), key=lambda kv: kv[0]):
            values = {
                "speaker_id": ident,
                "alias": alias.text[:300],
                "key": alias_key,
                "article_id": article_id,
                "start": alias.start,
                "end": alias.end,
            }
            insert_missing(self.session, SpeakerAlias, values, ["speaker_id", "key"])
        return ids

    def _speaker_id(self, parsed: ParsedSpeaker) -> int:
        ident = self._stored_speaker(parsed)
        if ident is None:
            name = clean_name(parsed.name) or parsed.name
            key = name_key(name)[:300]
            insert_missing(
                self.session, Speaker, {"name": name[:300], "key": key, "kind": parsed.kind}, ["key"]
            )
            ident = id_by(self.session, Speaker, key=key)
            assert ident is not None
        return ident

    def _stored_speaker(self, parsed: ParsedSpeaker) -> int | None:
        """The stored speaker this article's speaker is, if any (an editor's merge followed)."""
        name = clean_name(parsed.name) or parsed.name
        key = name_key(name)[:300]
        one_word = len(key.split()) == 1
        ident = None
        if one_word and parsed.kind is SpeakerKind.PERSON:
            # "Obama" is the one stored person of that surname ("Barack Obama") before a stored "Obama"
            ident = self._one_of(key, self._people_by_surname(key), parsed.gender)
        if ident is None:
            ident = id_by(self.session, Speaker, key=key)
        if ident is None and one_word:
            ident = self._known_by_one_word(key, parsed.gender)
        if ident is None and parsed.kind is SpeakerKind.PERSON:
            ident = self._known_with_initials(key)
        return None if ident is None else self._survivor(Speaker, ident)

    def _survivor(self, model: Any, ident: int) -> int:
        """``ident``, or the speaker or topic an editor merged it into, locked against a merge
        racing this article's transaction (:func:`~claimdb.store.editing.survivor`)."""
        return survivor(self.session, model, ident)

    def _speaker_name(self, ident: int) -> str:
        name = self.session.scalar(select(Speaker.name).where(Speaker.id == ident))
        assert name is not None
        return name

    def _person_named(self, name: str) -> str | None:
        """The stored name of the one person a name of two words or more stands for, give or take
        middle initials or a middle name ("Donald J. Trump" → "Donald Trump"), if stored.

        Only lookups by key: a plain two-word name ("White House") is not searched for among
        three-word people, which every article's topics would make a scan of all speakers.
        """
        key = name_key(clean_name(name))[:300]
        words = key.split()
        if len(words) < 2:
            return None
        ident = id_by(self.session, Speaker, key=key, kind=SpeakerKind.PERSON)
        if ident is None and (len(words) > 2 or any(_INITIAL.fullmatch(w) for w in words)):
            ident = self._known_with_initials(key)
        return None if ident is None else self._speaker_name(self._survivor(Speaker, ident))

    def people_names(
        self, speakers: Iterable[ParsedSpeaker], topics: Iterable[str], known: Mapping[int, int]
    ) -> dict[str, str]:
        """Topic key → stored name, for the people of this article among ``topics`` who are stored
        speakers (``known``: id(parsed speaker) → speaker id, for those stored already).

        An article's "Obama" whom it calls "he" is then filed under the topic "Barack Obama", as
        his statements are under the speaker: one topic per person across articles.
        """
        wanted = {topic_key(name)[:300] for name in topics}
        out: dict[str, str] = {}
        for parsed in speakers:
            key = topic_key(parsed.name)[:300]
            if parsed.kind is not SpeakerKind.PERSON or key not in wanted:
                continue
            ident = known.get(id(parsed)) or self._stored_speaker(parsed)
            if ident is not None:
                out[key] = self._speaker_name(ident)
        return out

    def _known_with_initials(self, key: str) -> int | None:
        """The one stored person who is this person give or take middle initials or a middle name.

        "Donald J. Trump" is the stored "Donald Trump", and "Donald Trump" the stored "Donald J.
        Trump" (when only one such person is stored); so are "Hillary Rodham Clinton" and "Hillary
        Clinton", which some papers write on first mention and others never.
        """
        words = key.split()
        plain = [w for w in words if not _INITIAL.fullmatch(w)]
        shorter = plain_name_key(key)
        if shorter is not None and len(plain) < len(words):
            return id_by(self.session, Speaker, key=shorter)  # "Mary B. Smith": "Mary Smith", no other
        if shorter is not None:  # "Hillary Rodham Clinton" may be the stored "Hillary Clinton"
            return id_by(self.session, Speaker, key=shorter, kind=SpeakerKind.PERSON)
        if len(plain) != 2:
            return None
        first, last = (_like_escape(w) for w in plain)
        rows = self.session.execute(
            select(Speaker.id, Speaker.key).where(
                Speaker.kind == SpeakerKind.PERSON,
                Speaker.key.like(f"{first} % {last}", escape="\\"),
                Speaker.merged_into_id.is_(None),
            )
        )
        owners = {ident for ident, found in rows if len(found.split()) == 3}
        return owners.pop() if len(owners) == 1 else None

    def _known_by_one_word(self, key: str, gender: str | None = None) -> int | None:
        """The one stored speaker a one-word name ("Halvorsen") can mean: by alias, else by surname."""
        owners = dict(
            self.session.execute(
                select(Speaker.id, Speaker.key)
                .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
                .where(SpeakerAlias.key == key)
            ).all()
        )
        return self._one_of(key, owners or self._people_by_surname(key), gender)

    def _people_by_surname(self, key: str) -> dict[int, str]:
        """Stored people whose name is more than this one word and ends with it: id → key."""
        pattern = "% " + _like_escape(key)
        rows = self.session.execute(
            select(Speaker.id, Speaker.key).where(
                Speaker.kind == SpeakerKind.PERSON,
                Speaker.key.like(pattern, escape="\\"),
                Speaker.merged_into_id.is_(None),
            )
        )
        return dict(rows.all())

    def _one_of(self, key: str, owners: dict[int, str], gender: str | None) -> int | None:
        """The one speaker among ``owners`` (id → key) a one-word name can mean, if only one.

        A person whose given name is of the other gender than the one the article gives its
        speaker ("Mrs.", "she") is not meant: an "Obama" the article calls "he" is Barack Obama even
        when Michelle Obama is stored. When the name still fits several, a speaker whose name does
        not hold it as a word of its own ("Obama-Clinton") is set aside too; and if one of those
        left is quoted far more than all the others together (:func:`~claimdb.store.tables.dominant`),
        a bare "Clinton" or "Sanders" is that one, as a reader would take it.
        """
        if gender is not None:
            owners = {i: k for i, k in owners.items() if gender_of_name(k.split()[0]) in (None, gender)}
        if len(owners) > 1:
            owners = {i: k for i, k in owners.items() if key in k.split()}
        if len(owners) > 1:
            return dominant_speaker(self.session, owners)
        return next(iter(owners)) if len(owners) == 1 else None

    def claims(self, said: Iterable[tuple[str, Stance]]) -> dict[str, int]:
        """Find or create the claims for these statement texts and stances; returns claim key → id.

        A claim an editor merged into another stands for that other one. Claims made here are
        indexed for search and linked to the stored claims they repeat, contradict or support.
        """
        wanted: dict[str, str] = {}
        stances: dict[str, set[Stance]] = {}
        for text, stance in said:
            key = claim_key(text)
            wanted.setdefault(key, text)
            stances.setdefault(key, set()).add(stance)
        ids: dict[str, int] = {}
        created: list[tuple[int, str]] = []
        for key in sorted(wanted):
            ident = id_by(self.session, Claim, key=key)
            if ident is None:
                text = normalise_claim(wanted[key])
                values = {"text": text, "key": key, "created_at": self.now, "updated_at": self.now}
                if insert_missing(self.session, Claim, values, ["key"]):
                    self.new_claims += 1
                ident = id_by(self.session, Claim, key=key)
                assert ident is not None
                created.append((ident, text))
            ids[key] = survivor(self.session, Claim, ident)
        touch(self.session, ids.values(), self.now)
        for ident, text in created:
            index_claim(self.session, ident, text)
        if created and self.link:
            relater = load_relater()
            here: dict[int, frozenset[Stance]] = {}  # this article's claims and their stances
            for key, ident in ids.items():
                here[ident] = here.get(ident, frozenset()) | stances[key]
            for ident, text in created:
                links = find_links(self.session, relater, ident, text, here)
                store_links(self.session, ident, links, self.now)
        return ids

    def topics(self, links: Iterable[tuple[int, str]], people: Mapping[str, str] | None = None) -> None:
        """File claims under topics: (claim id, topic name) pairs.

        ``people`` maps the topic key of a person's name in the article to the name the person is
        stored under (:meth:`people_names`); their topics take that name.
        """
        people = dict(people or {})
        names: dict[str, str] = {}
        pairs: set[tuple[int, str]] = set()
        for claim_id, name in links:
            key = topic_key(name)[:300]
            if key not in people:
                people[key] = self._person_named(name) or name
            name = people[key]
            key = topic_key(name)[:300]
            if key:
                names.setdefault(key, name[:300])
                pairs.add((claim_id, key))
        ids: dict[str, int] = {}
        for key in sorted(names):
            ident = id_by(self.session, Topic, key=key)
            if ident is None:
                insert_missing(self.session, Topic, {"name": names[key], "key": key}, ["key"])
                ident = id_by(self.session, Topic, key=key)
                assert ident is not None
            ids[key] = self._survivor(Topic, ident)  # an editor's merge: the claim is filed there
        for claim_id, topic_id in sorted((c, ids[k]) for c, k in pairs):
            values = {"claim_id": claim_id, "topic_id": topic_id}
            insert_missing(self.session, claim_topics, values, ["claim_id", "topic_id"])

    def statement(
        self, article_id: int, ordinal: int, attr: Attribution, claim_id: int, speaker_id: int | None
    ) -> None:
        self.session.add(
            Statement(
                article_id=article_id,
                ordinal=ordinal,
                claim_id=claim_id,
                speaker_id=speaker_id,
                source_text=attr.source.text[:1000] if attr.source else None,
                source_start=attr.source.start if attr.source else None,
                source_end=attr.source.end if attr.source else None,
                cue_text=attr.cue.text[:200] if attr.cue else None,
                cue_start=attr.cue.start if attr.cue else None,
                cue_end=attr.cue.end if attr.cue else None,
                kind=attr.kind,
                stance=attr.stance,
                content_text=attr.text,
                content_start=attr.start,
                content_end=attr.end,
                content_spans=";".join(f"{p.start}-{p.end}" for p in attr.content)[:200],
                sentence_text=attr.sentence.text,
                sentence_start=attr.sentence.start,
                sentence_end=attr.sentence.end,
                confidence=attr.confidence,
                hedged=attr.hedged,
                rule=attr.rule[:40],
            )
        )


def store_parse(
    session: Session, item: ArticleInput, parse: ArticleParse, now: datetime | None = None
) -> IngestOutcome:
    """Write one parsed article and everything found in it, in the caller's transaction.

    Returns a duplicate outcome (and writes nothing) when the same text is already stored.
    """
    digest = content_hash(item.text)
    writer = _ArticleWriter(session, now or datetime.now(UTC))
    article_id = writer.article(item, digest)
    if article_id is None:
        existing = id_by(session, Article, content_hash=digest)
        assert existing is not None
        return IngestOutcome(item.source, existing, duplicate=True)
    # only what asserts or denies a proposition becomes a statement: not "did not say", not the
    # object of an evaluation ("criticised the plan"); `claims extract` still lists those
    attrs = [a for a in parse.attributions if a.is_claim]
    speakers = {id(a.speaker): a.speaker for a in attrs if a.speaker is not None}
    speaker_ids = writer.speakers(speakers.values(), article_id)
    claim_ids = writer.claims((a.claim_text, a.stance) for a in attrs)
    keys = [claim_key(a.claim_text) for a in attrs]
    people = writer.people_names(parse.speakers, {name for a in attrs for name in a.topics}, speaker_ids)
    writer.topics(
        ((claim_ids[k], name) for a, k in zip(attrs, keys, strict=True) for name in a.topics), people
    )
    apply_user_topics(session, claim_ids.values())
    for ordinal, (attr, key) in enumerate(zip(attrs, keys, strict=True)):
        speaker_id = speaker_ids.get(id(attr.speaker)) if attr.speaker is not None else None
        writer.statement(article_id, ordinal, attr, claim_ids[key], speaker_id)
    session.flush()
    return IngestOutcome(item.source, article_id, False, len(attrs), writer.new_claims)


def _transient(exc: OperationalError) -> bool:
    """Whether retrying the transaction can help: a deadlock, a serialization failure, a busy lock."""
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40P01", "40001") or "database is locked" in str(exc.orig)


def store_with_retry(
    factory: sessionmaker[Session], item: ArticleInput, parse: ArticleParse
) -> IngestOutcome:
    """Store one article in its own transaction, retrying a few times when a concurrent writer collides."""
    for attempt in range(RETRIES):
        try:
            with factory.begin() as session:
                return store_parse(session, item, parse)
        except OperationalError as exc:
            if attempt == RETRIES - 1 or not _transient(exc):
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def find_article(session: Session, text: str) -> int | None:
    """Id of the article with exactly this text, if stored."""
    return id_by(session, Article, content_hash=content_hash(text))


def ingest_articles(
    items: Iterable[ArticleInput],
    factory: sessionmaker[Session],
    parse_many: Callable[[Iterable[tuple[str, bool]]], Iterator[ArticleParse]],
) -> Iterator[IngestOutcome]:
    """Ingest articles one transaction each, skipping (without parsing) texts already stored.

    Args:
        factory: makes write sessions (see :func:`claimdb.store.engine.make_sessionmaker`).
        parse_many: the extractor's batch parser; only called for new texts, so a re-run over
            stored articles never loads spaCy.
    """
    pending: list[ArticleInput] = []

    def flush() -> Iterator[IngestOutcome]:
        batch = list(pending)
        pending.clear()
        parses = parse_many((p.text, p.markdown) for p in batch)
        for item, parse in zip(batch, parses, strict=True):
            # yielded after the commit: the caller's work never holds the write lock
            yield store_with_retry(factory, item, parse)

    for item in items:
        with factory() as session:
            existing = find_article(session, item.text)
        if existing is not None:
            yield IngestOutcome(item.source, existing, duplicate=True)
            continue
        pending.append(item)
        if len(pending) >= 8:
            yield from flush()
    if pending:
        yield from flush()
