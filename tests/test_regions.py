"""Region profiles: loading, inheritance, the static term check and Dutch error messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from draaiboek.problems import ContentError
from draaiboek.regions import (
    check_regions,
    find_terms,
    load_region,
    substitute,
)

FIXTURES = Path(__file__).parent / "fixtures" / "regions-bad"

# bad profile -> (line, words the message must contain)
EXPECTED = {
    "yaml_syntax": (5, ["YAML-opmaak", "ingesprongen"]),
    "unknown_key": (3, ["onbekend veld 'termn'", "Bedoel je 'termen'?"]),
    "missing_parent": (2, ["'extends: bestaatniet'", "niet bestaat"]),
    "bad_language": (2, ["'nl-FR' is niet toegelaten", "nl-BE"]),
    "bad_term_name": (3, ["'Regio Naam' heeft een ongeldige naam"]),
    "duplicate_term": (5, ["'regio' staat twee keer"]),
    "not_a_mapping": (1, ["moet velden bevatten"]),
}


def test_both_required_profiles_load(project: Path) -> None:
    vl = load_region(project, "vlaanderen")
    nl = load_region(project, "nederland")
    assert (vl.taal, nl.taal) == ("nl-BE", "nl-NL")
    assert vl.termen["zorgverlener"] == "verzorgende"
    assert nl.termen["zorgverlener"] == "thuisbegeleider"
    assert nl.termen["zorgwet"] == "de Wmo 2015"
    assert "regio_vlaanderen" in vl.tags and "regio_nederland" in nl.tags
    assert vl.organisaties and nl.wetten
    assert set(vl.termen) == set(nl.termen), "both regions define the same terms"


def test_inheritance_overrides_terms_and_keeps_the_rest(project: Path) -> None:
    (project / "regions" / "limburg.yml").write_text(
        "naam: Limburg\nextends: vlaanderen\ntags: [limburg]\ntermen:\n  regio: Limburg\n",
        encoding="utf-8",
    )
    region = load_region(project, "limburg")
    parent = load_region(project, "vlaanderen")
    assert region.naam == "Limburg" and region.taal == "nl-BE"
    assert region.termen["regio"] == "Limburg"
    assert region.termen["zorgverlener"] == parent.termen["zorgverlener"]
    assert region.organisaties == parent.organisaties
    assert {"regio_limburg", "regio_vlaanderen", "limburg", "belgie"} <= set(region.tags)
    assert region.files == ("regions/limburg.yml", "regions/vlaanderen.yml")


def test_extends_cycle_is_reported(project: Path) -> None:
    (project / "regions" / "a.yml").write_text("naam: A\nextends: b\n", encoding="utf-8")
    (project / "regions" / "b.yml").write_text("naam: B\nextends: a\n", encoding="utf-8")
    with pytest.raises(ContentError, match="kring"):
        load_region(project, "a")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_profiles_name_file_line_and_fix(project: Path, name: str) -> None:
    shutil.copy(FIXTURES / f"{name}.yml", project / "regions" / f"{name}.yml")
    with pytest.raises(ContentError) as caught:
        load_region(project, name)
    line, words = EXPECTED[name]
    problem = caught.value.problems[0]
    text = str(problem)
    assert problem.file.startswith("regions/")
    assert problem.line == line, text
    for word in words:
        assert word in text, text
    if name != "yaml_syntax":
        assert "Oplossing:" in text or problem.fix == "", text


def test_unknown_region_is_a_clear_error(project: Path) -> None:
    with pytest.raises(ContentError, match="de regio 'friesland' bestaat niet"):
        load_region(project, "friesland")


def test_find_terms_reports_lines_and_rejects_expressions() -> None:
    text = "Eerste regel.\nDe {{ zorgverlener }} en {{coach}}.\nFout: {{ regio | upper }}"
    uses, problems = find_terms(text, "book/x.md")
    assert [(u.key, u.line) for u in uses] == [("zorgverlener", 2), ("coach", 2)]
    assert len(problems) == 1 and problems[0].line == 3
    assert "geen geldige term" in problems[0].message


def test_substitute_replaces_known_terms_only() -> None:
    assert substitute("De {{ coach }} en {{ onbekend }}", {"coach": "werkbegeleider"}) == (
        "De werkbegeleider en {{ onbekend }}"
    )


def test_static_check_passes_on_the_project(project: Path) -> None:
    assert check_regions(project) == []


def test_term_used_but_missing_in_one_region(project: Path) -> None:
    page = project / "book" / "voorwoord.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nDe {{ nieuwe_term }}.\n",
                    encoding="utf-8")
    vl = project / "regions" / "vlaanderen.yml"
    vl.write_text(vl.read_text(encoding="utf-8").replace(
        "termen:\n", "termen:\n  nieuwe_term: iets\n"), encoding="utf-8")
    problems = check_regions(project)
    assert len(problems) == 1
    assert problems[0].file == "regions/nederland.yml"
    assert "de term 'nieuwe_term' ontbreekt" in problems[0].message
    assert "book/voorwoord.md" in problems[0].message


def test_term_defined_nowhere_is_reported_at_the_page(project: Path) -> None:
    page = project / "book" / "voorwoord.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + "\nDe {{ zorgverlenr }}.\n",
                    encoding="utf-8")
    problems = check_regions(project)
    assert [p.file for p in problems] == ["book/voorwoord.md"]
    assert problems[0].line == lines + 2
    assert "in geen enkel regioprofiel" in problems[0].message
