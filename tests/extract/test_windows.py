"""A long article is analysed a window of paragraphs at a time (claimdb.extract.pipeline.WINDOW)."""

from __future__ import annotations

import dataclasses
import gc
import weakref

import pytest

from claimdb.extract import pipeline
from claimdb.extract.learned import AttributionModel
from claimdb.extract.pipeline import ArticleAnalysis, Extractor
from claimdb.extract.types import ArticleParse

pytestmark = pytest.mark.model

# speakers named in one paragraph and referred to several paragraphs later ("he", "the minister",
# "Okafor"), so that windows of two or three paragraphs cut between a name and its mentions
ARTICLE = "\n\n".join(
    [
        "Finance Minister Adaeze Okafor said on Monday that the budget would rise by 4 percent.",
        "The opposition leader, Tomas Berg, denied claims that the rise was paid for by cuts.",
        '"We will not cut a single hospital bed," Okafor told reporters in the capital.',
        "In a Quinnipiac poll released Tuesday, 52 percent of voters backed the budget.",
        "He added that the plan was fair, according to the minister's office.",
        "Berg said the figures were wrong. He warned that the deficit would double.",
        "The minister is reportedly considering a second package for the regions.",
        '"It is a fantasy," Berg wrote on Twitter. "Nobody believes these numbers."',
        "Okafor insisted that every number had been checked by the auditors.",
        "The auditors declined to comment, but a spokesman said they stood by their report.",
    ]
)


def without_confidence(parse: ArticleParse) -> tuple[object, ...]:
    # the model's scores may differ in the last bits when its candidates are weighed in other
    # batches (sums in another order); everything else must be the same
    return tuple(dataclasses.replace(a, confidence=0.0) for a in parse.attributions) + parse.speakers


@pytest.fixture(scope="module")
def learned(nlp):
    # without the second look, which weighs each finding beside the others of its window: a
    # window of a few paragraphs gives it less to go on than the whole article (test below)
    model = AttributionModel.load()
    model.rescorer = None
    return Extractor(nlp, model)


@pytest.mark.parametrize("reader", ["extractor", "learned"])
@pytest.mark.parametrize("window", [1, 2, 3])
def test_windows_find_what_the_whole_article_finds(request, monkeypatch, reader, window) -> None:
    extractor = request.getfixturevalue(reader)
    whole = extractor.parse(ARTICLE)
    assert len(whole.attributions) >= 10 and len(whole.speakers) >= 2
    monkeypatch.setattr(pipeline, "WINDOW", window)
    windowed = extractor.parse(ARTICLE)
    assert without_confidence(windowed) == without_confidence(whole)
    for a, b in zip(whole.attributions, windowed.attributions, strict=True):
        assert a.confidence == pytest.approx(b.confidence, abs=1e-6)


def test_the_second_look_weighs_the_findings_of_one_window(nlp, monkeypatch) -> None:
    extractor = Extractor(nlp, AttributionModel.load())
    assert extractor.model is not None and extractor.model.rescorer is not None
    whole = extractor.parse(ARTICLE)
    monkeypatch.setattr(pipeline, "WINDOW", len(ARTICLE.split("\n\n")))  # one window: the same
    assert without_confidence(extractor.parse(ARTICLE)) == without_confidence(whole)
    seen = []
    real = pipeline._second_look

    def spy(findings, docs, *args):  # type: ignore[no-untyped-def]
        seen.append(len(docs))
        return real(findings, docs, *args)

    monkeypatch.setattr(pipeline, "_second_look", spy)
    monkeypatch.setattr(pipeline, "WINDOW", 4)
    extractor.parse(ARTICLE)
    assert seen == [4, 4, 2]


def test_the_docs_of_a_window_are_let_go(nlp, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "WINDOW", 3)
    analysis = ArticleAnalysis(ARTICLE, None, AttributionModel.load())
    starts = [0] + [i + 2 for i in range(len(ARTICLE)) if ARTICLE.startswith("\n\n", i)]
    refs = []
    for start in starts:
        end = ARTICLE.find("\n\n", start)
        doc = nlp(ARTICLE[start : end if end >= 0 else len(ARTICLE)])
        refs.append(weakref.ref(doc))
        analysis.add(doc, start)
        del doc
    gc.collect()
    # ten paragraphs in windows of three: the first nine are analysed and gone, the last one waits
    assert [ref() is None for ref in refs] == [True] * 9 + [False]
    assert len(analysis.result().attributions) >= 10
    gc.collect()
    assert all(ref() is None for ref in refs)
