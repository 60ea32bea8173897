"""Word lists the attribution rules key on: reporting verbs, denial verbs, claim nouns, titles.

Entries are lower-case lemmas as spaCy's English lemmatizer produces them. The lists were drawn up
from how news reports attribute (wire style guides and the cue words of attribution corpora) and
are data, not code: keep them sorted so diffs stay readable.
"""

from __future__ import annotations

#: verbs that report a proposition someone holds or utters; they take a clause as content
SPEECH_VERBS = frozenset(
    """
    acknowledge add admit advise affirm agree allege announce answer argue assert assure
    believe boast brief caution charge claim comment complain concede conclude confess confirm
    contend continue counter declare demand detail disclose emphasise emphasize estimate explain
    fear forecast guarantee hint hope indicate inform insist joke know learn lament maintain mention
    note observe opine pledge point post predict proclaim promise propose protest quip reaffirm
    reason recall reckon recount reiterate remark remind reply report respond retort reveal say
    signal speculate state stress suggest suspect swear tell testify think tweet underline
    understand vow warn worry write
    """.split()
)

#: verbs of thinking: they report a clause after them, never parenthetically ("..., I think, ...")
COGNITIVE_VERBS = frozenset("believe fear feel guess hope know reckon suspect think understand worry".split())

#: verbs whose direct object is what they report: "X criticised the plan", "X cited a study"
OBJECT_VERBS = frozenset(
    """
    accuse acknowledge announce applaud attack back blame blast call cite condemn confirm
    criticise criticize decry defend denounce describe disclose embrace endorse highlight lament
    mention mock oppose portray praise propose question quote recall recommend reference reiterate
    repeat reveal slam stress tout urge
    """.split()
)

#: verbs whose infinitive is what they report: "X vowed to fight", "X declined to comment"
INTENT_VERBS = frozenset(
    """
    agree decline expect hope intend plan pledge promise propose refuse seek threaten urge vow want
    """.split()
)

#: verbs that report a clause only in some senses; their subject must be a source-like noun
#: ("polls show that ...", "the study found that ...") or they need "that"
EVIDENCE_VERBS = frozenset("ask find show wonder".split())

#: verbs that deny or refute the content they report
DENIAL_VERBS = frozenset(
    """
    contest contradict debunk deny disavow dismiss dispute rebut refute reject repudiate
    """.split()
)

#: every verb the rules read as a cue
CUE_VERBS = SPEECH_VERBS | DENIAL_VERBS | EVIDENCE_VERBS | OBJECT_VERBS | INTENT_VERBS

#: verbs whose clause only counts with an explicit "that" (too ambiguous without it)
NEEDS_THAT = frozenset(
    "agree continue counter feel find hope know learn point post show signal understand".split()
)

#: verbs that carry a proposition in a passive frame: "it was reported that ...", "X is expected to"
IMPERSONAL_VERBS = frozenset(
    "allege believe claim expect fear learn report rumor rumour say suggest think".split()
)

#: nouns that name a claim someone made: "the claim that ...", "reports that ...", "his denial that ..."
CLAIM_NOUNS = frozenset(
    """
    accusation admission allegation announcement argument assertion assurance belief charge claim
    conclusion contention denial estimate finding insistence notion pledge prediction promise
    reassurance remark report rumor rumour speculation statement story suggestion suspicion theory
    view warning
    """.split()
)

#: where something is said, when it belongs to the cue: "said in a statement", "wrote in a letter"
MEDIUM_NOUNS = frozenset("blog email interview letter memo post release speech statement tweet video".split())

#: claim nouns that always take a proposition ("the claim that ..."), never a relative clause
PROPOSITION_NOUNS = frozenset(
    """
    accusation admission allegation assertion assurance belief claim contention denial insistence
    notion rebuttal refutation rumor rumour suggestion suspicion
    """.split()
)

