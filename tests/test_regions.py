"""Region profiles: loading, inheritance, the static term check and Dutch error messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from draaiboek.problems import ContentError
from draaiboek.regions import (
    available_regions,
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
    assert nl.termen["het_plan"] == "het begeleidingsplan"
    assert "regio_vlaanderen" in vl.tags and "regio_nederland" in nl.tags
    assert vl.organisaties and nl.wetten
    assert set(vl.termen) == set(nl.termen), "both regions define the same terms"


def test_inheritance_overrides_terms_and_keeps_the_rest(project: Path) -> None:
    (project / "regions" / "limburg.yml").write_text(
        "naam: Limburg\nextends: vlaanderen\ntermen:\n  coach: teamcoach\n",
        encoding="utf-8",
    )
    region = load_region(project, "limburg")
    parent = load_region(project, "vlaanderen")
    assert region.naam == "Limburg" and region.taal == "nl-BE"
    assert region.termen["regio"] == "Limburg"  # the term regio is the profile's naam
    assert region.termen["coach"] == "teamcoach"
    assert region.termen["zorgverlener"] == parent.termen["zorgverlener"]
    assert region.organisaties == parent.organisaties
    assert set(region.tags) == {"regio_limburg", "regio_vlaanderen"}
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
    """Holds for any number of regions: every region that neither defines nor inherits the
    new term is named, the ones that inherit it from vlaanderen are not."""
    page = project / "book" / "voorwoord.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nDe {{ nieuwe_term }}.\n",
                    encoding="utf-8")
    meanings = project / "regions" / "termen.yml"
    meanings.write_text(meanings.read_text(encoding="utf-8") + "nieuwe_term: een test\n",
                        encoding="utf-8")
    vl = project / "regions" / "vlaanderen.yml"
    vl.write_text(vl.read_text(encoding="utf-8").replace(
        "termen:\n", "termen:\n  nieuwe_term: iets\n"), encoding="utf-8")
    problems = check_regions(project)
    expected = sorted(f"regions/{r}.yml" for r in available_regions(project)
                      if "vlaanderen" not in load_region(project, r).chain)
    assert expected and "regions/nederland.yml" in expected
    assert sorted(p.file for p in problems) == expected, problems
    for problem in problems:
        assert "de term 'nieuwe_term' ontbreekt" in problem.message
        assert "book/voorwoord.md" in problem.message


def test_term_defined_nowhere_is_reported_at_the_page(project: Path) -> None:
    page = project / "book" / "voorwoord.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + "\nDe {{ zorgverlenr }}.\n",
                    encoding="utf-8")
    problems = check_regions(project)
    assert [p.file for p in problems] == ["book/voorwoord.md"]
    assert problems[0].line == lines + 2
    assert "in geen enkel regioprofiel" in problems[0].message


# --- Silent mistakes: each now a problem with file and place -----------------------------


def _append(path: Path, text: str) -> int:
    """Append text to a file; return the line number of its first line."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1 + (0 if old.endswith("\n") else 1) + (
        1 if text.startswith("\n") else 0)


def _only(problems, file: str):
    found = [p for p in problems if p.file == file]
    assert found, problems
    return found


def _child(project: Path, body: str = "", name: str = "brussel_test") -> Path:
    path = project / "regions" / f"{name}.yml"
    path.write_text(f"naam: Test\nextends: vlaanderen\n{body}", encoding="utf-8")
    return path


def test_misspelled_term_in_a_profile_is_named_with_a_suggestion(project: Path) -> None:
    _child(project, "termen:\n  zorgverlenr: verzorger\n")
    [problem] = _only(check_regions(project), "regions/brussel_test.yml")
    assert problem.line == 4 and problem.place == "termen → zorgverlenr"
    assert "onbekende term 'zorgverlenr'" in problem.message
    assert "Bedoel je 'zorgverlener'?" in problem.message


def test_a_term_used_nowhere_is_reported(project: Path) -> None:
    _append(project / "regions" / "termen.yml", "sector: de sector van de zorg\n")
    for name in ("vlaanderen", "nederland"):
        path = project / "regions" / f"{name}.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "termen:\n", "termen:\n  sector: zorg\n"), encoding="utf-8")
    [problem] = check_regions(project)
    assert problem.file == "regions/termen.yml" and problem.place == "sector"
    assert "wordt nergens gebruikt" in problem.message


