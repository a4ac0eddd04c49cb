"""The `draaiboek` command as a person uses it: clear Dutch messages, exit codes, no
traceback, and the last good build left intact when something is wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "draaiboek", *args],
        cwd=project, capture_output=True, text=True, timeout=600,
    )


def assert_clean_failure(result: subprocess.CompletedProcess) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    return " ".join(output.split())


def test_check_passes_on_the_project(project: Path) -> None:
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert "in orde" in result.stdout


def test_check_outside_a_project_says_where_to_go(tmp_path: Path) -> None:
    output = assert_clean_failure(run(tmp_path, "check"))
    assert "Geen Draaiboek-project gevonden" in output


def test_yaml_error_in_a_profile(project: Path) -> None:
    profile = project / "regions" / "nederland.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "  regio: Nederland", "  regio: Nederland\n   aanpak: fout"), encoding="utf-8")
    output = assert_clean_failure(run(project, "check"))
    assert "regions/nederland.yml, regel" in output and "YAML-opmaak" in output


def test_unknown_region(project: Path) -> None:
    output = assert_clean_failure(run(project, "build", "--regio", "friesland"))
    assert "De regio 'friesland' bestaat niet" in output and "vlaanderen" in output


@pytest.mark.build
def test_bad_input_leaves_the_last_good_build_intact(project: Path) -> None:
    first = run(project, "build", "--regio", "nederland")
    assert first.returncode == 0, first.stdout + first.stderr
    index = project / "_build" / "nederland" / "cursist" / "html" / "index.html"
    assert str(index) in first.stdout
    page = project / "_build" / "nederland" / "cursist" / "html" / "book" / "voorwoord.html"
    before = page.read_bytes()

    # 1. A term missing in a profile: stopped by the check, nothing built.
    profile = project / "regions" / "nederland.yml"
    good_profile = profile.read_text(encoding="utf-8")
    profile.write_text(good_profile.replace("  coach: werkbegeleider\n", ""), encoding="utf-8")
    output = assert_clean_failure(run(project, "build", "--regio", "nederland"))
    assert "regions/nederland.yml" in output and "de term 'coach' ontbreekt" in output
    assert "vorige versie van het boek blijft ongewijzigd" in output
    assert page.read_bytes() == before
    profile.write_text(good_profile, encoding="utf-8")

    # 2. A problem only Sphinx sees (a broken reference): the build fails, names the page
    #    and the line, and the previous HTML stays as it was.
    voorwoord = project / "book" / "voorwoord.md"
    text = voorwoord.read_text(encoding="utf-8")
    voorwoord.write_text(text + "\nZie {ref}`een-label-dat-niet-bestaat`.\n", encoding="utf-8")
    output = assert_clean_failure(run(project, "build", "--regio", "nederland"))
    assert "book/voorwoord.md, regel" in output
    assert "niet gebouwd" in output and "vorige versie blijft ongewijzigd" in output
    assert page.read_bytes() == before
    assert not (project / "_build" / "nederland" / "cursist" / ".html-nieuw").exists()

    # 3. Fixed again: the build succeeds and the same warning does not hide.
    voorwoord.write_text(text, encoding="utf-8")
    assert run(project, "build", "--regio", "nederland").returncode == 0
