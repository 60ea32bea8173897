"""What someone is accused of, as a claim that reads alone: "accused the firm of hiding losses"
claims that *the firm hid losses*.

The reported content of "accused X of V-ing Y" is "X of V-ing Y", which reads badly in a list of
claims and does not match the same claim made plainly elsewhere ("the firm hid losses"). The
edits here drop the "of" and put the gerund in the past tense:

- "the firm of hiding losses" → "the firm hid losses";
- "the governor of being a liar" → "the governor was a liar" ("were" after a plural subject);
- "the ministers of having misled parliament" → "the ministers had misled parliament";
- "the company of not paying overtime" → "the company did not pay overtime".

Nothing is changed when the content has no subject of its own before "of" ("was accused of
taking bribes") or the subject is "each other" or "one another".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: cues whose "X of V-ing" is a claim about X
ACCUSING = frozenset({"accuse", "suspect", "convict"})
#: cues whose "of …"/"with …"/"for …" gerund is what someone is accused of ("charged with
#: receiving bribes"): a claim, not an activity, even where it is not said plainly
ACCUSING_CUES = ACCUSING | frozenset({"blame", "charge", "indict"})

_IRREGULAR = dict(
    pair.split(":")
    for pair in """
    bear:bore beat:beat become:became begin:began bet:bet bite:bit blow:blew break:broke bring:brought
    build:built buy:bought catch:caught choose:chose come:came cut:cut deal:dealt do:did draw:drew
    drive:drove eat:ate fall:fell feed:fed feel:felt fight:fought find:found flee:fled fly:flew
    forget:forgot forgive:forgave freeze:froze get:got give:gave go:went grow:grew hang:hung have:had
    hear:heard hide:hid hit:hit hold:held hurt:hurt keep:kept know:knew lay:laid lead:led leave:left
    lend:lent let:let light:lit lose:lost make:made mean:meant meet:met mislead:misled
    overtake:overtook pay:paid put:put quit:quit read:read ride:rode ring:rang rise:rose run:ran
    say:said see:saw seek:sought sell:sold send:sent set:set shake:shook shoot:shot shut:shut
    sing:sang sink:sank sit:sat sleep:slept slide:slid speak:spoke spend:spent spin:spun
    spread:spread stand:stood steal:stole stick:stuck strike:struck swear:swore swim:swam
    swing:swung take:took teach:taught tear:tore tell:told think:thought throw:threw
    undermine:undermined understand:understood undertake:undertook wake:woke wear:wore win:won
    withdraw:withdrew withhold:withheld write:wrote
    """.split()
)
#: verbs of more than one syllable that double their last consonant ("admitted", "rigged" is
#: covered by the one-syllable rule)
_DOUBLING = frozenset(
    "abet admit commit compel control omit patrol permit propel rebel refer regret submit transmit".split()
)
_VOWELS = frozenset("aeiou")
#: auxiliaries the tagger sometimes leaves as their own lemma
_FORMS = {"having": "have", "being": "be", "been": "be", "had": "have"}
_PLURAL_PRONOUNS = frozenset({"they", "we", "you", "them", "us"})
_RECIPROCAL = frozenset({"each", "one"})


def past_tense(lemma: str, plural: bool = False) -> str:
    """The simple past of an English verb, from its lemma ("be" → "was"/"were")."""
    verb = _FORMS.get(lemma.lower(), lemma.lower())
    if verb == "be":
        return "were" if plural else "was"
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if verb in _DOUBLING or _one_syllable_cvc(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _one_syllable_cvc(verb: str) -> bool:
    """ "rob", "stop", "ban": one vowel between two consonants at the end, and no other vowel."""
    if len(verb) < 3 or verb[-1] in _VOWELS or verb[-1] in "wxy":
        return False
    vowels = [i for i, c in enumerate(verb) if c in _VOWELS]
    return len(vowels) == 1 and vowels[0] == len(verb) - 2 and verb[-3] not in _VOWELS


def accusation_edits(content: list[Token], cue: Token) -> dict[int, str]:
    """Token index → replacement text ("" drops the token and the space after it) turning what
    ``cue`` accuses someone of into a plain claim; empty when the content is no such accusation."""
    if cue.lemma_.lower() not in ACCUSING:
        return {}
    inside = {t.i for t in content}
    of = next((t for t in content if t.lower_ == "of" and t.head.i in inside | {cue.i}), None)
    if of is None:
        return {}
    subject = [t for t in content if t.i < of.i and not (t.is_punct or t.is_space)]
    if not subject or subject[0].lower_ in _RECIPROCAL:
        return {}
    verb = next((c for c in of.children if c.dep_ == "pcomp" and c.i in inside), None)
    if verb is None or verb.tag_ not in ("VBG", "VBN"):
        return {}
    edits = {of.i: ""}
    plural = _plural(subject)
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    negation = next((c for c in verb.children if c.dep_ == "neg" and c.i < verb.i), None)
    if helpers:  # "of having misled", "of being paid", "of not having paid"
        first = helpers[0]
        if first.tag_ != "VBG":
            return {}
        edits[first.i] = past_tense(first.lemma_, plural)
        if negation is not None and negation.i < first.i:  # "not having paid" → "had not paid"
            edits[negation.i] = ""
            edits[first.i] += " " + negation.text
        return edits
    if verb.tag_ != "VBG":
        return {}
    if negation is not None:  # "of not paying" → "did not pay", "of never paying" → "never paid"
        if negation.lower_ == "never":
            edits[verb.i] = past_tense(verb.lemma_, plural)
        elif verb.lemma_.lower() == "be":
            edits[negation.i] = ""
            edits[verb.i] = past_tense("be", plural) + " " + negation.text
        else:
            edits[negation.i] = "did " + negation.text
            edits[verb.i] = verb.lemma_.lower()
        return edits
    for other in (verb, *(c for c in verb.conjuncts if c.tag_ == "VBG" and c.i in inside)):
        edits[other.i] = past_tense(other.lemma_, plural)  # "covering up, delaying and withholding"
    return edits


def _plural(subject: list[Token]) -> bool:
    inside = {t.i for t in subject}
    heads = [t for t in subject if t.head.i not in inside or t.head == t]
    # a proper noun in the plural takes an article ("the Democrats"); "Sanders" does not
    return any(
        t.tag_ == "NNS"
        or (t.tag_ == "NNPS" and any(c.dep_ == "det" for c in t.children))
        or t.lower_ in _PLURAL_PRONOUNS
        or any(c.dep_ == "conj" and c.i in inside for c in t.children)
        for t in heads
    )
