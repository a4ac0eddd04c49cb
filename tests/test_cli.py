"""The `draaiboek` command as a person uses it: clear Dutch messages, exit codes, no
traceback, and the last good build left intact when something is wrong."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
    text = profile.read_text(encoding="utf-8")
    assert "  zorgverlener: thuisbegeleider\n" in text
    profile.write_text(text.replace("  zorgverlener: thuisbegeleider\n",
                                    "  zorgverlener: thuisbegeleider\n   coach: fout\n"),
                       encoding="utf-8")
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


def test_case_commands_round_trip_through_twine(project: Path) -> None:
    shutil.copytree(ROOT / "cases", project / "cases", dirs_exist_ok=True)
    exported = run(project, "casus", "exporteer", "peeters", "--naar", "peeters.twee")
    assert exported.returncode == 0, exported.stderr
    twee = (project / "peeters.twee").read_text(encoding="utf-8")
    assert ":: Casus [casus]" in twee and "[[" in twee
    imported = run(project, "casus", "importeer", "peeters.twee", "--id", "peeters-kopie")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert (project / "cases" / "peeters-kopie.yml").is_file()
    assert "cases/" not in run(project, "check").stderr  # the imported case passes the checks
    # Re-importing an unchanged export leaves the case file byte-identical.
    before = (project / "cases" / "peeters.yml").read_bytes()
    again = run(project, "casus", "importeer", "peeters.twee", "--overschrijf")
    assert again.returncode == 0 and "Niets veranderd" in again.stdout, again.stdout
    assert (project / "cases" / "peeters.yml").read_bytes() == before
    refused = run(project, "casus", "importeer", "peeters.twee")
    assert refused.returncode == 1 and "--overschrijf" in refused.stderr
    built = run(project, "casus", "twine-formaat", "--map", "formaat")
    assert built.returncode == 0 and "Story Formats" in built.stdout
    assert (project / "formaat" / "format.js").read_text().startswith("window.storyFormat(")

    (project / "slecht.twee").write_text(twee.replace("\n--\n", "\n(set: $x to 1)\n--\n", 1),
                                         encoding="utf-8")
    output = assert_clean_failure(run(project, "casus", "importeer", "slecht.twee"))
    assert "slecht.twee" in output and "Harlowe" in output and "passage 'Casus'" not in output
    assert "passage '" in output and "regel" in output

    analysis = run(project, "casus", "analyse", "peeters")
    assert analysis.returncode == 0 and "Beste weg" in analysis.stdout
    played = subprocess.run([sys.executable, "-m", "draaiboek", "casus", "speel", "peeters"],
                            cwd=project, input="1\nq\n", capture_output=True, text=True)
    assert played.returncode == 0 and "Bezoek 1" in played.stdout
    assert "Traceback" not in played.stdout + played.stderr


def test_card_deck_command(project: Path) -> None:
    result = run(project, "kaarten", "--pdf", "--regio", "nederland")
    assert result.returncode == 0, result.stderr
    assert (project / "_build" / "nederland" / "methodekaarten.pdf").stat().st_size > 10_000
    assert "A5" in result.stdout
