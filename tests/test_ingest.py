"""Storing parsed articles: idempotence, speakers across articles, atomicity (no language model)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import make_parse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from claimdb.extract.types import Stance
from claimdb.ingest import ArticleInput, _ArticleWriter, default_title, ingest_articles, store_parse
from claimdb.store.models import Article, Claim, Speaker, SpeakerAlias, Statement, Topic

A = Stance.ASSERTS
TEXT = "Mayor Ann Lee said the bridge would reopen in May."


def counts(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory() as s:
        return {
            m.__table__.name: s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Article, Claim, Speaker, SpeakerAlias, Statement, Topic)
        }


def test_storing_the_same_text_twice_changes_nothing(factory) -> None:
    parse = make_parse(TEXT, [("the bridge would reopen in May", "Ann Lee", A)], topics=("bridge",))
    with factory.begin() as s:
        first = store_parse(s, ArticleInput(TEXT, "a.txt"), parse)
    before = counts(factory)
    with factory.begin() as s:
        again = store_parse(s, ArticleInput(TEXT, "copy.txt", title="Other title"), parse)
    assert not first.duplicate and again.duplicate and again.article_id == first.article_id
    assert counts(factory) == before
    assert before["statements"] == 1 and before["topics"] == 1


def test_a_surname_in_a_later_article_joins_the_known_speaker(factory) -> None:
    with factory.begin() as s:
        store_parse(
            s, ArticleInput(TEXT, "a"), make_parse(TEXT, [("the bridge would reopen in May", "Ann Lee", A)])
        )
    later = "Lee said the tolls would stay."
    with factory.begin() as s:
        store_parse(s, ArticleInput(later, "b"), make_parse(later, [("the tolls would stay", "Lee", A)]))
    with factory() as s:
        assert s.scalars(select(Speaker.name)).all() == ["Ann Lee"]
        alias = s.scalars(select(SpeakerAlias).where(SpeakerAlias.alias == "Lee")).one()
        assert alias.article_id == 2 and (alias.start, alias.end) == (0, 3)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Donald J. Trump", "Donald Trump"),
        ("Donald Trump", "Donald J. Trump"),
        ("Ann Lee", "Ann Lee ''"),
        # a middle name, written by some papers and not by others
        ("Hillary Clinton", "Hillary Rodham Clinton"),
        ("Hillary Rodham Clinton", "Hillary Clinton"),
    ],
)
def test_middle_initials_and_stray_quote_marks_name_the_same_person(factory, first, second) -> None:
    for n, name in enumerate((first, second)):
        text = f"{name} said the tolls would stay {n}."
        with factory.begin() as s:
            store_parse(
                s, ArticleInput(text, str(n)), make_parse(text, [(f"the tolls would stay {n}", name, A)])
            )
    with factory() as s:
        assert s.scalars(select(Speaker.name)).all() == [first]


def test_people_with_different_middle_initials_stay_apart(factory) -> None:
    for n, name in enumerate(("Mary A. Smith", "Mary B. Smith", "Mary Smith")):
        text = f"{name} said the tolls would stay {n}."
        with factory.begin() as s:
            store_parse(
                s, ArticleInput(text, str(n)), make_parse(text, [(f"the tolls would stay {n}", name, A)])
            )
    with factory() as s:  # "Mary Smith" could be either: a speaker of her own, not a guess
        assert sorted(s.scalars(select(Speaker.name)).all()) == [
            "Mary A. Smith",
            "Mary B. Smith",
            "Mary Smith",
        ]


def test_people_with_different_middle_names_stay_apart(factory) -> None:
    for n, name in enumerate(("John Paul Jones", "John Quincy Jones", "John Jones", "John Adam Eve Jones")):
        text = f"{name} said the tolls would stay {n}."
        with factory.begin() as s:
            store_parse(
                s, ArticleInput(text, str(n)), make_parse(text, [(f"the tolls would stay {n}", name, A)])
            )
    with factory() as s:  # "John Jones" could be either; four words are not a middle name
        assert sorted(s.scalars(select(Speaker.name)).all()) == [
            "John Adam Eve Jones",
            "John Jones",
            "John Paul Jones",
            "John Quincy Jones",
        ]


def store_one(factory, n: int, name: str, gender: str | None = None) -> None:
    text = f"{name} said the tolls would stay {n}. {name.split()[-1]} smiled."
    parse = make_parse(
        text, [(f"the tolls would stay {n}", name, A)], genders={name: gender} if gender else None
    )
    with factory.begin() as s:
        store_parse(s, ArticleInput(text, str(n)), parse)


def speaker_of(factory, n: int) -> str:
    with factory() as s:
        return s.scalars(
            select(Speaker.name)
            .join(Statement, Statement.speaker_id == Speaker.id)
            .where(Statement.content_text == f"the tolls would stay {n}")
        ).one()


@pytest.mark.parametrize(
    ("gender", "expected"), [("m", "Barack Obama"), ("f", "Michelle Obama"), (None, "Obama")]
)
def test_a_surname_two_people_share_joins_the_one_of_its_gender(factory, gender, expected) -> None:
    store_one(factory, 0, "Barack Obama")
    store_one(factory, 1, "Michelle Obama")
    store_one(factory, 2, "Obama", gender)  # "Mr. Obama", or "he": the parser's gender
    assert speaker_of(factory, 2) == expected


def test_a_person_whose_given_name_tells_no_gender_is_not_set_aside(factory) -> None:
    store_one(factory, 0, "Kim Lee")
    store_one(factory, 1, "Ann Lee")
    store_one(factory, 2, "Lee", "m")  # Kim may be a man: Ann Lee is ruled out, Kim Lee is not
    assert speaker_of(factory, 2) == "Kim Lee"


@pytest.mark.parametrize(
    ("owners", "gender", "expected"),
    [
        # the recogniser's "Obama-Clinton" (a policy) got the alias "Obama" in its article
        ({1: "obama-clinton", 2: "barack obama"}, None, 2),
        ({1: "barack obama", 2: "michelle obama"}, "f", 2),
        ({1: "barack obama", 2: "michelle obama"}, None, None),
        ({1: "barack obama", 2: "obama speech"}, "m", None),  # a headline's "Obama Speech" may be anyone
        ({1: "barack obama"}, "f", None),  # "Mrs. Obama" is not the only Obama stored
        ({1: "barack obama"}, None, 1),
    ],
)
def test_which_stored_speaker_a_one_word_name_means(factory, owners, gender, expected) -> None:
    with factory() as s:  # nobody is quoted yet, so nobody is the name's dominant bearer
        assert _ArticleWriter(s, datetime.now(UTC))._one_of("obama", owners, gender) == expected


@pytest.mark.parametrize(("quoted", "expected"), [(20, "Barack Obama"), (19, "Obama")])
def test_a_name_shared_by_several_means_the_one_quoted_far_more(factory, quoted, expected) -> None:
    for n in range(quoted):
        store_one(factory, n, "Barack Obama")
    store_one(factory, 100, "Michelle Obama")
    store_one(factory, 101, "Obama")  # no gender: either could be meant, but one dominates
    assert speaker_of(factory, 101) == expected


def test_a_failure_inside_an_article_leaves_nothing_behind(factory, monkeypatch) -> None:
    import claimdb.ingest as ingest

    parse = make_parse(TEXT, [("the bridge would reopen in May", "Ann Lee", A)])

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingest._ArticleWriter, "statement", boom)
    with pytest.raises(RuntimeError), factory.begin() as s:
        store_parse(s, ArticleInput(TEXT, "a"), parse)
    assert set(counts(factory).values()) == {0}


def test_ingest_articles_skips_known_texts_without_parsing(factory) -> None:
    parsed: list[str] = []

    def parse_many(items):
        for text, _markdown in items:
            parsed.append(text)
            yield make_parse(text, [("the bridge would reopen in May", "Ann Lee", A)])

    items = [ArticleInput(TEXT, "a"), ArticleInput(TEXT, "b")]
    outcomes = list(ingest_articles(items, factory, parse_many))
    assert [o.duplicate for o in outcomes] == [False, True]
    parsed.clear()
    outcomes = list(ingest_articles([ArticleInput(TEXT, "c")], factory, parse_many))
    assert outcomes[0].duplicate and parsed == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Headline here\n\nBody.", "Headline here"),
        ("\n\n  # Markdown title\nBody", "Markdown title"),
        ("x" * 300, "x" * 199 + "…"),
    ],
)
def test_default_title(text: str, title: str) -> None:
    assert default_title(text) == title


def test_an_editor_merges_one_speaker_into_another_for_good(factory) -> None:
    from claimdb.store.editing import merge_speakers
    from claimdb.store.queries import ClaimFilter, list_claims, list_speakers

    store_one(factory, 0, "Obama")  # stored before any full name: a speaker of its own
    store_one(factory, 1, "Barack Obama")
    store_one(factory, 2, "Michelle Obama")
    with factory() as s:
        ids = {name: ident for name, ident in s.execute(select(Speaker.name, Speaker.id))}
    with factory.begin() as s:
        assert merge_speakers(s, ids["Barack Obama"], ids["Obama"], "desk editor") == 1
    assert speaker_of(factory, 0) == "Barack Obama"
    store_one(factory, 3, "Obama")  # no gender: two Obamas fit, and the editor's decision holds
    assert speaker_of(factory, 3) == "Barack Obama"
    with factory() as s:
        rows = {r.name: r for r in list_speakers(s)}
        assert set(rows) == {"Barack Obama", "Michelle Obama"}
        assert rows["Barack Obama"].statements == 3 and "Obama" in rows["Barack Obama"].aliases
        gone = s.get(Speaker, ids["Obama"])
        assert gone is not None and gone.merged_into_id == ids["Barack Obama"]
        assert gone.merged_by == "desk editor" and gone.merged_at is not None
        # the merged name finds the speaker it now stands for (and Michelle Obama, whose article
        # called her "Obama" too)
        said = list_claims(s, ClaimFilter(speaker="Obama", order="id"))
        assert [c.text for c in said] == [f"the tolls would stay {n}" for n in range(4)]


def test_merging_into_a_merged_speaker_and_chains(factory) -> None:
    from claimdb.errors import NotFoundError, UsageError
    from claimdb.store.editing import merge_speakers

    for n, name in enumerate(("Ann Lee", "A. Lee", "Annie Lee")):
        store_one(factory, n, name)
    with factory() as s:
        ids = {name: ident for name, ident in s.execute(select(Speaker.name, Speaker.id))}
    ann, a, annie = ids["Ann Lee"], ids["A. Lee"], ids["Annie Lee"]
    with factory.begin() as s:
        merge_speakers(s, annie, a, "ed")
        merge_speakers(s, ann, annie, "ed")  # "A. Lee" now points at Ann Lee too, in one step
    with factory() as s:
        assert s.get(Speaker, a).merged_into_id == ann  # type: ignore[union-attr]
    for keep, gone, error in (
        (ann, ann, "cannot be merged with itself"),
        (ann, a, f"speaker {a} was merged into speaker {ann}"),
        (ann, 999, "no speaker with id 999"),
    ):
        with pytest.raises((UsageError, NotFoundError), match=error), factory.begin() as s:
            merge_speakers(s, keep, gone, "ed")
    store_one(factory, 3, "A. Lee")
    assert speaker_of(factory, 3) == "Ann Lee"


def topics_of(factory, n: int) -> set[str]:
    with factory() as s:
        claim = s.scalars(select(Claim).where(Claim.text == f"the tolls would stay {n}")).one()
        return {t.name for t in claim.topics}


def test_a_person_is_one_topic_across_articles(factory) -> None:
    def store(n: int, name: str, topics: tuple[str, ...], gender: str | None = None) -> None:
        text = f"{name} said the tolls would stay {n}. {name.split()[-1]} smiled."
        parse = make_parse(
            text,
            [(f"the tolls would stay {n}", name, A)],
            topics=topics,
            genders={name: gender} if gender else None,
        )
        with factory.begin() as s:
            store_parse(s, ArticleInput(text, str(n)), parse)

    store(0, "Donald Trump", ("Donald Trump",))
    store(1, "Barack Obama", ("Barack Obama",))
    store(2, "Michelle Obama", ("Michelle Obama",))
    # the speaker of this article is "Obama", a man: his topic is the stored person's
    store(3, "Obama", ("Obama", "Donald J. Trump", "New York", "Trump"), "m")
    assert topics_of(factory, 3) == {"Barack Obama", "Donald Trump", "New York", "Trump"}
    store(4, "Obama", ("Obama",))  # who could be either of two: a topic of its own
    assert topics_of(factory, 4) == {"Obama"}
    from claimdb.errors import NotFoundError
    from claimdb.store.queries import ClaimFilter, list_claims

    with factory() as s:  # another name of one stored person finds the topic it is filed under
        found = list_claims(s, ClaimFilter(topic="Donald J. Trump", order="id"))
        assert [c.text for c in found] == ["the tolls would stay 0", "the tolls would stay 3"]
        with pytest.raises(NotFoundError, match="no topic 'Donald Duck'"):
            list_claims(s, ClaimFilter(topic="Donald Duck"))


def test_topic_by_a_name_several_people_share_finds_the_one_quoted_far_more(factory) -> None:
    from claimdb.store.queries import ClaimFilter, list_claims

    for n, name in enumerate(["Barack Obama"] * 20 + ["Michelle Obama"]):
        text = f"{name} said the tolls would stay {n}. Obama smiled."
        parse = make_parse(text, [(f"the tolls would stay {n}", name, A)], topics=(name,))
        with factory.begin() as s:
            store_parse(s, ArticleInput(text, str(n)), parse)
    with factory() as s:  # no topic "Obama"; both are called that, one far more often
        assert len(list_claims(s, ClaimFilter(topic="Obama"))) == 20
