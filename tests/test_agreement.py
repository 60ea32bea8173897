"""bench/agreement.py: a second annotation scored against the first, only where there are two."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from claimdb.evaluate import Report

MINI = Path(__file__).resolve().parent / "data" / "minisplit"
SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "agreement.py"


@pytest.fixture(scope="module")
def agreement():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("agreement", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _split(tmp_path: Path, second: str | None) -> Path:
    split = tmp_path / "split"
    shutil.copytree(MINI, split)
    if second is not None:
        (split / "attributions" / "alpha_zz.ann").write_text(second, encoding="utf-8")
    return split


def test_the_same_annotation_twice_agrees_fully(agreement, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    same = (MINI / "attributions" / "alpha_test.ann").read_text(encoding="utf-8")
    report = Report()
    assert agreement.agreement(_split(tmp_path, same), report) == 1
    figures = report.as_dict()
    assert figures["gold"] == figures["predicted"] == 3
    assert figures["content_exact"]["f1"] == 1.0


def test_a_second_annotator_who_draws_less_is_scored_against_the_first(agreement, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # only the mayor's attribution, its content cut to "the bridge would reopen"
    second = (
        "T1\tContent 19 42\tthe bridge would reopen\n"
        "T2\tCue 14 18\tsaid\n"
        "E1\tAttribution:T2 Content:T1 Cue:T2\n"
    )
    report = Report()
    agreement.agreement(_split(tmp_path, second), report)
    figures = report.as_dict()
    assert (figures["gold"], figures["predicted"]) == (3, 1)
    assert figures["content_overlap"] == {"p": 1.0, "r": round(1 / 3, 4), "f1": 0.5}
    assert figures["content_exact"]["f1"] == 0.0  # 20 of 25 characters: alike, not the same
    assert figures["attribution_f1"]["f1"] == 0.0  # the first annotator names a source, this one none


def test_documents_annotated_once_are_left_out(agreement, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    assert agreement.agreement(_split(tmp_path, None), report) == 0
    assert report.docs == 0
    assert agreement.main([str(_split(tmp_path / "again", None))]) == 1


def test_a_folder_that_is_no_split_is_refused(agreement, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert agreement.main([str(tmp_path)]) == 2
    assert "not a corpus split" in capsys.readouterr().err
