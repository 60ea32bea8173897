"""The attribution scorer (claimdb.evaluate), the brat reader, and `claims eval` (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdb.errors import InputError
from claimdb.evaluate import Counts, Spans, jaccard, positions, score_document
from claimdb.extract.brat import read_split

MINI = Path(__file__).resolve().parent / "data" / "minisplit"
TEXT = 'Ann said "the dam leaks" today. Bo denied it.'


def spans(
    content: tuple[int, int], source: tuple[int, int] | None = None, cue: tuple[int, int] | None = None
) -> Spans:
    return Spans(
        positions(TEXT, [content]),
        positions(TEXT, [source]) if source else None,
        positions(TEXT, [cue]) if cue else None,
    )


def test_positions_ignore_spaces_and_quote_marks() -> None:
    assert positions(TEXT, [(9, 24)]) == positions(TEXT, [(10, 23)])  # with or without the marks
    assert len(positions(TEXT, [(10, 23)])) == len("thedamleaks")
    assert jaccard(frozenset(), frozenset()) == 1.0 and jaccard(frozenset({1}), frozenset()) == 0.0


@pytest.mark.parametrize(
    ("predicted", "overlap", "exact", "attribution"),
    [
        ((10, 23), 1, 1, 1),  # the same content
        ((14, 23), 1, 0, 1),  # "dam leaks": 8 of 11 characters, Jaccard 0.73
        ((18, 23), 0, 0, 0),  # "leaks": 5 of 11, Jaccard 0.45, below the 0.5 bar
    ],
)
def test_pairs_by_content_overlap(predicted, overlap, exact, attribution) -> None:
    counts = Counts()
    score_document(TEXT, [spans((10, 23), (0, 3), (4, 8))], [spans(predicted, (0, 3), (4, 8))], counts)
    assert (counts.overlap, counts.exact, counts.attribution) == (overlap, exact, attribution)
    assert counts.gold == counts.predicted == 1


def test_pairing_is_one_to_one_best_first() -> None:
    counts = Counts()
    gold = [spans((10, 23), (0, 3))]
    score_document(TEXT, gold, [spans((14, 23), (0, 3)), spans((10, 23), (0, 3))], counts)
    assert counts.overlap == 1 and counts.exact == 1 and counts.predicted == 2


def test_sources_must_overlap_or_both_be_missing() -> None:
    counts = Counts()
    score_document(TEXT, [spans((10, 23), None)], [spans((10, 23), (32, 34))], counts)
    assert counts.overlap == 1 and counts.attribution == 0 and counts.source_ok == 0
    counts = Counts()
    score_document(TEXT, [spans((10, 23), None)], [spans((10, 23), None)], counts)
    assert counts.attribution == 1 and counts.all_exact == 1


def test_read_split_and_discontinuous_spans(tmp_path: Path) -> None:
    docs = read_split(str(MINI))
    assert [d.name for d in docs] == ["alpha", "beta"]
    assert sum(len(d.attributions) for d in docs) == 5
    beta = docs[1]
    assert beta.attributions[1].source is None  # "It was reported that ..."
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "d.txt").write_text("ab cd ef", encoding="utf-8")
    (tmp_path / "attributions" / "d_x.ann").write_text(
        "T1\tContent 0 2;6 8\tab ef\nT2\tCue 3 5\tcd\nE1\tAttribution:T2 Content:T1 Cue:T2\n",
        encoding="utf-8",
    )
    (doc,) = read_split(str(tmp_path))
    assert doc.attributions[0].content == ((0, 2), (6, 8))
    with pytest.raises(InputError, match="not a corpus split"):
        read_split(str(tmp_path / "text"))


@pytest.mark.model
@pytest.mark.parametrize("flag", [[], ["--rules-only"]])
def test_claims_eval_scores_a_split(cli, flag) -> None:
    result = cli("eval", str(MINI), "--format", "json", *flag)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["docs"] == 2 and report["gold"] == 5
    assert report["content_overlap"]["f1"] == 1.0 and report["attribution_f1"]["f1"] == 1.0
    assert report["extractor"] == ("rules" if flag else "rules + model")
    table = cli("eval", str(MINI), *flag)
    assert "content_overlap" in table.out and "F1 1.0000" in table.out


def test_claims_eval_refuses_a_folder_that_is_not_a_split(cli, tmp_path) -> None:
    result = cli("eval", str(tmp_path))
    assert result.code == 1 and "not a corpus split" in result.err
