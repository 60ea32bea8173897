"""A real spreadsheet (LibreOffice, headless) must not evaluate the cells write_csv defuses."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from claimdb.export import write_csv

SOFFICE = shutil.which("soffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; cannot open the CSV in a spreadsheet"
)

DANGEROUS = ["=1+1", "@SUM(A1)", "+5", "-3+2", "=2*3"]


def convert(tmp_path: Path, *files: Path) -> Path:
    """Open each CSV in LibreOffice Calc and save it again as CSV; return the output directory."""
    assert SOFFICE is not None
    out = tmp_path / "out"
    out.mkdir()
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for f in files:
        assert (out / f.name).exists(), f"soffice wrote nothing for {f.name}: {result.stdout} {result.stderr}"
    return out


def read_values(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["label", "value"]
    return [row[1] for row in rows[1:]]


def test_spreadsheet_does_not_evaluate_defused_cells(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    safe = src / "safe.csv"
    with safe.open("w", encoding="utf-8", newline="") as fh:
        write_csv([{"label": f"r{i}", "value": v} for i, v in enumerate(DANGEROUS)], ["label", "value"], fh)
    # control: the same cells written raw, to prove this harness really evaluates formulas
    control = src / "control.csv"
    control.write_text("label,value\r\n" + "".join(f"r{i},{v}\r\n" for i, v in enumerate(DANGEROUS)), "utf-8")

    out = convert(tmp_path, safe, control)

    raw = read_values(out / "control.csv")
    assert raw[0] == "2", f"LibreOffice did not evaluate the raw control formula: {raw}"
    assert raw[4] == "6", f"LibreOffice did not evaluate the raw control formula: {raw}"

    values = read_values(out / "safe.csv")
    assert len(values) == len(DANGEROUS)
    for original, cell in zip(DANGEROUS, values, strict=True):
        # the cell is still the text (with or without the defusing apostrophe), never a result
        assert cell in (original, "'" + original), (original, cell)
    assert "2" not in values and "5" not in values and "-1" not in values and "6" not in values