def test_the_removed_unused_terms_stay_removed(project: Path) -> None:
    for name in available_regions(project):
        assert not {"aanpak", "sector", "zorgwet", "ocmw"} & set(
            load_region(project, name).termen), name


def test_a_term_without_meaning_is_reported(project: Path) -> None:
    path = project / "regions" / "termen.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "\ncoach: wie de zorgverlener in het werk begeleidt\n", "\ncoach:\n"), encoding="utf-8")
    problems = _only(check_regions(project), "regions/termen.yml")
    assert any("de term 'coach' heeft geen betekenis" in p.message and p.line for p in problems)


@pytest.mark.parametrize("expression, words", [
    ("regio_brusel", ["'regio_brusel' in {only} is geen regio", "Bedoel je 'regio_brussel'?"]),
    ("brussel", ["'brussel' in {only}", "Bedoel je 'regio_brussel'?"]),
    ("regio_vlaanderen of regio_brussel", ["geen geldige voorwaarde", "or, and en not"]),
    ("regio_vlaanderen and", ["geen geldige voorwaarde"]),
])
def test_wrong_only_expressions_are_reported(project: Path, expression, words) -> None:
    line = _append(project / "book" / "voorwoord.md",
                   f"\n```{{only}} {expression}\nAlleen in Brussel.\n```\n")
    [problem] = _only(check_regions(project), "book/voorwoord.md")
    assert problem.line == line
    for word in words:
        assert word in str(problem), problem


def test_a_directive_inside_a_code_fence_is_reported(project: Path) -> None:
    line = _append(project / "book" / "voorwoord.md",
                   "\n````\n```{only} regio_brussel\nTekst.\n```\n````\n")
    [problem] = _only(check_regions(project), "book/voorwoord.md")
    assert problem.line == line + 1
    assert "staat in een codeblok" in problem.message and "grijze code" in problem.message


def test_an_unclosed_fence_is_reported(project: Path) -> None:
    line = _append(project / "book" / "voorwoord.md", "\n```{only} regio_brussel\nTekst.\n")
    [problem] = _only(check_regions(project), "book/voorwoord.md")
    assert problem.line == line and "nergens gesloten" in problem.message


def test_word_quotes_in_a_profile_are_reported(project: Path) -> None:
    _child(project, "termen:\n  coach: “teamcoach”\n")
    with pytest.raises(ContentError) as caught:
        load_region(project, "brussel_test")
    [problem] = caught.value.problems
    assert problem.line == 4 and "krul-aanhalingsteken" in problem.message
    assert "niet in Word" in problem.fix


def test_one_mistake_is_reported_once(project: Path) -> None:
    from draaiboek.checks import check_project

    _child(project, "termen:\n  coach: [niet af\n")
    problems = [p for p in check_project(project) if p.file == "regions/brussel_test.yml"]
    assert len(problems) == 1, problems


def test_choices_are_listed_with_dutch_of(project: Path) -> None:
    shutil.copy(FIXTURES / "bad_language.yml", project / "regions" / "bad_language.yml")
    with pytest.raises(ContentError) as caught:
        load_region(project, "bad_language")
    text = str(caught.value.problems[0])
    assert "'nl-BE' of 'nl-NL'" in text and " or " not in text


def test_setting_the_regio_term_by_hand_is_reported(project: Path) -> None:
    _child(project, "termen:\n  regio: Brussel\n")
    with pytest.raises(ContentError, match="komt vanzelf uit 'naam:'"):
        load_region(project, "brussel_test")


# --- Inheritance: lists, texts, leaving out ----------------------------------------------


def test_lists_can_be_extended_and_shortened(project: Path) -> None:
    _child(project, "wetten:\n  erbij:\n    - naam: Nieuwe ordonnantie\n      jaar: 2020\n"
                    "      waarover: Iets.\norganisaties:\n  zonder: [Awel]\n")
    parent, child = load_region(project, "vlaanderen"), load_region(project, "brussel_test")
    assert [w.naam for w in child.wetten] == [w.naam for w in parent.wetten] + [
        "Nieuwe ordonnantie"]
    assert [o.naam for o in child.organisaties] == [
        o.naam for o in parent.organisaties if o.naam != "Awel"]


