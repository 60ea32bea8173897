"""Claims across articles: automatic links, editors' decisions, merges, matching, user topics."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from helpers import store_text
from sqlalchemy import select

from claimdb.extract.types import Stance
from claimdb.matching import match_claims
from claimdb.store.editing import link, merge, unlink
from claimdb.store.models import Claim, ClaimRelation, Decision, Origin, RelationKind
from claimdb.store.queries import ClaimFilter, get_claim, list_claims, list_topics
from claimdb.store.usertopics import add_user_topic

A, D = Stance.ASSERTS, Stance.DENIES
SURROUNDED = "Ukrainian troops are surrounded in Kursk"
ENCIRCLED = "Ukraine's forces have been encircled in the Kursk region"


def claim_id(factory, text: str) -> int:  # type: ignore[no-untyped-def]
    with factory() as session:
        ident = session.scalar(select(Claim.id).where(Claim.text == text))
        assert ident is not None, text
        return ident


def relations(factory) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with factory() as session:
        rows = session.scalars(select(ClaimRelation)).all()
        return sorted((r.kind.value, r.origin.value, r.decision.value) for r in rows)


def disputed(factory) -> set[str]:  # type: ignore[no-untyped-def]
    with factory() as session:
        return {c.text for c in list_claims(session, ClaimFilter(disputed=True))}


def test_a_paraphrase_in_another_article_is_linked_as_the_same_claim(factory) -> None:
    store_text(factory, f"Kyiv officials said {SURROUNDED}.", [(SURROUNDED, "Anna Kovalenko", A)])
    store_text(factory, f"Moscow denied that {ENCIRCLED}.", [(ENCIRCLED, "Ivan Petrov", D)])
    assert relations(factory) == [("same_as", "auto", "proposed")]
    assert disputed(factory) == {SURROUNDED, ENCIRCLED}  # asserted here, denied in other words there
    with factory() as session:
        (related,) = get_claim(session, claim_id(factory, SURROUNDED)).related
        assert related.relation == "same_as" and related.score is not None and 0 < related.score <= 1


def test_contrary_numbers_are_a_contradiction(factory) -> None:
    one, two = "the reservoir holds 5 million litres", "the reservoir holds 12 million litres"
    store_text(factory, f"Ann Lee said {one}.", [(one, "Ann Lee", A)])
    store_text(factory, f"Bo Chan said {two}.", [(two, "Bo Chan", A)])
    assert ("contradicts", "auto", "proposed") in relations(factory)
    assert {one, two} <= disputed(factory)


def test_a_negation_elsewhere_in_a_related_claim_is_no_contradiction(factory) -> None:
    one = "the council approved the stadium budget on Monday"
    two = "the council approved the stadium budget on Monday but did not publish the costs"
    store_text(factory, f"Ann Lee said {one}.", [(one, "Ann Lee", A)])
    store_text(factory, f"Bo Chan said {two}.", [(two, "Bo Chan", A)])
    assert ("contradicts", "auto", "proposed") not in relations(factory)
    assert disputed(factory) == set()


def test_a_negation_over_little_of_the_claim_is_no_contradiction(factory) -> None:
    one = "Senator Carla Mendes should win the nomination this summer"
    two = "you do not win the nomination by how many states you win"
    store_text(factory, f"Ann Lee said {one}.", [(one, "Ann Lee", A)])
    store_text(factory, f"Bo Chan said {two}.", [(two, "Bo Chan", A)])
    assert ("contradicts", "auto", "proposed") not in relations(factory)


def test_a_negated_claim_is_a_contradiction(factory) -> None:
    one, two = "the old bridge is safe for lorries", "the old bridge is not safe for lorries"
    store_text(factory, f"Ann Lee said {one}.", [(one, "Ann Lee", A)])
    store_text(factory, f"Bo Chan said {two}.", [(two, "Bo Chan", A)])
    assert relations(factory) == [("contradicts", "auto", "proposed")]
    assert disputed(factory) == {one, two}
    with factory() as session:
        view = get_claim(session, claim_id(factory, one))
        assert view.asserted_by == ["Ann Lee"] and view.disputed_by == ["Bo Chan"]


def test_look_alikes_in_one_article_are_linked_only_when_opposed(factory) -> None:
    one, two = "the plant will close in May", "the plant is to close in May"
    store_text(
        factory, f"Ann Lee said {one}. Bo Chan said {two}.", [(one, "Ann Lee", A), (two, "Bo Chan", A)]
    )
    assert relations(factory) == []  # one article's look-alikes are mostly different claims
    three = "the plant will shut in May"
    store_text(factory, f"Cy Diaz said {three}.", [(three, "Cy Diaz", A)])  # the same, in another article
    assert relations(factory) == [("same_as", "auto", "proposed")] * 2
    four, five = "the depot will close in June", "the depot is to close in June"
    store_text(
        factory, f"Di Eng said {four}. Ed Fox denied {five}.", [(four, "Di Eng", A), (five, "Ed Fox", D)]
    )
    assert relations(factory).count(("same_as", "auto", "proposed")) == 3  # asserted and denied
    assert disputed(factory) == {four, five}
    with factory() as session:
        view = get_claim(session, claim_id(factory, five))  # named although the link is proposed
        assert view.asserted_by == ["Di Eng"] and view.disputed_by == ["Ed Fox"]


def test_two_readings_of_one_sentence_are_no_dispute(factory) -> None:
    one, two = "the plant will close in May", "the plant is to close in May"
    store_text(
        factory,
        f"Ann Lee said {one}, and Bo Chan denied that {two}.",
        [(one, "Ann Lee", A), (two, "Bo Chan", D)],
    )
    with factory.begin() as session:
        link(session, claim_id(factory, one), claim_id(factory, two), RelationKind.SAME_AS, "desk editor")
    assert disputed(factory) == set()  # one sentence (the helper's parse): not two statements
    store_text(factory, f"Cy Diaz said {one}.", [(one, "Cy Diaz", A)])
    assert disputed(factory) == {one, two}  # asserted in another article, denied in this one


def test_an_assertion_that_repeats_a_claim_and_adds_to_it_supports_it(factory) -> None:
    one = "the mayor paid no income tax"
    two = (
        "records show the mayor paid no income tax for a decade while his shipping firm lost millions, "
        "his lawyers hid the losses from auditors and his brother ran the port"
    )
    store_text(factory, f"Ann Lee said {one}.", [(one, "Ann Lee", A)])
    store_text(factory, f"Bo Chan said {two}.", [(two, "Bo Chan", A)])
    assert relations(factory) == [("supports", "auto", "proposed")]
    assert disputed(factory) == set()
    first, second = claim_id(factory, one), claim_id(factory, two)
    with factory() as session:
        (link_view,) = get_claim(session, first).related
        assert link_view.relation == "supported_by" and link_view.id == second
    # a shared name and a few words are no support
    three = "the mayor opened a new library in the harbour district"
    store_text(factory, f"Cy Diaz said {three}.", [(three, "Cy Diaz", A)])
    assert relations(factory) == [("supports", "auto", "proposed")]


def test_claims_of_one_or_two_words_are_not_linked_automatically(factory) -> None:
    store_text(factory, 'Ann Lee said: "I hope not."', [("I hope not", "Ann Lee", A)])
    store_text(factory, 'Bo Chan said: "I hope so."', [("I hope so", "Bo Chan", A)])
    assert relations(factory) == []


def test_numbers_about_different_people_are_no_contradiction(factory) -> None:
    one = "54 percent of voters view Senator Carla Mendes favorably"
    two = "41 percent of voters view Governor Tomas Reyes favorably"
    store_text(factory, f"A poll showed {one}.", [(one, None, A)])
    store_text(factory, f"Another poll showed {two}.", [(two, None, A)])
    assert ("contradicts", "auto", "proposed") not in relations(factory)


def test_unrelated_claims_are_not_linked(factory) -> None:
    store_text(
        factory,
        "Ann Lee said the bridge would reopen in May.",
        [("the bridge would reopen in May", "Ann Lee", A)],
    )
    store_text(factory, "Bo Chan said tax rates would fall.", [("tax rates would fall", "Bo Chan", A)])
    assert relations(factory) == []


def test_an_editors_rejection_survives_later_runs(factory) -> None:
    store_text(factory, f"Kyiv officials said {SURROUNDED}.", [(SURROUNDED, "Anna Kovalenko", A)])
    store_text(factory, f"Moscow denied that {ENCIRCLED}.", [(ENCIRCLED, "Ivan Petrov", D)])
    a, b = claim_id(factory, SURROUNDED), claim_id(factory, ENCIRCLED)
    with factory.begin() as session:
        unlink(session, a, b, None, "desk editor")
    assert relations(factory) == [("same_as", "editor", "rejected")]
    assert disputed(factory) == set()
    # the same two wordings again, in new articles: the decision stands
    store_text(factory, f"Officials repeated that {SURROUNDED}.", [(SURROUNDED, "Oleh Bondar", A)])
    store_text(factory, f"A spokesman again denied that {ENCIRCLED}.", [(ENCIRCLED, "Pavel Orlov", D)])
    assert relations(factory) == [("same_as", "editor", "rejected")]


def test_an_editors_link_makes_a_dispute_and_is_confirmed(factory) -> None:
    store_text(factory, "Ann Lee said the dam is safe.", [("the dam is safe", "Ann Lee", A)])
    store_text(factory, "Bo Chan said the spillway will fail.", [("the spillway will fail", "Bo Chan", A)])
    a, b = claim_id(factory, "the dam is safe"), claim_id(factory, "the spillway will fail")
    with factory.begin() as session:
        rel = link(session, a, b, RelationKind.CONTRADICTS, "desk editor", note="same structure")
        assert (rel.origin, rel.decision, rel.decided_by) == (
            Origin.EDITOR,
            Decision.CONFIRMED,
            "desk editor",
        )
    assert disputed(factory) == {"the dam is safe", "the spillway will fail"}


def test_merge_moves_statements_and_catches_later_repeats(factory) -> None:
    store_text(factory, "Ann Lee said rents rose sharply.", [("rents rose sharply", "Ann Lee", A)])
    store_text(
        factory, "Bo Chan said housing costs climbed fast.", [("housing costs climbed fast", "Bo Chan", A)]
    )
    keep, gone = claim_id(factory, "rents rose sharply"), claim_id(factory, "housing costs climbed fast")
    with factory.begin() as session:
        assert merge(session, keep, gone, "desk editor") == 1
    with factory() as session:
        texts = [c.text for c in list_claims(session, ClaimFilter())]
        assert texts == ["rents rose sharply"]
        assert get_claim(session, gone).id == keep
        assert {s.speaker for s in get_claim(session, keep).statements} == {"Ann Lee", "Bo Chan"}
    store_text(
        factory, "Cy Dunn said housing costs climbed fast.", [("housing costs climbed fast", "Cy Dunn", D)]
    )
    with factory() as session:
        claim = get_claim(session, keep)
        assert claim.disputed and "Cy Dunn" in claim.disputed_by


def test_merging_into_a_merged_claim_points_the_first_at_the_survivor(factory) -> None:
    from claimdb.store.models import Claim

    for n, (text, name) in enumerate(
        [("rents rose sharply", "Ann Lee"), ("rents went up fast", "Bo Chan"), ("rents climbed", "Cy Dunn")]
    ):
        store_text(factory, f"{name} said {text}. Report {n}.", [(text, name, A)])
    first, second, third = (
        claim_id(factory, t) for t in ("rents rose sharply", "rents went up fast", "rents climbed")
    )
    with factory.begin() as session:
        merge(session, second, third, "desk")
        merge(session, first, second, "desk")
    with factory() as session:
        assert session.get_one(Claim, third).merged_into_id == first  # one step, as for speakers
        assert get_claim(session, third).id == first


def test_match_finds_the_same_claim_first(factory) -> None:
    store_text(factory, f"Kyiv officials said {SURROUNDED}.", [(SURROUNDED, "Anna Kovalenko", A)])
    store_text(factory, "Bo Chan said tax rates would fall.", [("tax rates would fall", "Bo Chan", A)])
    with factory() as session:
        found = match_claims(session, "Ukraine's troops have been encircled in Kursk")
        assert found and found[0].claim.text == SURROUNDED and found[0].relation == "same_as"
        assert all(m.claim.text != "tax rates would fall" for m in found)


def test_user_topics_file_old_and_new_claims(factory) -> None:
    store_text(factory, f"Kyiv officials said {SURROUNDED}.", [(SURROUNDED, "Anna Kovalenko", A)])
    store_text(factory, "Bo Chan said tax rates would fall.", [("tax rates would fall", "Bo Chan", A)])
    with factory.begin() as session:
        _, filed = add_user_topic(session, "Ukraine war", ["Kursk", "Zelensky"])
    assert filed == 1
    later = "President Zelensky visited the front"
    store_text(factory, f"Aides said {later}.", [(later, "Oleh Bondar", A)])
    with factory() as session:
        tagged = {c.text for c in list_claims(session, ClaimFilter(topic="ukraine war"))}
    assert tagged == {SURROUNDED, later}


def test_an_editor_merges_one_topic_into_another_for_good(factory) -> None:
    from claimdb.errors import NotFoundError, UsageError
    from claimdb.store.editing import merge_topics
    from claimdb.store.models import Topic

    store_text(factory, "Ann Lee said the GOP would win.", [("the GOP would win", "Ann Lee", A)], ("GOP",))
    store_text(
        factory,
        "Bo Chan said Republicans would lose.",
        [("Republicans would lose", "Bo Chan", A)],
        ("Republicans",),
    )
    with factory.begin() as session:
        add_user_topic(session, "Grand Old Party", ["elephant"])
    with factory() as session:
        ids = {t.name: t.id for t in session.scalars(select(Topic))}
    keep, gone, user = ids["Republicans"], ids["GOP"], ids["Grand Old Party"]
    with factory.begin() as session:
        assert merge_topics(session, keep, gone, "desk editor") == 1
        assert merge_topics(session, keep, user, "desk editor") == 0  # its rule moves over
    with factory() as session:
        by_topic = {c.text for c in list_claims(session, ClaimFilter(topic="GOP"))}
        assert by_topic == {"the GOP would win", "Republicans would lose"}
        assert {t.name for t in list_topics(session)} == {"Republicans"}
        merged = session.get_one(Topic, gone)
        assert merged.merged_into_id == keep and merged.merged_by == "desk editor"
        assert session.get_one(Topic, keep).kind == "user"
    # later claims: under the merged name, and matching the moved rule
    store_text(
        factory, "Cy Dunn said the GOP would split.", [("the GOP would split", "Cy Dunn", A)], ("GOP",)
    )
    store_text(factory, "Di Eve said the elephant had left.", [("the elephant had left", "Di Eve", A)])
    with factory() as session:
        filed = {c.text for c in list_claims(session, ClaimFilter(topic="Republicans"))}
        assert {"the GOP would split", "the elephant had left"} <= filed
        assert session.get_one(Topic, gone).claims == []
    for a, b, error in (
        (keep, keep, "cannot be merged with itself"),
        (keep, gone, f"topic {gone} was merged into topic {keep}"),
        (keep, 999, "no topic with id 999"),
    ):
        with pytest.raises((UsageError, NotFoundError), match=error), factory.begin() as session:
            merge_topics(session, a, b, "ed")


def test_list_sorts_by_recent_activity_and_filters_by_date(factory) -> None:
    old = datetime(2026, 1, 5, tzinfo=UTC)
    store_text(
        factory,
        "Ann Lee said the bridge would reopen in May.",
        [("the bridge would reopen in May", "Ann Lee", A)],
        when=old,
    )
    store_text(
        factory,
        "Bo Chan said tax rates would fall.",
        [("tax rates would fall", "Bo Chan", A)],
        when=old + timedelta(days=30),
    )
    with factory() as session:
        assert [c.text for c in list_claims(session, ClaimFilter())] == [
            "tax rates would fall",
            "the bridge would reopen in May",
        ]
        assert [c.text for c in list_claims(session, ClaimFilter(order="id"))][
            0
        ] == "the bridge would reopen in May"
        recent = list_claims(session, ClaimFilter(since=old + timedelta(days=10)))
        assert [c.text for c in recent] == ["tax rates would fall"]


@pytest.mark.model
def test_editor_commands_and_relate_on_the_command_line(cli, db_url, tmp_path) -> None:
    for n, (text, who) in enumerate(
        [("Ann Lee said the dam is safe.", "a"), ("Bo Chan said the spillway will fail.", "b")]
    ):
        path = tmp_path / f"{who}.txt"
        path.write_text(text, encoding="utf-8")
        assert cli("--db", db_url, "ingest", str(path)).code == 0, n
    claims = {c["claim"]: c["id"] for c in json.loads(cli("--db", db_url, "list", "--format", "json").out)}
    a, b = claims["the dam is safe"], claims["the spillway will fail"]
    out = cli("--db", db_url, "link", str(a), str(b), "--as", "contradicts", "--by", "Kim")
    assert out.code == 0 and "contradicts" in out.out
    shown = json.loads(cli("--db", db_url, "show", str(a), "--format", "json").out)
    assert shown["disputed"] and shown["related"][0]["decided_by"] == "Kim"
    assert cli("--db", db_url, "unlink", str(a), str(b), "--by", "Kim").code == 0
    assert not json.loads(cli("--db", db_url, "show", str(a), "--format", "json").out)["disputed"]
    bad = cli("--db", db_url, "link", str(a), "99999", "--as", "supports")
    assert bad.code == 1 and "no claim with id 99999" in bad.err
    assert cli("--db", db_url, "link", str(a), str(a), "--as", "supports").code == 2
    assert cli("--db", db_url, "link", str(a), str(b), "--as", "likes").code == 2
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"id": "p1", "claim": "the dam is safe", "text": "Engineers deny the dam is safe"})
        + "\n"
        + json.dumps({"id": "p2", "claim": "the dam is safe", "text": "Tax rates fall in spring"})
        + "\n",
        encoding="utf-8",
    )
    rows = [json.loads(x) for x in cli("relate", "--pairs", str(pairs)).out.splitlines()]
    assert [r["id"] for r in rows] == ["p1", "p2"]
    assert rows[0]["stance"] == "denies" and rows[1]["stance"] == "unrelated"
    assert all(set(r) >= {"id", "stance", "same_claim", "score"} for r in rows)
    pairs.write_text("{not json\n", encoding="utf-8")
    broken = cli("relate", "--pairs", str(pairs))
    assert broken.code == 1 and "line 1" in broken.err
    matched = json.loads(cli("--db", db_url, "match", "the dam is safe", "--format", "json").out)
    assert matched and matched[0]["id"] == a and matched[0]["relation"] == "same_as"
    table = cli("--db", db_url, "match", "the dam is safe")
    assert table.code == 0 and "the dam is safe" in table.out and "same_as" in table.out
    rows = list(csv.DictReader(io.StringIO(cli("--db", db_url, "match", "the dam is safe", "-f", "csv").out)))
    assert (
        rows[0]["id"] == str(a) and rows[0]["relation"] == "same_as" and rows[0]["asserted_by"] == "Ann Lee"
    )
    assert cli("--db", db_url, "match", "   ").code == 2


def test_relate_and_merge_refuse_bad_input(cli, db_url, tmp_path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    out = cli("relate", "--pairs", str(empty))
    assert out.code == 1 and "no pairs" in out.err and out.out == ""
    binary = tmp_path / "pairs.bin"
    binary.write_bytes(b'{"claim": "a", "text": "b"}\n\xff\xfe\x00')
    out = cli("relate", "--pairs", str(binary))
    assert out.code == 1 and "not UTF-8 (byte 0xff at offset 28)" in out.err and out.out == ""
    text = tmp_path / "a.txt"
    text.write_text("Ann Lee said the dam is safe.", encoding="utf-8")
    assert cli("--db", db_url, "ingest", str(text)).code == 0
    (claim,) = json.loads(cli("--db", db_url, "list", "--format", "json").out)
    out = cli("--db", db_url, "merge", str(claim["id"]), str(claim["id"]))
    assert out.code == 2 and "cannot be merged with itself" in out.err


def test_a_claim_of_hundreds_of_words_is_stored_and_all_its_words_counted(factory) -> None:
    # the linker counts every word of a new claim in the index; one SQLite statement cannot count
    # 500 of them, and a long quotation has more
    filler = " ".join(f"word{n}x" for n in range(600))
    long_claim = f"{SURROUNDED} and {filler}"
    store_text(factory, f"Kyiv officials said {SURROUNDED}.", [(SURROUNDED, "Anna Kovalenko", A)])
    store_text(factory, f"Moscow said {long_claim}.", [(long_claim, "Ivan Petrov", A)])
    from claimdb.store.search import document_frequencies, terms

    with factory() as session:
        counts = document_frequencies(session, terms(long_claim))
    (kursk,) = terms("Kursk")
    assert len(counts) > 600 and min(counts.values()) == 1  # every word found, its own claim at least
    assert counts[kursk] == 2


def test_claims_speakers_merge(cli, db_url, tmp_path) -> None:
    for n, text in enumerate(("Ann Lee said the dam is safe.", "Annie Lee said the spillway will fail.")):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
        assert cli("--db", db_url, "ingest", str(tmp_path / f"{n}.txt")).code == 0
    ids = {r["name"]: r["id"] for r in json.loads(cli("--db", db_url, "speakers", "-f", "json").out)}
    keep, gone = ids["Ann Lee"], ids["Annie Lee"]
    out = cli("--db", db_url, "speakers", "merge", str(keep), str(gone), "--by", "desk editor")
    assert out.code == 0 and out.out == f"speaker {gone} merged into speaker {keep}: 1 statement moved\n"
    (row,) = json.loads(cli("--db", db_url, "speakers", "-f", "json").out)
    assert row["name"] == "Ann Lee" and row["statements"] == 2 and "Annie Lee" in row["aliases"]
    shown = json.loads(cli("--db", db_url, "list", "--speaker", "Annie Lee", "-f", "json").out)
    assert {c["claim"] for c in shown} == {"the dam is safe", "the spillway will fail"}
    again = cli("--db", db_url, "speakers", "merge", str(keep), str(gone))
    assert again.code == 2 and f"speaker {gone} was merged into speaker {keep}" in again.err
    assert cli("--db", db_url, "speakers", "merge", str(keep), "12345").code == 1
    assert cli("--db", db_url, "speakers", "merge", str(keep), "x").code == 2
    # finding the ids to merge: a name or alias containing the text, in any case
    (found,) = json.loads(cli("--db", db_url, "speakers", "--search", "ANNIE", "-f", "json").out)
    assert found["id"] == keep
    missing = cli("--db", db_url, "speakers", "--search", "Zed")
    assert missing.code == 1 and "no speaker's name or alias contains 'Zed'" in missing.err
    assert cli("--db", db_url, "speakers", "--search", " ").code == 2
    # their topics are still two, until an editor merges them as well
    topics = {r["name"]: r["id"] for r in json.loads(cli("--db", db_url, "topics", "-f", "json").out)}
    out = cli("--db", db_url, "topics", "merge", str(topics["Ann Lee"]), str(topics["Annie Lee"]))
    assert out.code == 0 and out.out.endswith(": 1 claim filed anew\n")
    (topic,) = json.loads(cli("--db", db_url, "topics", "-f", "json").out)
    assert topic["name"] == "Ann Lee" and topic["claims"] == 2
    listed = json.loads(cli("--db", db_url, "list", "--topic", "Annie Lee", "-f", "json").out)
    assert len(listed) == 2
    again = cli("--db", db_url, "topics", "merge", str(topics["Ann Lee"]), str(topics["Annie Lee"]))
    assert again.code == 2 and "was merged into topic" in again.err
    (found,) = json.loads(cli("--db", db_url, "topics", "--search", "ANN", "-f", "json").out)
    assert found["name"] == "Ann Lee"
    missing = cli("--db", db_url, "topics", "--search", "dam")
    assert missing.code == 1 and "no topic's name contains 'dam'" in missing.err
