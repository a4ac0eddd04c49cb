"""The word lists of the language variants and the check that the reader gets their own Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from draaiboek.checks import check_project
from draaiboek.problems import ContentError
from draaiboek.variants import check_variants, load_word_lists, only_blocks

ROOT = Path(__file__).resolve().parents[1]

PROFILE = """naam: {naam}
taal: {taal}
termen:
  brooddoos: {brooddoos}
"""

WORDS_BE = """taal: nl-BE
woorden:
  - woord: brooddoos
    vormen: [brooddozen]
    anders: broodtrommel
    term: brooddoos
  - woord: op voorhand
    anders: van tevoren
  - woord: CAW
    anders: algemeen maatschappelijk werk
    hoofdletters: true
"""

WORDS_NL = """taal: nl-NL
woorden:
  - woord: broodtrommel
    anders: brooddoos
"""


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    """A project with two regions, two word lists and one chapter."""
    (tmp_path / "regions" / "woorden").mkdir(parents=True)
    (tmp_path / "regions" / "vlaanderen.yml").write_text(
        PROFILE.format(naam="Vlaanderen", taal="nl-BE", brooddoos="brooddoos"), encoding="utf-8")
    (tmp_path / "regions" / "nederland.yml").write_text(
        PROFILE.format(naam="Nederland", taal="nl-NL", brooddoos="broodtrommel"),
        encoding="utf-8")
    (tmp_path / "regions" / "woorden" / "nl-BE.yml").write_text(WORDS_BE, encoding="utf-8")
    (tmp_path / "regions" / "woorden" / "nl-NL.yml").write_text(WORDS_NL, encoding="utf-8")
    (tmp_path / "book").mkdir()
    return tmp_path


def write(project: Path, text: str, name: str = "book/h01-test.md") -> None:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_flemish_word_is_flagged_with_file_line_and_fix(mini: Path) -> None:
    write(mini, "# Titel\n\nDe kinderen nemen hun Brooddozen mee.\n")
    problems = check_variants(mini)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line) == ("book/h01-test.md", 3)
    assert "'Brooddozen' is Vlaams" in problem.message and "Nederland" in problem.message
    assert "broodtrommel" in problem.message
    assert "{{ brooddoos }}" in problem.fix and "{only}-blok" in problem.fix


def test_phrases_span_line_breaks_and_capitals_count_only_where_asked(mini: Path) -> None:
    write(mini, "Zeg het op\nvoorhand.\n\nHet caw van de buurt is geen CAW.\n")
    problems = check_variants(mini)
    assert [(p.line, p.message.split("'")[1]) for p in problems] == [(1, "op\nvoorhand"),
                                                                      (4, "CAW")]


def test_a_word_in_an_only_block_for_the_right_region_is_not_flagged(mini: Path) -> None:
    write(mini, "Begin.\n\n```{only} regio_vlaanderen\nDe brooddoos staat klaar.\n```\n\n"
                "````{only} not regio_nederland\nOok hier: brooddozen.\n````\n")
    assert check_variants(mini) == []


def test_a_word_in_an_only_block_for_the_wrong_region_is_flagged(mini: Path) -> None:
    write(mini, "```{only} regio_nederland\nDe brooddoos staat klaar.\n```\n\n"
                "```{only} regio_vlaanderen\nDe broodtrommel ook.\n```\n")
    problems = check_variants(mini)
    assert [p.line for p in problems] == [2, 6]
    assert "Vlaanderen" in problems[1].message


def test_a_word_inside_a_term_is_not_flagged(mini: Path) -> None:
    write(mini, "Neem je {{ brooddoos }} mee.\n")
    assert check_variants(mini) == []


def test_only_blocks_in_yaml_text_and_overlays_of_one_region(mini: Path) -> None:
    write(mini, "titel: Een casus\ntekst: |\n  Begin.\n  ```{only} regio_vlaanderen\n"
                "  Met de brooddoos.\n  ```\n", "cases/test.yml")
    write(mini, "De brooddoos en het CAW.\n", "regions/vlaanderen/methods/kaart.md")
    write(mini, "De brooddoos.\n", "regions/nederland/methods/kaart.md")
    problems = check_variants(mini)
    assert [(p.file, p.line) for p in problems] == [("regions/nederland/methods/kaart.md", 1)]


def test_only_blocks_end_at_their_own_fence() -> None:
    text = "a\n````{only} regio_x\n```{note}\nb\n```\nc\n````\nd\n"
    assert only_blocks(text) == [(2, 7, "regio_x")]


def test_a_bad_word_list_gets_a_dutch_message(mini: Path) -> None:
    (mini / "regions" / "woorden" / "nl-NL.yml").write_text(
        "taal: nl-NL\nwoorden:\n  - woord: mobiel\n    andres: gsm\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_word_lists(mini)
    text = str(info.value)
    assert "regions/woorden/nl-NL.yml" in text and "onbekend veld 'andres'" in text
    assert "regel 4" in text


def test_the_word_lists_of_the_project_are_valid_and_not_empty() -> None:
    lists = {loaded.words.taal: loaded for loaded in load_word_lists(ROOT)}
    assert set(lists) == {"nl-BE", "nl-NL"}
    assert len(lists["nl-BE"].words.woorden) >= 40
    assert len(lists["nl-NL"].words.woorden) >= 25


def test_shared_words_are_not_on_the_lists() -> None:
    """A word both variants use is a false alarm in every chapter: keep it off the lists."""
    shared = {"huisarts", "gemeente", "consultatiebureau", "juf", "tas", "mobiel", "punten",
              "verlof", "schepen", "koelkast", "leefgeld", "budgetbeheer", "namiddag",
              "studiebegeleiding", "plots", "proper", "nota's", "leerkracht", "bijstand"}
    for loaded in load_word_lists(ROOT):
        for word in loaded.words.woorden:
            assert not {f.lower() for f in word.forms()} & shared, word.woord


def test_the_real_project_reads_in_each_editions_own_dutch() -> None:
    problems = check_variants(ROOT)
    assert problems == [], "\n".join(str(p) for p in problems[:20])


def test_the_real_project_passes_the_whole_check() -> None:
    problems = check_project(ROOT)
    assert problems == [], "\n".join(str(p) for p in problems[:20])