def test_a_list_replaces_the_inherited_list(project: Path) -> None:
    _child(project, "wetten:\n  - naam: Enige wet\n    waarover: Iets.\n")
    assert [w.naam for w in load_region(project, "brussel_test").wetten] == ["Enige wet"]


def test_leaving_out_an_unknown_name_is_reported(project: Path) -> None:
    _child(project, "organisaties:\n  zonder: [Awell]\n")
    with pytest.raises(ContentError) as caught:
        load_region(project, "brussel_test")
    [problem] = caught.value.problems
    assert problem.line == 4 and "Bedoel je 'Awel'?" in problem.message


def test_a_region_text_fills_a_place_and_a_child_inherits_it(project: Path) -> None:
    folder = project / "regions" / "vlaanderen" / "tekst"
    folder.mkdir(parents=True)
    (folder / "h10-waar-terecht.md").write_text("Eigen tekst.\n", encoding="utf-8")
    _child(project)
    child = load_region(project, "brussel_test")
    assert child.teksten["h10-waar-terecht"].owner == "vlaanderen"
    assert check_regions(project) == []


def test_a_text_for_an_unknown_place_is_reported(project: Path) -> None:
    folder = project / "regions" / "nederland" / "tekst"
    folder.mkdir(parents=True)
    (folder / "h10-waar-teregt.md").write_text("Tekst.\n", encoding="utf-8")
    [problem] = check_regions(project)
    assert problem.file == "regions/nederland/tekst/h10-waar-teregt.md"
    assert "Bedoel je 'h10-waar-terecht'?" in problem.message


def test_a_term_used_only_in_a_regions_own_text_needs_no_other_entry(project: Path) -> None:
    folder = project / "regions" / "nederland" / "tekst"
    folder.mkdir(parents=True)
    (folder / "h10-waar-terecht.md").write_text("Bel {{ wijkteam_nummer }}.\n",
                                                encoding="utf-8")
    nl = project / "regions" / "nederland.yml"
    nl.write_text(nl.read_text(encoding="utf-8").replace(
        "termen:\n", "termen:\n  wijkteam_nummer: 14 038\n"), encoding="utf-8")
    assert check_regions(project) == []


def test_a_child_leaves_out_an_inherited_card_and_place(project: Path) -> None:
    from draaiboek.cards import load_cards

    _child(project, "zonder: [budgetbeheer-ocmw, h06-aanmelding]\n")
    child = load_region(project, "brussel_test")
    assert "h06-aanmelding" in child.zonder
    assert "budgetbeheer-ocmw" in {c.id for c in load_cards(project, "vlaanderen")}
    assert "budgetbeheer-ocmw" not in {c.id for c in load_cards(project, "brussel_test")}
    assert check_regions(project) == []


def test_leaving_out_something_unknown_is_reported(project: Path) -> None:
    _child(project, "zonder: [budgetbeheer-ocwm]\n")
    [problem] = _only(check_regions(project), "regions/brussel_test.yml")
    assert problem.line == 3 and "Bedoel je 'budgetbeheer-ocmw'?" in problem.message


def test_malformed_only_outside_sphinx_is_an_error_not_false(project: Path) -> None:
    from draaiboek.regions import resolve_only

    with pytest.raises(ContentError):
        resolve_only("```{only} regio_x of\nTekst\n```\n", load_region(project, "vlaanderen"))


def test_difference_with_the_parent(project: Path) -> None:
    from draaiboek.region_diff import difference

    diff = difference(project, load_region(project, "brussel"))
    assert ("het_ocmw", "het OCMW", "het OCMW van de gemeente") in diff.terms_changed
    assert "CAW Brussel" in diff.orgs_added and "Awel" not in diff.orgs_removed
    assert "h06-aanmelding" in [t.label for t in diff.texts_own]
    # The Flemish paragraph inside the place Brussel fills is not counted as inherited.
    assert not any(p.file.startswith("book/h06") and p.line < 60
                   for p in diff.paragraphs_inherited)
    assert diff.paragraphs_inherited and diff.cards_inherited == ["budgetbeheer-ocmw"]


def test_a_heading_in_a_region_text_is_reported(project: Path) -> None:
    folder = project / "regions" / "nederland" / "tekst"
    folder.mkdir(parents=True)
    (folder / "h10-waar-terecht.md").write_text("Tekst.\n\n## Titel\n", encoding="utf-8")
    [problem] = check_regions(project)
    assert problem.line == 3 and "geen titel" in problem.message
