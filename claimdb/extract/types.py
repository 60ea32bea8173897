"""Plain results of attribution extraction: frozen dataclasses with character offsets, no spaCy."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Stance(StrEnum):
    """What a statement does to its claim."""

    ASSERTS = "asserts"
    DENIES = "denies"


class Kind(StrEnum):
    """How the words reach the reader."""

    DIRECT = "direct"  # entirely inside quotation marks
    INDIRECT = "indirect"  # reported speech, no quotation marks
    MIXED = "mixed"  # reported speech carrying a quoted fragment


class SpeakerKind(StrEnum):
    """What sort of thing is speaking."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    GROUP = "group"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article: ``text == article[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name, kind, and every way the article referred to it."""

    name: str
    kind: SpeakerKind
    aliases: tuple[Span, ...] = ()
    #: grammatical gender the article gives a person ("m" or "f": an honorific, a given name, the
    #: pronouns that refer to them), or None when it does not tell
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """One act of saying: who (source, speaker) says what (content) through which cue."""

    content: tuple[Span, ...]
    cue: Span | None
    source: Span | None
    speaker: Speaker | None
    stance: Stance
    kind: Kind
    sentence: Span
    confidence: float
    rule: str
    topics: tuple[str, ...] = field(default=())
    #: the cue is negated ("did not say that ..."): reported, but nobody asserts the content
    negated: bool = False
    #: said with reserve: a hedging cue ("suggested", "believes") or a modal in the content
    hedged: bool = False
    #: the content as a claim that reads alone: pronouns of reported speech replaced by the names
    #: they stand for ("its forces" → "Ukraine's forces"); quotations are left as spoken
    standalone: str = ""
    #: the content is a proposition (a clause, or a quotation of three words or more) rather than
    #: the object of an evaluation or intention ("criticised the plan", "vowed to fight")
    proposition: bool = True

    @property
    def claim_text(self) -> str:
        """The text of the claim this attribution asserts or denies."""
        return self.standalone or self.text

    @property
    def is_claim(self) -> bool:
        """Whether this attribution asserts or denies a proposition (what the database stores)."""
        return self.proposition and not self.negated

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end

    @property
    def text(self) -> str:
        """The content as one string (pieces of a split quote joined by an ellipsis)."""
        return " … ".join(piece.text for piece in self.content)


@dataclass(frozen=True, slots=True)
class ArticleParse:
    """Everything the parser found in one article."""

    text: str
    attributions: tuple[Attribution, ...]
    speakers: tuple[Speaker, ...]
