"""The examples in docstrings are true (they document behaviour, so they are tested like it)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "claimdb.claims",
    "claimdb.extract.topics",
    "claimdb.text",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