#: what can be denied besides a clause: "denied the allegations", "dismissed those reports", and
#: the nouns that stand for a clause when denied ("denied wrongdoing", "denied any involvement")
DENIABLE_NOUNS = PROPOSITION_NOUNS | frozenset(
    """
    account allegation argument assessment characterisation characterization charge claim comment
    conclusion criticism depiction description finding idea implication insinuation interpretation
    label narrative portrayal premise remark report speculation statement story suggestion theory
    version view
    wrongdoing involvement responsibility guilt knowledge role link connection tie contact
    """.split()
)

#: claim nouns whose own speaker denies rather than asserts ("his denial that ...")
DENIAL_NOUNS = frozenset("denial rebuttal refutation rejection".split())

#: prepositions of "according to"-style cues, as (first word, second word)
ACCORDING_TO = frozenset({("according", "to")})

#: honorifics that precede a name and carry no meaning for identity
HONORIFICS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. professor sir dame lord lady rev rev. father
    """.split()
)

#: honorifics that tell a speaker's grammatical gender (for pronoun resolution)
MALE_HONORIFICS = frozenset("mr mr. sir lord father".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss dame lady".split())

#: words of roles that come before a name ("Prime Minister Jane Doe", "Sen. Ted Cruz")
ROLE_WORDS = frozenset(
    """
    ambassador attorney author candidate captain chair chairman chairwoman chancellor chief
    commissioner congressman congresswoman councillor councilman councilwoman councilor
    director economist executive governor gov. judge leader manager mayor minister nominee officer
    president premier prosecutor rep. representative secretary sen. senator sheriff speaker
    spokesman spokesperson spokeswoman superintendent treasurer
    """.split()
)

#: endings of compound job titles ("harbourmaster", "congresswoman", "chairperson")
ROLE_SUFFIXES = ("master", "minister", "man", "woman", "person", "keeper", "general")

#: pronouns by what they can refer to
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
NEUTER_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})

#: nouns too generic to make a topic on their own
GENERIC_NOUNS = frozenset(
    """
    anything because case day everything fact part people place point something statement thing
    time way week year month today yesterday tomorrow lot number kind sort bit end side percent
    cent per reporter interview comment question statement morning evening night afternoon
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

#: common nouns that name an organisation: "the ministry said" can refer to a named one
ORG_NOUNS = frozenset(
    """
    administration agency association authority bank board campaign church club coalition
    commission committee company corporation council court department embassy federation firm
    foundation government group institute league ministry network office operator organisation
    organization panel party police regulator service team trust union university
    """.split()
)

#: named-entity labels that can speak, and what kind of speaker each is
ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "NORP": "group",
    "LOC": "place",
    "FAC": "place",
}

#: nouns for people who speak on an organisation's behalf: "a spokeswoman for the ministry"
SPOKESPEOPLE = frozenset("aide official representative spokesman spokesperson spokeswoman".split())

#: organisation nouns vague enough to stand for whichever organisation was just named
GENERIC_ORG_NOUNS = frozenset(
    "business company contractor firm group operator organisation organization".split()
)

#: cues that commit their speaker only weakly: recorded as hedged
HEDGE_VERBS = frozenset(
    """
    believe estimate expect feel guess hint imply indicate predict reckon speculate suggest
    suspect think wonder
    """.split()
)

#: words that hedge a report wherever they sit in it
HEDGE_WORDS = frozenset(
    "allegedly apparently could maybe may might perhaps possibly probably purportedly reportedly".split()
)


#: dashes that sign a quotation ('"…" ― Carla Sanchez')
DASHES = frozenset({"\u2015", "\u2014", "--", "\u2013"})
#: closing quotation marks a signing dash can come glued to ('…about.”― Pamela Padilla')
CLOSERS = "\"\u201d\u2019'"
#: words that may cue an attribution whatever their part of speech
CUE_WORDS = frozenset({"according", ":", *DASHES, *(c + d for c in CLOSERS for d in DASHES)})
