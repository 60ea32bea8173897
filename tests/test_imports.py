"""`claims --help` and `claims list` must stay fast: they never import spaCy, nor the ORM to read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from claimdb.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(
    "spacy" in sys.modules,
    code,
    "alembic" in sys.modules,
    "pydantic" in sys.modules,
    "sqlalchemy.orm" in sys.modules,
    file=sys.stderr,
)
"""


def probe(*args: str) -> list[str]:
    """Run ``claims ARGS`` in a fresh interpreter; the PROBE line: what it imported, its exit code."""
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    return proc.stderr.strip().splitlines()[-1].split()


def run(*args: str) -> tuple[bool, str]:
    imported, code, *_ = probe(*args)
    return imported == "True", code


def heavy_imports(*args: str) -> set[str]:
    """Which of alembic, pydantic and the SQLAlchemy ORM the command imported."""
    names = ("alembic", "pydantic", "sqlalchemy.orm")
    return {name for name, flag in zip(names, probe(*args)[2:], strict=True) if flag == "True"}


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["--version"]])
def test_help_does_not_import_spacy(args: list[str]) -> None:
    imported, code = run(*args)
    assert code in ("0", "None") and not imported


def test_list_show_and_export_do_not_import_spacy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run("--db", url, "init") == (False, "0")
    for args in (["list"], ["list", "--disputed", "--format", "json"], ["speakers"], ["topics"], ["export"]):
        assert run("--db", url, *args) == (False, "0"), args


def test_reading_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert "alembic" in heavy_imports("--db", url, "init")  # creating the schema does
    assert "alembic" not in heavy_imports("--db", url, "list", "--disputed")


def test_parsing_options_does_not_import_pydantic(tmp_path: Path) -> None:
    # typer 0.29 converts every option through pydantic, 0.1 s per command: pyproject keeps it below
    url = f"sqlite:///{tmp_path / 'c.db'}"
    heavy_imports("--db", url, "init")
    assert heavy_imports("--db", url, "list", "--disputed", "--format", "json", "--limit", "5") == set()


def test_reading_commands_do_not_import_the_orm(tmp_path: Path) -> None:
    # importing sqlalchemy.orm and mapping the classes costs about 0.1 s: readers use Core only
    from helpers import store_text

    from claimdb.extract.types import Stance
    from claimdb.store.engine import make_engine, make_sessionmaker
    from claimdb.store.migrate import ensure_schema

    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert "sqlalchemy.orm" not in heavy_imports("--db", url, "init")  # migrations run on Core too
    engine = make_engine(url)
    ensure_schema(engine, upgrade=False)
    body = "Ann Lee said the dam leaks. Bo Chan denied the dam leaks."
    items = [("the dam leaks", "Ann Lee", Stance.ASSERTS), ("the dam leaks.", "Bo Chan", Stance.DENIES)]
    store_text(make_sessionmaker(engine, write=True), body, items, topics=("dam",))
    engine.dispose()
    for args in (
        ["list", "--disputed"],
        ["list", "--disputed", "--format", "json"],
        ["show", "1"],
        ["show", "1", "--format", "json"],
        ["export"],
        ["export", "--format", "jsonl"],
        ["speakers"],
        ["topics"],
    ):
        _, code, _, _, orm = probe("--db", url, *args)
        assert (code, orm) == ("0", "False"), args
    # the probe does see the ORM where it is used: editing commands work through sessions
    assert probe("--db", url, "verdict", "1", "--rating", "False", "--by", "Desk")[1] == "0"
    assert "sqlalchemy.orm" in heavy_imports("--db", url, "verdict", "1", "--rating", "False", "--by", "Desk")


def test_importing_the_package_does_not_import_spacy() -> None:
    code = (
        "import sys, claimdb, claimdb.extract, claimdb.store.queries, claimdb.ingest, claimdb.export\n"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize(("preset", "expected"), [(None, "1"), ("3", "3")])
def test_the_command_line_runs_blas_on_one_thread_unless_told(preset: str | None, expected: str) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    if preset is not None:
        env["OPENBLAS_NUM_THREADS"] = preset
    code = (
        "import os, sys\n"
        "from claimdb.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "import numpy\n"  # numpy comes after the CLI has set the variable, as spaCy's does
        "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['MKL_NUM_THREADS'])"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.stdout.split()[-2:] == [expected, "1"]
