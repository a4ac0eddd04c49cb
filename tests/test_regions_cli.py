"""`draaiboek regio ...` and `draaiboek check --regio`: Dutch output and exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from draaiboek.cli import cli
from draaiboek.regions import check_regions, load_region

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def run(project: Path, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_new_region_writes_a_starter_profile_and_folders(run, project: Path) -> None:
    result = run("regio", "nieuw", "zwolle", "--van", "nederland")
    assert result.exit_code == 0, result.output
    assert "regions/zwolle.yml gemaakt: Zwolle, erft van nederland" in result.output
    text = (project / "regions" / "zwolle.yml").read_text(encoding="utf-8")
    assert "naam: Zwolle\nextends: nederland\n" in text
    # Every term: the parent's value as a comment, with its meaning and how often it is used.
    assert "  # zorgverlener: thuisbegeleider\n" in text
    assert "wie het gezin thuis helpt (enkelvoud, zonder lidwoord) (" in text
    assert "keer gebruikt)" in text
    for folder in ("methods", "cases", "tekst"):
        assert (project / "regions" / "zwolle" / folder).is_dir()
    region = load_region(project, "zwolle")
    assert region.termen == {**load_region(project, "nederland").termen, "regio": "Zwolle"}
    assert check_regions(project) == []


def test_new_region_refuses_bad_input(run) -> None:
    exists = run("regio", "nieuw", "nederland", "--van", "vlaanderen")
    assert exists.exit_code == 1 and "bestaat al" in exists.output
    parent = run("regio", "nieuw", "zwolle", "--van", "overijssel")
    assert parent.exit_code == 1 and "de regio 'overijssel' bestaat niet" in parent.output
    name = run("regio", "nieuw", "Den Haag", "--van", "nederland")
    assert name.exit_code == 1 and "kleine letters" in name.output
    missing = run("regio", "nieuw", "zwolle")
    assert missing.exit_code == 2


def test_difference_lists_what_a_child_changes(run) -> None:
    result = run("regio", "verschil", "brussel")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Brussel (regions/brussel.yml) erft van Vlaanderen." in out
    assert "het_ocmw: 'het OCMW' → 'het OCMW van de gemeente'" in out
    assert "+ CAW Brussel" in out and "- OCMW en Sociaal Huis" in out
    assert "h06-aanmelding (regions/brussel/tekst/h06-aanmelding.md)" in out
    assert "Alinea's voor één regio die Brussel erft" in out


def test_difference_of_a_base_region(run) -> None:
    result = run("regio", "verschil", "vlaanderen")
    assert result.exit_code == 0 and "erft van geen andere regio" in result.output


def test_terms_are_listed_with_meaning_and_use(run) -> None:
    result = run("regio", "termen", "--regio", "nederland")
    assert result.exit_code == 0, result.output
    assert "zorgverlener" in result.output and "thuisbegeleider" in result.output
    assert "wie het gezin thuis" in result.output


def test_places_are_listed(run) -> None:
    result = run("regio", "plekken")
    assert result.exit_code == 0
    assert "h06-aanmelding" in result.output and "h10-waar-terecht" in result.output


def test_check_one_region(run, project: Path) -> None:
    unknown = run("check", "--regio", "brusel")
    assert unknown.exit_code == 1 and "De regio 'brusel' bestaat niet" in unknown.output
    one = run("check", "--regio", "brussel")
    assert one.exit_code == 0, one.output
    assert "in orde" in one.output
    (project / "regions" / "kapot.yml").write_text("naam: Kapot\nextends: vlaanderen\n"
                                                   "termen:\n  coach: [\n", encoding="utf-8")
    everything = run("check")
    assert everything.exit_code == 1
    assert "1 probleem gevonden" in everything.output
    assert everything.output.count("regions/kapot.yml") == 1


def test_errors_exit_1_without_traceback(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run([sys.executable, "-m", "draaiboek", "regio", "verschil", "oost"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "de regio 'oost' bestaat niet" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
