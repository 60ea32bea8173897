"""A content reported around its own cue ("X, the minister said, Y") leaves the aside out."""

from __future__ import annotations

import pytest

from claimdb.extract.learned import _cut_out_own_cue
from claimdb.extract.reader import Candidate
from claimdb.extract.types import Kind, Stance

pytestmark = pytest.mark.model


def _cut(nlp, text: str, cue: str, source: str, content: str | None = None, kind: Kind = Kind.INDIRECT):  # type: ignore[no-untyped-def]
    """The content spans (as text) of an attribution over ``content`` (default: the whole text
    but its full stop) after the cut; ``source`` is the word heading the speaker."""
    doc = nlp(text)
    cue_tok = next(t for t in doc if t.text == cue)
    head = next(t for t in doc if t.text == source)
    body = content if content is not None else text.rstrip(".")
    start = text.index(body)
    cand = Candidate(
        content=[(start, start + len(body))],
        cue=(cue_tok.idx, cue_tok.idx + len(cue)),
        source=(head.idx, head.idx + len(source)),
        stance=Stance.ASSERTS,
        rule="model:head",
        confidence=0.9,
        sentence=(0, len(text)),
        kind=kind,
        source_head=head.i,
        cue_token=cue_tok.i,
    )
    _cut_out_own_cue(cand, doc, 0)
    return [text[s:e] for s, e in cand.content]


def test_the_aside_and_its_commas_are_cut_out(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Climate change, the minister often says, is the greatest threat facing the country."
    expected = ["Climate change", "is the greatest threat facing the country"]
    assert _cut(nlp, text, "says", "minister") == expected
    text = "All of this, he acknowledges, could be undone at the ballot box."
    assert _cut(nlp, text, "acknowledges", "he") == ["All of this", "could be undone at the ballot box"]


def test_an_aside_with_as_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The same way, as you pointed out, people jumped to conclusions."
    assert _cut(nlp, text, "pointed", "you") == [text.rstrip(".")]


def test_someone_else_s_aside_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The bridge, the engineer said, was safe, the mayor insisted."
    body = "The bridge, the engineer said, was safe"
    assert _cut(nlp, text, "said", "mayor", content=body) == [body]


def test_a_cue_at_the_edge_of_the_content_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The results were wrong, the senator said."
    body = "The results were wrong, the senator said"
    assert _cut(nlp, text, "said", "senator", content=body) == [body]


def test_a_mixed_quotation_is_not_cut(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The plan, the minister said, will fail."
    assert _cut(nlp, text, "said", "minister", kind=Kind.MIXED) == ["The plan, the minister said, will fail"]


def test_the_extractor_reports_both_sides_of_the_aside(learned) -> None:  # type: ignore[no-untyped-def]
    text = "The new hospital, Ms Varga said, would open in the spring."
    (attr,) = learned.parse(text).attributions
    assert [text[s.start : s.end] for s in attr.content] == ["The new hospital", "would open in the spring"]
    assert attr.source is not None and attr.source.text == "Ms Varga"


@pytest.fixture(scope="module")
def learned():  # type: ignore[no-untyped-def]
    from claimdb.extract import load_extractor

    return load_extractor()


def test_an_aside_that_opens_the_content_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Yesterday, the minister said, the plan will fail."
    body = "the minister said, the plan will fail"
    assert _cut(nlp, text, "said", "minister", content=body) == [body]
