"""Common given names that tell a person's grammatical gender, for resolving "he" and "she".

Only names that are overwhelmingly used for one gender are listed; anyone else is left unknown
and matches either pronoun. The lists cover names frequent in English-language news.
"""

from __future__ import annotations

FEMALE_NAMES = frozenset(
    """
    abigail ada adaeze aisha alexandra alice alicia alison amanda amelia amy ana andrea angela
    angelina ann anna anne annette barbara beatrice betsy betty beverly brenda bridget camila
    carla carly carmen carol caroline catherine cecilia charlotte chelsea cheryl christina
    christine claire clara claudia debbie deborah denise diana diane donna dora dorothy elaine
    eleanor elena elisabeth elizabeth ellen emily emma erin eva evelyn fatima fiona florence
    frances gabriela gillian gina grace hannah harriet heather heidi helen hillary huma imogen
    irene isabel isabella jacqueline jane janet janice jean jennifer jessica jill joan joanna
    josephine joyce judith judy julia julie karen kate katherine kathleen kathryn kelly kimberly
    kirsten laura lauren leah lena linda lisa liz loretta lori louise lucia lucy lynn madeleine
    margaret margarita marguerite maria marie marina marion marsha martha mary maxine megan melania
    melanie melissa meryl michelle monica nadia nancy natalie nicola nicole nikki nina olga olivia
    pamela patricia paula pauline penelope rachel rebecca rose ruth sally samantha sandra sara sarah
    sharon sheila shirley sofia sonia sophia sophie stephanie susan susanna suzanne sylvia tamara
    teresa theresa tina valerie vanessa victoria virginia wendy yvonne zoe
    """.split()
)

MALE_NAMES = frozenset(
    """
    aaron abdul adam adrian ahmed alan albert alexander alistair andrew angus anselm anthony antonio
    arthur barack ben benjamin bernard bernie bill bob boris brian bruce bryan carl carlos casimir
    charles chris christopher chuck colin craig dan daniel darren david dennis derek dermot dick
    don donald doug douglas duncan ed eddie edward eric ernest eugene francis frank fred frederick
    gary geoffrey george gerald gordon graham greg gregory harold harry henry howard hugh ian isaac
    jack jacob james jamie jason jeb jeff jeffrey jeremy jerry jim jimmy joe joel john jonathan
    jose joseph josh joshua juan justin keir keith ken kenneth kevin kirk larry lawrence lee leonard
    louis lucas luis marco marcus mark martin matt matthew michael mike mitch mitt mohammed muhammad
    nathan neil nicholas nigel oliver omar oscar patrick paul pavel peter philip pierre ralph ray
    raymond richard rick robert roger ron ronald roy russell ryan sam samuel scott sean sergei steve
    steven stuart ted terry thomas tim timothy tobias todd tom tony vladimir walter wayne william
    xavier yusuf
    """.split()
)


def gender_of_name(first: str) -> str | None:
    """ "f", "m" or None for a given name (case-insensitive)."""
    word = first.casefold()
    if word in FEMALE_NAMES:
        return "f"
    if word in MALE_NAMES:
        return "m"
    return None
