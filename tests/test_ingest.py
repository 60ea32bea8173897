"""Storing parsed articles: idempotence, speakers across articles, atomicity (no language model)."""

from __future__ import annotations

import pytest
from helpers import make_parse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from claimdb.extract.types import Stance
from claimdb.ingest import ArticleInput, default_title, ingest_articles, store_parse
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
