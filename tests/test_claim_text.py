"""Tests for the pure text functions of claimdb.claims: normalise_claim and claim_key."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdb.claims import claim_key, normalise_claim


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leading "that"
        ("that taxes will rise", "taxes will rise"),
        ("That taxes will rise", "taxes will rise"),
        ("THAT taxes will rise", "taxes will rise"),
        ("that  \n taxes will rise", "taxes will rise"),
        ("thatcher was prime minister", "thatcher was prime minister"),  # a word, not "that"
        ("that that is all", "that is all"),  # only one is removed
        ("taxes that rise", "taxes that rise"),  # not at the start
        # wrapping quotes of every style
        ('"taxes will rise"', "taxes will rise"),
        ("\u201ctaxes will rise\u201d", "taxes will rise"),
        ("\u2018taxes will rise\u2019", "taxes will rise"),
        ("'taxes will rise'", "taxes will rise"),
        ("\u00abtaxes will rise\u00bb", "taxes will rise"),
        ("`taxes will rise`", "taxes will rise"),
        ('that "taxes will rise"', "taxes will rise"),
        ('"that taxes will rise"', "taxes will rise"),
        ("\u201cTaxes will rise.\u201d", "Taxes will rise"),
        ('"taxes will rise,"', "taxes will rise"),
        # trailing commas, full stops and other stray punctuation
        ("taxes will rise,", "taxes will rise"),
        ("taxes will rise.", "taxes will rise"),
        ("taxes will rise..", "taxes will rise"),
        ("taxes will rise;", "taxes will rise"),
        ("taxes will rise:", "taxes will rise"),
        ("taxes will rise \u2014", "taxes will rise"),
        (", taxes will rise", "taxes will rise"),
        ("That taxes will rise.", "taxes will rise"),
        # an ellipsis is kept
        ("taxes will rise...", "taxes will rise..."),
        # whitespace collapsed
        ("  taxes\n\twill   rise  ", "taxes will rise"),
        ("taxes\r\nwill\u00a0rise", "taxes will rise"),
        # inner quotes and punctuation untouched
        ('he said "no" twice', 'he said "no" twice'),
        ("the \u201cgood\u201d news", "the \u201cgood\u201d news"),
        ("it's a well-known fact", "it's a well-known fact"),
        ("Taxes, he said, will rise", "Taxes, he said, will rise"),
        # unbalanced marks at an edge are dropped, inside they stay
        ("\u201cunbalanced", "unbalanced"),
        ('ends "badly', 'ends "badly'),
        # degenerate input
        ("", ""),
        ("   ", ""),
        ("that", "that"),
    ],
)
def test_normalise_claim(text: str, expected: str) -> None:
    assert normalise_claim(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('that the budget  includes "cuts",', 'the budget includes "cuts"'),
        ('the plan was "unworkable"', 'the plan was "unworkable"'),
        ('"the plan was "unworkable""', 'the plan was "unworkable"'),
        ("\u201cthe plan was \u201cunworkable\u201d\u201d.", "the plan was \u201cunworkable\u201d"),
    ],
)
def test_normalise_keeps_closing_quote_of_inner_quotation(text: str, expected: str) -> None:
    assert normalise_claim(text) == expected


def test_normalise_wrapping_quote_then_full_stop() -> None:
    assert normalise_claim('"taxes will rise".') == "taxes will rise"


@pytest.mark.parametrize(
    "text",
    [
        "taxes will rise",
        "that taxes will rise.",
        '"the plan," he said',
        "\u201cquoted\u201d",
        "  spaced  out  ",
    ],
)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_claim(text)
    assert normalise_claim(once) == once


# ---------------------------------------------------------------------------------------------
# claim_key


@pytest.mark.parametrize(
    "variant",
    [
        "Taxes will rise",
        "taxes will rise",
        "TAXES WILL RISE",
        "taxes will rise.",
        "taxes will rise,",
        '"taxes will rise"',
        "\u201cTaxes will rise.\u201d",
        "\u2018taxes will rise\u2019",
        "\u00abtaxes will rise\u00bb",
        "that taxes will rise",
        "That taxes will rise.",
        "  taxes\n will   rise ",
        "taxes -- will rise!",
        "taxes: will, rise?",
    ],
)
def test_claim_key_equal_for_variants(variant: str) -> None:
    assert claim_key(variant) == claim_key("taxes will rise")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("don't", "don\u2019t"),  # straight and curly apostrophes
        ("the well-known plan", "the well known plan"),
        ("STRASSE", "stra\u00dfe"),  # casefold, not just lower
        ('the "good" news', "the \u201cgood\u201d news"),
    ],
)
def test_claim_key_equal_pairs(a: str, b: str) -> None:
    assert claim_key(a) == claim_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("taxes will rise", "taxes will fall"),
        ("taxes will rise", "taxes will not rise"),
        ("taxes will rise", "rise will taxes"),  # word order matters
        ("taxes will rise", "taxes rise"),
        ("the bridge is safe", "the bridges is safe"),
        ("5 per cent", "6 per cent"),
        ("caf\u00e9", "cafe"),  # accents are part of the word
    ],
)
def test_claim_key_differs_for_different_words(a: str, b: str) -> None:
    assert claim_key(a) != claim_key(b)


def test_claim_key_is_sha256_hex() -> None:
    key = claim_key("taxes will rise")
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert key == claim_key("taxes will rise")


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=200))
def test_claim_key_ignores_case_and_surrounding_space_property(text: str) -> None:
    key = claim_key(text)
    assert key == claim_key(text.casefold())
    assert key == claim_key(" " + text + "\n")
