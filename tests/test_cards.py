"""Method cards: schema, sections, overlays, Dutch errors, the Jupyter API and the deck."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from draaiboek.cards.catalogue import (
    SECTIONS,
    check_cards,
    filter_cards,
    json_schema,
    load_cards,
    parse_card,
)
from draaiboek.problems import ContentError

FRONT = """---
titel: Testkaart
samenvatting: Een kaart om te testen.
fasen: [in-kaart-brengen]
themas: [netwerk]
hoofdstukken: [1]
duur_minuten: [20, 40]
materiaal: [papier]
herkomst:
  wie: Draaiboek
niveau: basis
---
"""
SENTENCE = "Je doet dit samen met het gezin, in kleine stappen en in gewone woorden. "


def card_text(front: str = FRONT, sections=SECTIONS, words: int = 50) -> str:
    body = "".join(f"## {title}\n\n{SENTENCE * (words // 13 + 1)}\n\n" for title in sections)
    return front + "\n" + body


def test_a_valid_card_parses_with_its_sections() -> None:
    card = parse_card(card_text(), "methods/testkaart.md")
    assert card.id == "testkaart" and card.fields.fasen == ["in-kaart-brengen"]
    assert list(card.sections) == list(SECTIONS)
    assert card.words >= 250
    assert card.durations == ["middel"]


@pytest.mark.parametrize(
    "text, line, words",
    [
        (card_text(FRONT.replace("fasen:", "fase:")), 4,
         ["onbekend veld 'fase'", "Bedoel je 'fasen'?"]),
        (card_text(FRONT.replace("[in-kaart-brengen]", "[inkaart]")), 4,
         ["'inkaart' is niet toegelaten", "kennismaking"]),
        (card_text(FRONT.replace("[netwerk]", "[geld]")), 5, ["'geld' is niet toegelaten"]),
        (card_text(FRONT.replace("niveau: basis\n", "")), 2, ["'niveau' ontbreekt"]),
        (card_text(FRONT.replace("[1]", "[12]")), 6, ["hoofdstuk 12 bestaat niet"]),
        (card_text(FRONT.replace("[20, 40]", "[40, 20]")), 7, ["de duur klopt niet"]),
        (card_text(FRONT.replace("titel: Testkaart", "titel: Test: kaart")), 2,
         ["YAML-opmaak"]),
        (card_text(sections=SECTIONS[:-1]), None, ["'## Bronnen' ontbreekt"]),
        (card_text(sections=(*SECTIONS[:3], "Stappenplan", *SECTIONS[3:])), None,
         ["onbekend deel '## Stappenplan'"]),
        (card_text(words=10), None, ["woorden tekst", "minstens 250"]),
        ("Geen velden.\n", 1, ["begint niet met velden"]),
    ],
)
def test_bad_cards_name_file_line_and_fix(text: str, line, words: list[str]) -> None:
    with pytest.raises(ContentError) as caught:
        parse_card(text, "methods/testkaart.md")
    problem = next(p for p in caught.value.problems if words[0] in str(p))
    assert problem.file == "methods/testkaart.md"
    if line is not None:
        assert problem.line == line, str(problem)
    for word in words:
        assert word in str(problem), str(problem)
    assert problem.fix


def test_overlay_cards_belong_to_their_region_only(project: Path) -> None:
    overlay = project / "regions" / "nederland" / "methods"
    overlay.mkdir(parents=True, exist_ok=True)
    (overlay / "alleen-nederland.md").write_text(card_text(), encoding="utf-8")
    nl = {c.id: c for c in load_cards(project, "nederland")}
    vl = {c.id for c in load_cards(project, "vlaanderen")}
    assert nl["alleen-nederland"].region == "nederland"
    assert "alleen-nederland" not in vl


def test_duplicate_id_between_overlay_and_shared_cards(project: Path) -> None:
    shared = next(p for p in sorted((project / "methods").glob("*.md")) if p.stem != "index")
    overlay = project / "regions" / "vlaanderen" / "methods"
    overlay.mkdir(parents=True, exist_ok=True)
    shutil.copy(shared, overlay / shared.name)
    problems = check_cards(project, ["vlaanderen"])
    assert any(f"de id '{shared.stem}' bestaat al" in p.message for p in problems)


def test_every_card_of_the_project_is_valid(project: Path) -> None:
    assert check_cards(project, ["vlaanderen", "nederland"]) == []
    cards = load_cards(project, "vlaanderen")
    assert len(cards) >= 40
    for phase in ("kennismaking", "in-kaart-brengen", "plannen", "uitvoeren", "evalueren",
                  "afsluiten"):
        assert filter_cards(cards, fase=phase), phase
    for theme in ("netwerk", "motivatie", "communicatie", "praktisch", "veiligheid",
                  "reflectie", "coaching"):
        assert filter_cards(cards, thema=theme), theme


def test_filters_combine() -> None:
    card = parse_card(card_text(), "methods/testkaart.md")
    assert filter_cards([card], fase="in-kaart-brengen", thema="netwerk", hoofdstuk=1,
                        duur="middel", tekst="kleine STAPPEN") == [card]
    assert filter_cards([card], duur="kort") == []
    assert filter_cards([card], tekst="bestaat-niet") == []


def test_json_schema_describes_every_field() -> None:
    schema = json_schema()
    assert schema["title"] == "Methodekaart"
    assert set(schema["required"]) >= {"titel", "fasen", "themas", "hoofdstukken", "niveau"}
    assert "kennismaking" in str(schema["properties"]["fasen"])


def test_card_browser_filters_and_shows_a_card(project: Path) -> None:
    from draaiboek.cards.widget import card_html, kaarten, kaartenbrowser

    network = kaarten(regio="nederland", root=project, thema="netwerk")
    assert network and all("netwerk" in c.fields.themas for c in network)
    browser = kaartenbrowser(regio="nederland", root=project)
    choice, shown = browser.children[3], browser.children[4]
    assert len(choice.options) == len(load_cards(project, "nederland"))
    choice.value = choice.options[0][1]
    assert "<h3>" in shown.value and "{{" not in shown.value
    html = card_html(network[0], "nederland", project)
    assert "Stappen" in html


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) ontbreekt")
@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_printable_deck_one_sheet_per_card(project: Path, tmp_path: Path, region: str) -> None:
    from draaiboek.cards.deck import PAGES_PER_CARD, write_deck
    from draaiboek.regions import load_region

    cards = load_cards(project, region)
    result = write_deck(cards, load_region(project, region), tmp_path / "deck.pdf")
    assert result.pages == PAGES_PER_CARD * len(cards)
    assert min(result.sizes.values()) >= 8.5, "readable when printed"
    for index, card in enumerate(cards):
        front = 1 + index * PAGES_PER_CARD
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(front), "-l", str(front + 1),
             str(result.path), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        first_words = " ".join(card.fields.titel.split()[:2])
        assert "{{" not in flat, card.id
        if "{{" not in card.fields.titel:
            assert first_words in flat, (card.id, front)
        last_words = " ".join(card.sections["Bronnen"].split()[-2:]).strip("*_.")
        assert last_words.split()[-1].strip("*_.") in flat, (card.id, "cut off?")
    pages = subprocess.run(["pdftoppm", "-r", "30", "-png", str(result.path),
                            str(tmp_path / "pagina")], capture_output=True)
    assert pages.returncode == 0
    assert len(list(tmp_path.glob("pagina-*.png"))) == result.pages
