"""Speaker resolution within one article: names, short names, titles, roles and pronouns.

The article is read in order. Every named person, organisation or place is registered the first
time it appears; later mentions join it when they are a shorter form of its name ("Starmer",
"Sir Keir", "Mr Starmer"), a role it was introduced with ("Prime Minister Keir Starmer" → "the prime
minister"), a common noun naming a registered organisation ("the ministry"), or a pronoun that
agrees with it ("he" → the most recent salient man or person of unknown gender).

Salience comes from speaking or from being the subject of the narrative, not from being the
subject of what someone else says. A pronoun source looks back only: it never means a name said
inside what its sentence reports, nor one that comes after it in its sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import (
    ENTITY_KINDS,
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    GENERIC_ORG_NOUNS,
    HONORIFICS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    NEUTER_PRONOUNS,
    ORG_NOUNS,
    PLURAL_PRONOUNS,
    ROLE_SUFFIXES,
    ROLE_WORDS,
    SPOKESPEOPLE,
)
from .names import gender_of_name
from .reader import Sentences, sentence_of, text_of
from .types import Span as TextSpan
from .types import Speaker, SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: reporting verbs that title-case headlines glue onto a name ("Obama Says Museum Will ...")
HEADLINE_VERBS = frozenset(
    """says said tells told warns denies claims urges slams blasts address addresses accuses admits
    apologises apologizes argues asks attacks bashes calls debunks defends defies dismisses
    endorses explains hammers insists jokes knocks mocks praises promises questions rejects
    responds reveals rips suggests torches touts trolls unveils vows""".split()
)
#: last words of an organisation's name that a given name before them does not make a person's
INSTITUTION_WORDS = frozenset(
    """academy administration agency association bank board campaign center centre church club
    coalition college commission committee company corporation council court department federation
    foundation fund group hospital inc institute institution league network organisation
    organization party school society trust union university""".split()
)
#: how far back (in sentences) a pronoun or a role noun looks for its referent
PRONOUN_WINDOW = 6
NOMINAL_WINDOW = 25
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})


@dataclass(slots=True)
class _Entity:
    ident: int
    name: str
    kind: SpeakerKind
    words: tuple[str, ...]
    gender: str | None = None
    #: the gender comes from a name or an honorific ("Mr. Obama"), not from a pronoun's guess
    named_gender: bool = False
    pronouns: int = 0  # how many gendered pronouns were taken to mean it
    roles: set[str] = field(default_factory=set)
    aliases: dict[str, TextSpan] = field(default_factory=dict)
    last_sentence: int = -1
    last_salient: int = -1  # sentence where it last spoke or was a subject
    #: the name was read in a headline, where the recogniser often runs it into the next words
    #: ("Ted Cruz South Carolina Win"); the body's shorter form of it replaces it
    from_headline: bool = False
    word_set: frozenset[str] = field(init=False, repr=False)  # set(words), kept by rename()

    def __post_init__(self) -> None:
        self.word_set = frozenset(self.words)

    def rename(self, name: str, words: tuple[str, ...]) -> None:
        self.name, self.words, self.word_set = name, words, frozenset(words)

    def add_alias(self, span: TextSpan) -> None:
        key = span.text.casefold()
        if key and key not in self.aliases:
            self.aliases[key] = span


def _one_line(tokens: list[Token]) -> list[Token]:
    """The line of an entity that holds most of its words, when the recogniser ran it across a line
    break: a headline before a name ("Fault\nTed Cruz") or a dateline after it ("Donald
    Trump\nMANCHESTER, N.H. --"). Ties go to the first line."""
    lines: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.is_space and "\n" in tok.text:
            lines.append([])
        else:
            lines[-1].append(tok)
    if len(lines) == 1:
        return tokens
    best = max(lines, key=lambda line: sum(not t.is_punct for t in line))
    return best or tokens


#: words that end a name of its own: "Donald Trump Jr." is not "Donald Trump" run on
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _in_headline(ent: Span) -> bool:
    """Whether the entity stands in a line set in title case, as headlines are: at least three
    words, nearly all of them capitalised."""
    text = text_of(ent.doc)
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    words = _HEADLINE_WORD.findall(text[start : end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _runs_on(headline: tuple[str, ...], body: tuple[str, ...]) -> bool:
    """Whether a headline's name is the body's name of two words or more with words run on."""
    return (
        1 < len(body) < len(headline)
        and headline[: len(body)] == body
        and headline[len(body)] not in NAME_SUFFIXES
    )


def _name_words(tokens: list[Token]) -> list[Token]:
    """Name tokens without honorifics, role words before the name, a possessive ending, a verb a
    headline ran into the name and what follows it ("Obama Says ...", "Ted Cruz Apologizes"),
    quotation marks at its edges, or a nickname before a given name."""
    words = [t for t in tokens if t.tag_ != "POS" and t.lower_ not in ("'s", "\u2019s")]
    while words and (words[-1].is_punct or words[-1].is_quote):  # "Donald Trump ''doesn't"
        words = words[:-1]
    while words and (words[0].is_punct or words[0].is_quote):
        words = words[1:]
    while words and (
        _is_title(words[0].lower_)
        or words[0].lower_ == "the"
        or (len(words) > 2 and _is_role(words[0].lower_))
    ):
        words = words[1:]
    # a headline's word before a person's name: "Weak - Rubio", "Asserting Clinton" (not the
    # "pro-" of a group, "pro-Rubio")
    while (
        len(words) > 1
        and words[-1].ent_type_ == "PERSON"
        and words[0].whitespace_
        and (words[0].is_punct or (words[0].pos_ in ("ADJ", "VERB") and not gender_of_name(words[0].lower_)))
    ):
        words = words[1:]
    # the headline goes on after its verb: "Chris Christie Address Heroin Epidemic In"
    cut = next((k for k, w in enumerate(words) if k > 0 and w.lower_ in HEADLINE_VERBS), None)
    if cut is not None:
        words = words[:cut]
    if len(words) >= 3 and not gender_of_name(words[0].lower_) and gender_of_name(words[1].lower_):
        words = words[1:]  # a nickname before a given name: "Crooked Hillary Clinton", "Sleepy Joe Biden"
    return words


def _is_title(word: str) -> bool:
    return word in HONORIFICS or word in ROLE_WORDS


def _is_role(word: str) -> bool:
    """A job title the entity recogniser folded into a name: "Harbourmaster", "Congresswoman"."""
    return word.endswith(ROLE_SUFFIXES)


def _gender_of(tokens: list[Token]) -> str | None:
    for tok in tokens:
        if tok.lower_ in MALE_HONORIFICS:
            return "m"
        if tok.lower_ in FEMALE_HONORIFICS:
            return "f"
    return None


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _prefix(ent: Span) -> list[Token]:
    """Honorifics and role words written just before a name: "Finance Minister", "Sir", "Club chairman"."""
    doc = ent.doc
    inside = set(range(ent.start, ent.end))
    i = ent.start - 1
    toks: list[Token] = []
    while i >= 0 and doc[i].dep_ in ("compound", "amod", "nmod") and doc[i].head.i in inside:
        toks.insert(0, doc[i])
        inside.add(i)
        i -= 1
    return toks


def _role(tokens: list[Token]) -> str | None:
    words = [t.lower_ for t in tokens if t.lower_ not in HONORIFICS]
    return " ".join(words) if any(w in ROLE_WORDS for w in words) else None


def _nominal_phrase(head: Token) -> str:
    """A role noun phrase normalised for lookup: "The company's chief executive" → "chief executive"."""
    words = [
        t
        for t in head.subtree
        if t is head
        or t.i < head.i
        and t.dep_ not in ("det", "poss", "case", "punct")
        and t.head.dep_ != "poss"
    ]
    return " ".join(t.lower_ for t in words if t.lower_ not in _DETERMINERS)


class SpeakerResolver:
    """Registers the speakers of one article and resolves source mentions to them, in text order."""

    def __init__(self) -> None:
        self.entities: list[_Entity] = []
        #: word of a name -> the entities whose name has (or once had) it, by ident
        self._by_word: dict[str, dict[int, _Entity]] = {}
        # registered mentions in text order: parallel lists for bisection
        self._mention_starts: list[int] = []
        self._mentions: list[tuple[int, int, _Entity]] = []
        self._sentence = 0
        self._base = 0

    # -- registering -------------------------------------------------------------------------

    def _add(self, ent: _Entity) -> None:
        self.entities.append(ent)
        self._index(ent)

    def _index(self, ent: _Entity) -> None:
        for word in ent.words:
            self._by_word.setdefault(word, {})[ent.ident] = ent

    def _match_person(self, words: tuple[str, ...], gender: str | None = None) -> _Entity | None:
        """The person these name words can mean, most recently mentioned first. With the ``gender``
        an honorific gives, a person known to be of that gender comes first: "Mrs. Clinton" after
        "Bill Clinton" is still Hillary Clinton. Someone known to be of the other gender is not
        ruled out, since a gender guessed from a given name can be wrong ("Ms. Epstein" is the
        "Lee Epstein" named before)."""
        best: _Entity | None = None
        best_key = (False, -2)  # below any entity's (last_sentence starts at -1)
        mine = set(words)
        # a related name shares a word with this one: only those entities are looked at, in order
        near = {ident: ent for word in mine for ident, ent in self._by_word.get(word, {}).items()}
        for ident in sorted(near):
            ent = near[ident]
            if ent.kind not in (SpeakerKind.PERSON, SpeakerKind.UNKNOWN):
                continue
            theirs = ent.word_set
            related = mine <= theirs or theirs <= mine
            key = (bool(gender) and ent.gender == gender, ent.last_sentence)
            if related and key > best_key:
                best, best_key = ent, key
        return best

    def _match_named(self, key: str, kind: SpeakerKind) -> _Entity | None:
        for ent in reversed(self.entities):
            if ent.kind is kind and (ent.name.casefold() == key or key in ent.aliases):
                return ent
        return None

    def _register(self, ent: Span, base: int, salient: bool = True) -> _Entity | None:
        kind_name = ENTITY_KINDS.get(ent.label_)
        if kind_name is None:
            return None
        kind = SpeakerKind(kind_name)
        tokens = _one_line(list(ent))
        prefix = _prefix(ent) if tokens[0].i == ent.start else []
        first = tokens[0].lower_
        if kind is not SpeakerKind.PERSON and (first in HONORIFICS or first in ROLE_WORDS):
            kind = SpeakerKind.PERSON  # "Councillor Bridget Fenwick" tagged as an organisation
        role = _role(prefix)
        words = _name_words(tokens)
        if not words:
            return None
        role = role or _role(tokens[: tokens.index(words[0])])
        name = text_of(ent.doc)[words[0].idx : words[-1].idx + len(words[-1].text)].strip()
        if not any(c.isalpha() for c in name):
            return None  # the recogniser tagged punctuation or symbols
        key_words = tuple(w.lower_ for w in words)
        if (
            kind is not SpeakerKind.PERSON
            and len(key_words) > 1
            and gender_of_name(key_words[0])
            and key_words[-1] not in INSTITUTION_WORDS
        ):
            # "Adaeze Okafor" tagged as a place: a given name says otherwise ("John Birch Society" does not)
            kind = SpeakerKind.PERSON
        said_gender = _gender_of([*prefix, *tokens])  # from an honorific: "Mrs. Clinton"
        found = self._match_person(key_words, said_gender)
        if found is not None and kind is not SpeakerKind.PERSON and not set(key_words) <= found.word_set:
            found = None
        if found is not None:
            kind = SpeakerKind.PERSON  # "Osei-Hart" tagged as an organisation after "Raymond Osei-Hart"
        elif kind is not SpeakerKind.PERSON:
            found = self._match_named(name.casefold(), kind)
        headline = _in_headline(ent)
        if found is None:
            found = _Entity(len(self.entities), name, kind, key_words, from_headline=headline)
            self._add(found)
        elif kind is SpeakerKind.PERSON and len(key_words) > len(found.words):
            found.rename(name, key_words)  # "Starmer" first, "Keir Starmer" later
            found.from_headline = headline
            self._index(found)
        elif found.from_headline and not headline and _runs_on(found.words, key_words):
            found.rename(name, key_words)  # "Ted Cruz South Carolina" in the headline, "Ted Cruz" below
            found.from_headline = False
        if found.kind is SpeakerKind.UNKNOWN:
            found.kind = kind
        end = words[-1].idx + len(words[-1].text)  # without a possessive ending
        begin = tokens[0].idx
        found.add_alias(TextSpan(begin + base, end + base, text_of(ent.doc)[begin:end]))
        if role:
            found.roles.add(role)
        if prefix:
            start = prefix[0].idx
            found.add_alias(TextSpan(start + base, end + base, text_of(ent.doc)[start:end]))
        gender = said_gender
        if gender is None and kind is SpeakerKind.PERSON and len(key_words) > 1:
            gender = gender_of_name(key_words[0])
        if gender and not found.named_gender:  # a name or honorific outweighs a pronoun's guess
            found.gender, found.named_gender = gender, True
        # "Jane Doe, the finance minister," and "the chief executive, Dr Jane Doe,"
        root = ent.root
        for other in (*root.children, root.head):
            link = (
                other.dep_ == "appos" and other.head == root or (root.dep_ == "appos" and other == root.head)
            )
            if link and other.pos_ == "NOUN":
                phrase = _nominal_phrase(other)
                if phrase:
                    found.roles.add(phrase)
        found.last_sentence = self._sentence
        if salient and root.dep_ in ("nsubj", "nsubjpass"):
            found.last_salient = self._sentence
        self._mention_starts.append(ent.start_char + base)
        self._mentions.append((ent.start_char + base, ent.end_char + base, found))
        self._sort_mentions()
        return found

    # -- resolving -------------------------------------------------------------------------------

    def _pronoun(self, word: str, learn: bool = True) -> _Entity | None:
        kinds: tuple[SpeakerKind, ...]
        want: str | None
        if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
            want = "m" if word in MALE_PRONOUNS else "f"
            kinds = (SpeakerKind.PERSON,)
        elif word in NEUTER_PRONOUNS:
            want, kinds = None, (SpeakerKind.ORGANISATION, SpeakerKind.PLACE)
        elif word in PLURAL_PRONOUNS and word in ("they", "them", "their"):
            want, kinds = None, (SpeakerKind.ORGANISATION, SpeakerKind.GROUP)
        else:
            return None
        best: _Entity | None = None
        best_key = (-1, -1)
        for ent in self.entities:
            if ent.kind not in kinds or self._sentence - ent.last_sentence > PRONOUN_WINDOW:
                continue
            if want and ent.gender and ent.gender != want:
                continue
            key = (ent.last_salient, ent.last_sentence)
            if key > best_key:
                best, best_key = ent, key
        if learn and best is not None and want:  # of that gender or of none known: now of that one
            best.gender = want
            best.pronouns += 1
        return best

    def referent(self, pronoun: str) -> str | None:
        """Name of whom a third-person pronoun would mean here, without learning from the guess."""
        found = self._pronoun(pronoun.lower(), learn=False)
        return found.name if found is not None else None

    def could_be(self, ident: int, pronoun: str) -> str | None:
        """The name of speaker ``ident`` if "he" or "she" (``pronoun``) can stand for them: a
        person of the pronoun's gender or of none known, or someone of unknown kind known to be
        of the pronoun's gender (not "HuffPost")."""
        ent = self.entities[ident]
        word = pronoun.lower()
        want = "m" if word in MALE_PRONOUNS else "f" if word in FEMALE_PRONOUNS else None
        if want is None:
            return None
        if ent.kind is SpeakerKind.PERSON and ent.gender in (None, want):
            return ent.name
        return ent.name if ent.kind is SpeakerKind.UNKNOWN and ent.gender == want else None

    def _nominal(self, head: Token) -> _Entity | None:
        for child in head.children:  # "the chief executive, Dr Jane Doe"
            if child.dep_ == "appos" and child.ent_type_ in ENTITY_KINDS:
                found = self.entity_at(child.idx + self._base)
                if found is not None:
                    return found
        if head.lemma_.lower() in SPOKESPEOPLE:  # "a spokesperson for the ministry" speaks for it
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return self._resolve(obj)
        phrase = _nominal_phrase(head)
        if not phrase:
            return None
        recent = sorted(
            (e for e in self.entities if self._sentence - e.last_sentence <= NOMINAL_WINDOW),
            key=lambda e: (e.last_salient, e.last_sentence),
            reverse=True,
        )
        last_word = phrase.split()[-1]
        for exact in (True, False):
            for ent in recent:
                for role in ent.roles:
                    if role == phrase if exact else role.split()[-1] == last_word:
                        return ent
        lemma = head.lemma_.lower()
        if lemma in ORG_NOUNS and head.tag_ in ("NN", "NNP"):
            orgs = [e for e in recent if e.kind is SpeakerKind.ORGANISATION]
            for ent in orgs:
                if lemma in ent.name.casefold().split():
                    return ent
            # "Meridian Ledger Systems said ... The company denied ...": only right after the name
            if lemma in GENERIC_ORG_NOUNS and orgs and self._sentence - orgs[0].last_sentence <= 1:
                return orgs[0]
        return None

    def _unrecognised_name(self, tok: Token) -> _Entity | None:
        words = [
            t
            for t in tok.subtree
            if t.i <= tok.i and t.pos_ == "PROPN" and t.dep_ in ("compound", "flat") or t.i == tok.i
        ]
        names = _name_words(words)
        key = tuple(w.lower_ for w in names)
        if not key:
            return None
        found = self._match_person(key)
        if found is not None and set(key) <= found.word_set:
            return found
        # a capitalised subject of a reporting verb is someone: register it so later mentions join
        name = text_of(tok.doc)[names[0].idx : names[-1].idx + len(names[-1].text)].strip()
        if not any(c.isalpha() for c in name):
            return None
        gender = _gender_of(words)
        kind = SpeakerKind.PERSON if gender or len(words) > len(names) else SpeakerKind.UNKNOWN
        ent = _Entity(len(self.entities), name, kind, key, gender=gender, named_gender=gender is not None)
        self._add(ent)
        start = words[0].idx + self._base
        end = names[-1].idx + len(names[-1].text) + self._base
        ent.add_alias(
            TextSpan(start, end, text_of(tok.doc)[words[0].idx : names[-1].idx + len(names[-1].text)])
        )
        self._mention_starts.append(start)
        self._mentions.append((start, end, ent))
        self._sort_mentions()
        return ent

    def _sort_mentions(self) -> None:
        if len(self._mention_starts) > 1 and self._mention_starts[-1] < self._mention_starts[-2]:
            self._mentions.sort(key=lambda m: m[0])
            self._mention_starts = [m[0] for m in self._mentions]

    def _resolve(self, tok: Token) -> _Entity | None:
        if tok.ent_type_ in ENTITY_KINDS and tok.ent_iob_ != "O":
            found = self.entity_at(tok.idx + self._base)
            if found is not None:
                return found
        if tok.pos_ == "PRON":
            return self._pronoun(tok.lower_)
        if tok.pos_ == "PROPN":  # a name the entity recogniser missed: "Ms Castellano", "Okafor"
            return self._unrecognised_name(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            return self._nominal(tok)
        return None

    def process(
        self,
        doc: Doc,
        base: int,
        sources: list[int | None],
        contents: Sequence[Sequence[tuple[int, int]]] = (),
    ) -> list[int | None]:
        """Register the entities of ``doc`` and resolve the given source tokens, in text order.

        A name said *inside* what is reported is not whom a pronoun source of the same sentence
        means: in '"I love Larry," he said', "he" is not Larry, and in '"If Donald Trump is
        elected, …," he said', not Trump. So the entities inside the contents of a sentence are
        registered after its sources are resolved.

        Args:
            doc: one parsed piece of the article, starting at character ``base``.
            sources: for each attribution, the index of its source token in ``doc`` (or None).
            contents: for each attribution, its content spans (article offsets), if known.
        Returns:
            for each attribution, the id of its speaker (an index into :attr:`entities`) or None.
        """
        self._base = base
        ents_by_sent: dict[int, list[Span]] = {}
        for ent in doc.ents:
            ents_by_sent.setdefault(sentence_of(ent[0]).start, []).append(ent)
        asks_by_sent: dict[int, list[int]] = {}
        for n, tok_i in enumerate(sources):
            if tok_i is not None:
                asks_by_sent.setdefault(sentence_of(doc[tok_i]).start, []).append(n)
        result: list[int | None] = [None] * len(sources)
        reported = [span for spans in contents for span in spans]
        for sent in Sentences.of_doc(doc).spans:
            self._sentence += 1
            pending = sorted(ents_by_sent.get(sent.start, ()), key=lambda e: e.start)
            held: list[Span] = []
            # a pronoun source sees the entities of its sentence up to itself ("He also told one
            # of his John Birch Society protégés" is not about the society), a name or a role
            # all of them ("The minister of the economy, Mr. Guajardo Villarreal, argues"); none
            # sees those said inside what is reported
            for n in sorted(asks_by_sent.get(sent.start, ()), key=lambda n: sources[n] or 0):
                tok_i = sources[n]
                assert tok_i is not None
                limit = tok_i if doc[tok_i].pos_ == "PRON" else sent.end
                while pending and pending[0].start <= limit:
                    seen = pending.pop(0)
                    if _inside(seen.start_char + base, reported):
                        held.append(seen)
                    else:
                        self._register(seen, base)
                found = self._resolve(doc[tok_i])
                if found is not None:
                    found.last_salient = self._sentence
                    found.last_sentence = self._sentence
                    result[n] = found.ident
            for seen in pending:
                self._register(seen, base, salient=not _inside(seen.start_char + base, reported))
            for seen in held:
                self._register(seen, base, salient=False)
        return result

    def entity_at(self, pos: int) -> _Entity | None:
        """The speaker whose registered mention covers character ``pos``, if any."""
        i = bisect.bisect_right(self._mention_starts, pos) - 1
        if i >= 0:
            start, end, ent = self._mentions[i]
            if start <= pos < end:
                return ent
        return None

    def name_at(self, pos: int) -> str | None:
        """Canonical name of the speaker mentioned at character ``pos``, if any."""
        ent = self.entity_at(pos)
        return ent.name if ent is not None else None

    def note_alias(self, ident: int, span: TextSpan) -> None:
        """Record that the article referred to speaker ``ident`` as ``span`` (a pronoun, a role)."""
        self.entities[ident].add_alias(span)

    def speakers(self, text: str) -> list[Speaker]:
        """Every registered speaker, indexed by the ids :meth:`process` returned.

        Args:
            text: the article. Aliases quote it, not what the parser saw: the two differ where
                markup or control characters were blanked out for the parser.
        """
        return [
            Speaker(
                e.name,
                e.kind,
                tuple(
                    TextSpan(a.start, a.end, text[a.start : a.end])
                    for a in sorted(e.aliases.values(), key=lambda a: a.start)
                ),
                e.gender if e.kind is SpeakerKind.PERSON and (e.named_gender or e.pronouns >= 2) else None,
            )
            for e in self.entities
        ]
