"""The second look at an article's findings (claimdb.extract.rescore): its facts, its fit, and how
the extractor and the training command use it."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from claimdb.extract import load_extractor
from claimdb.extract.learned import AttributionModel
from claimdb.extract.reader import Candidate
from claimdb.extract.rescore import FLOOR, Rescorer, features, fit
from claimdb.extract.training import main as train_main
from claimdb.extract.types import Kind, Stance

MINI = Path(__file__).resolve().parent.parent / "data" / "minisplit"

TEXT = (
    "The mayor said the bridge was safe. Critics said it was not. "
    "The mayor said repairs would start soon, and engineers warned the cost would double."
)


def _cand(cue: str, content: str, confidence: float, occurrence: int = 0, source: bool = True) -> Candidate:
    cue_at = _find(cue, occurrence)
    start = _find(content)
    sentence_start = TEXT.rfind(". ", 0, cue_at)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    return Candidate(
        content=[(start, start + len(content))],
        cue=(cue_at, cue_at + len(cue)),
        source=(sentence_start, cue_at - 1) if source else None,
        stance=Stance.ASSERTS,
        rule="model:child:ccomp",
        confidence=confidence,
        sentence=(sentence_start, TEXT.find(".", cue_at) + 1),
        kind=Kind.INDIRECT,
    )


def _find(words: str, occurrence: int = 0) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = TEXT.index(words, at + 1)
    return at


def test_facts_of_an_article_s_findings() -> None:
    first = _cand("said", "the bridge was safe", 0.9)
    second = _cand("said", "it was not", 0.6, occurrence=1)
    third = _cand("said", "repairs would start soon", 0.2, occurrence=2)
    warned = _cand("warned", "the cost would double", 0.7, source=False)
    # a finding whose content holds another's cue, and overlaps a surer one
    runs_on = _cand("said", "repairs would start soon, and engineers warned the cost would double", 0.1, 2)
    facts = features([first, second, third, warned, runs_on], TEXT, sentences=3)
    assert facts[0]["logit"] == pytest.approx(math.log(0.9 / 0.1))
    # "said" is found four times: the others' mean confidence, and how many
    assert facts[0]["word elsewhere mean"] == pytest.approx((0.6 + 0.2 + 0.1) / 3)
    assert facts[0]["word elsewhere count"] == pytest.approx(math.log(4))
    assert facts[3]["word nowhere else"] == 1.0 and facts[3]["word elsewhere mean"] == 0.0
    assert facts[3]["no source"] == 1.0 and facts[0]["no source"] == 0.0
    # the third sentence holds three findings: each sees the others
    assert facts[2]["sentence others"] == pytest.approx(2 / 3)
    assert facts[2]["sentence best other"] == 0.7
    assert facts[4]["overlapped by a surer one"] == 1.0 and facts[4]["holds another's cue"] == 1.0
    assert facts[3]["overlapped by a surer one"] == 0.0  # the run-on is less sure than "warned"
    assert facts[0]["holds another's cue"] == 0.0
    # three findings of 0.5 or more (0.9, 0.6, 0.7) over three sentences
    assert all(f["density"] == pytest.approx(1.0) for f in facts)
    assert facts[0]["rule=model:child:ccomp"] == 1.0 and facts[0]["kind=indirect"] == 1.0


def test_the_regression_learns_which_facts_tell() -> None:
    rng = np.random.default_rng(0)
    rows, labels = [], []
    for _ in range(2000):
        logit, overlapped = rng.normal(), float(rng.random() < 0.3)
        rows.append({"logit": logit, "overlapped by a surer one": overlapped, "noise": rng.normal()})
        labels.append(bool(rng.random() < 1 / (1 + math.exp(-(2 * logit - 2 * overlapped)))))
    fitted = fit(rows, labels)
    assert fitted.weights["logit"] > 1.5
    assert fitted.weights["overlapped by a surer one"] < -1.2
    assert abs(fitted.weights["noise"]) < 0.2
    assert fit(rows, labels).to_json() == fitted.to_json()  # deterministic
    again = Rescorer.from_json(fitted.to_json())
    assert again.weights == pytest.approx(fitted.weights, abs=1e-5)


@pytest.mark.model
def test_the_second_look_decides_and_gives_the_confidence() -> None:
    text = (MINI / "text" / "alpha.txt").read_text(encoding="utf-8")
    extractor = load_extractor()
    plain = extractor.parse(text).attributions
    assert plain
    model = extractor.model
    assert model is not None and model.rescorer is not None  # the packaged model has one
    # a second look that trusts everything keeps every finding down to the floor
    sure = Rescorer({}, 30.0)
    doubting = Rescorer({}, -30.0)
    try:
        model.rescorer = sure
        kept = extractor.parse(text).attributions
        assert len(kept) >= len(plain) and all(a.confidence == pytest.approx(1.0) for a in kept)
        model.rescorer = doubting  # every finding is weighed again, the rules' own too
        assert extractor.parse(text).attributions == ()
    finally:
        model.rescorer = AttributionModel.load().rescorer
    assert model.threshold > FLOOR


@pytest.mark.model
def test_training_fits_a_second_look_on_cross_fitted_folds(tmp_path: Path) -> None:
    with_look, without = tmp_path / "with.json.gz", tmp_path / "without.json.gz"
    base = [str(MINI), "--epochs", "1", "--units", "4", "--models", "1"]
    assert train_main([*base, "--out", str(with_look), "--folds", "2"]) == 0
    assert train_main([*base, "--out", str(without), "--folds", "0"]) == 0
    assert AttributionModel.load(str(with_look)).rescorer is not None
    assert AttributionModel.load(str(without)).rescorer is None
    with pytest.raises(SystemExit):
        train_main([*base, "--out", str(without), "--folds", "1"])


@pytest.mark.model
def test_a_model_file_of_format_3_still_loads_without_a_second_look(tmp_path: Path) -> None:
    import gzip
    import json

    model = AttributionModel.load()
    data = model.to_json()
    data["format"] = 3
    del data["rescorer"]
    path = tmp_path / "format3.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh)
    old = AttributionModel.load(str(path))
    assert old.rescorer is None and old.floor == old.threshold
    assert model.floor == FLOOR
