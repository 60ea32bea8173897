"""The attribution finder as a spaCy pipeline component.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("claimdb_attributions")
    doc = nlp(text)
    doc._.attributions   # tuple of claimdb.extract.types.Attribution

The component sees one Doc, so speakers resolve within it; :class:`claimdb.extract.pipeline.Extractor`
parses long articles piece by piece and resolves across the pieces.
"""

from __future__ import annotations

from spacy.language import Language  # noqa: TID253 - this module exists to plug into spaCy
from spacy.tokens import Doc  # noqa: TID253

from .pipeline import analyse_docs

EXTENSION = "attributions"


class AttributionComponent:
    """Sets ``doc._.attributions`` to the attributions found in the Doc."""

    def __init__(self, name: str = "claimdb_attributions") -> None:
        self.name = name
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=())

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, analyse_docs(doc.text, [(doc, 0)]).attributions)
        return doc


@Language.factory(
    "claimdb_attributions",
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_attribution_component(nlp: Language, name: str) -> AttributionComponent:
    """Factory spaCy calls for ``nlp.add_pipe("claimdb_attributions")``."""
    return AttributionComponent(name)
