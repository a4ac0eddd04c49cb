"""Method cards ("methodekaarten"): schema, loading, validation and the catalogue data.

A card is `methods/<id>.md` (or `regions/<regio>/methods/<id>.md` for one region only): YAML
front matter with the structured fields, then seven fixed `##` sections. One schema
(`CardFields`, also exported as JSON Schema for authors' editors) and one loader serve the
book, the Jupyter browser, the PDF deck and `draaiboek check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..problems import ContentError, Problem, display_path, problems_from_validation
from ..regions import REGIONS_FOLDER, Region, load_region, localise
from ..yamlfile import read_yaml
from ..textfile import read_text

CARDS_FOLDER = "methods"
PHASES = {
    "kennismaking": "Kennismaking",
    "in-kaart-brengen": "In kaart brengen",
    "plannen": "Plannen",
    "uitvoeren": "Uitvoeren",
    "evalueren": "Evalueren",
    "afsluiten": "Afsluiten",
}
THEMES = {
    "netwerk": "Netwerk",
    "motivatie": "Motivatie",
    "communicatie": "Communicatie",
    "praktisch": "Praktisch",
    "veiligheid": "Veiligheid",
    "reflectie": "Reflectie",
    "coaching": "Coaching",
}
SECTIONS = (
    "Waarvoor dient het?",
    "Wanneer gebruik je het?",
    "Stappen",
    "Samen met het gezin",
    "Valkuilen",
    "Aanpassen bij weinig leesvaardigheid of een andere taal",
    "Bronnen",
)
MIN_WORDS = 250
# Duration classes for the catalogue filter: (label, lowest minute, highest minute).
DURATIONS = {
    "kort": ("Tot 15 minuten", 0, 15),
    "middel": ("15 tot 45 minuten", 15, 45),
    "lang": ("Langer dan 45 minuten", 45, 10_000),
}
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)---[ \t]*\n", re.DOTALL)
_SECTION = re.compile(r"^## +(?P<title>.+?)\s*$", re.MULTILINE)

Phase = Literal["kennismaking", "in-kaart-brengen", "plannen", "uitvoeren", "evalueren",
                "afsluiten"]
Theme = Literal["netwerk", "motivatie", "communicatie", "praktisch", "veiligheid", "reflectie",
                "coaching"]


class Origin(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    wie: str = Field(description="Wie de methode bedacht of waar ze vandaan komt.")
    jaar: int | None = Field(None, ge=1900, le=2100, description="Jaar (alleen als het vaststaat).")


class CardFields(BaseModel):
    """The front matter of a method card."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Methodekaart")

    titel: str = Field(description="Naam van de methode (mag een {{ term }} bevatten).")
    samenvatting: str = Field(description="Eén eenvoudige zin: wat is het?")
    fasen: list[Phase] = Field(min_length=1, description="Fasen van het traject.")
    themas: list[Theme] = Field(min_length=1, description="Thema's.")
    hoofdstukken: list[int] = Field(min_length=1, description="Hoofdstukken 1 tot 11.")
    duur_minuten: tuple[int, int] = Field(description="Duur van één keer: [minimum, maximum].")
    materiaal: list[str] = Field(default_factory=list, description="Wat je nodig hebt.")
    herkomst: Origin = Field(description="Herkomst: wie en (als het vaststaat) jaar.")
    niveau: Literal["basis", "gevorderd"] = Field(description="basis of gevorderd.")

    @field_validator("hoofdstukken")
    @classmethod
    def _chapters_exist(cls, value: list[int]) -> list[int]:
        wrong = [n for n in value if not 1 <= n <= 11]
        if wrong:
            raise ValueError(
                f"hoofdstuk {wrong[0]} bestaat niet | Gebruik nummers van 1 tot en met 11."
            )
        return value

    @field_validator("duur_minuten")
    @classmethod
    def _duration_in_order(cls, value: tuple[int, int]) -> tuple[int, int]:
        if value[0] < 1 or value[0] > value[1]:
            raise ValueError(
                "de duur klopt niet | Schrijf [minimum, maximum] in minuten, bv. [15, 30]."
            )
        return value


@dataclass(frozen=True)
class Card:
    id: str
    fields: CardFields
    sections: dict[str, str]
    file: str
    region: str | None = None  # set for a card from a region overlay

    @property
    def words(self) -> int:
        return sum(len(re.findall(r"\w+", text)) for text in self.sections.values())

    @property
    def durations(self) -> list[str]:
        low, high = self.fields.duur_minuten
        return [key for key, (_, lo, hi) in DURATIONS.items() if low < hi and high > lo]

    def body_markdown(self) -> str:
        return "\n\n".join(f"## {title}\n\n{text}" for title, text in self.sections.items())


def parse_card(text: str, file: str, region: str | None = None) -> Card:
    """Validate one card file's text; every problem names the file and the line."""
    card_id = Path(file).stem
    problems: list[Problem] = []
    if not ID_PATTERN.match(card_id):
        problems.append(Problem(file, f"de bestandsnaam '{card_id}' is geen geldige id.",
                                "Gebruik kleine letters, cijfers en streepjes, bv. drie-huizen.md."))
    match = _FRONT.match(text)
    if not match:
        raise ContentError(problems + [Problem(
            file, "de kaart begint niet met velden tussen twee regels '---'.",
            "Zet bovenaan '---', dan titel:, fasen:, ... en sluit af met '---'.", 1)])
    doc = read_yaml(match.group("yaml"), file, first_line=2)
    fields = None
    if not isinstance(doc.data, dict):
        problems.append(Problem(file, "de velden bovenaan ontbreken.", "Vul titel:, fasen:, ... in.", 2))
    else:
        try:
            fields = CardFields.model_validate(doc.data)
        except ValidationError as exc:
            problems += problems_from_validation(exc, file, doc.line_of, CardFields)
    body_start = text.count("\n", 0, match.end()) + 1
    sections, section_problems = _sections(text[match.end():], file, body_start)
    problems += section_problems
    card = None
    if fields is not None and not section_problems:
        card = Card(card_id, fields, sections, file, region)
        if card.words < MIN_WORDS:
            problems.append(Problem(file, f"de kaart heeft {card.words} woorden tekst.",
                                    f"Schrijf minstens {MIN_WORDS} woorden in de zeven delen."))
    if problems or card is None:
        raise ContentError(problems)
    return card


def _sections(body: str, file: str, first_line: int) -> tuple[dict[str, str], list[Problem]]:
    found = list(_SECTION.finditer(body))
    titles = [m.group("title") for m in found]
    problems = []
    for expected in SECTIONS:
        if expected not in titles:
            problems.append(Problem(file, f"het deel '## {expected}' ontbreekt.",
                                    "Elke kaart heeft deze zeven delen: "
                                    + "; ".join(SECTIONS) + "."))
    for match in found:
        if match.group("title") not in SECTIONS:
            line = body.count("\n", 0, match.start()) + first_line
            problems.append(Problem(file, f"onbekend deel '## {match.group('title')}'.",
                                    "Gebruik alleen de zeven vaste kopjes (zie README).", line))
    if not problems and titles != list(SECTIONS):
        problems.append(Problem(file, "de delen staan niet in de vaste volgorde.",
                                "Volgorde: " + "; ".join(SECTIONS) + "."))
    sections = {}
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(body)
        sections[match.group("title")] = body[match.end():end].strip()
    return sections, problems


def card_files(root: Path, region: str | None) -> list[tuple[Path, str | None]]:
    """The shared cards plus the overlay cards of the region and every profile it extends."""
    files = [(p, None) for p in sorted((root / CARDS_FOLDER).glob("*.md")) if p.stem != "index"]
    if region:
        profile = load_region(root, region)
        for rid in profile.chain:
            files += [(p, rid) for p in sorted((root / REGIONS_FOLDER / rid / CARDS_FOLDER).glob("*.md"))]
        # A region may leave out inherited cards (`zonder:` in its profile).
        files = [(p, rid) for p, rid in files if p.stem not in profile.zonder]
    return files


def load_cards(root: Path, region: str | None = None) -> list[Card]:
    """All cards for a region (shared + overlays), sorted by title; ContentError lists
    every problem of every file."""
    cards, problems = [], []
    seen: dict[str, str] = {}
    for path, rid in card_files(root, region):
        name = display_path(path, root)
        try:
            card = parse_card(read_text(path, name), name, rid)
        except ContentError as exc:
            problems += exc.problems
            continue
        if card.id in seen:
            problems.append(Problem(name, f"de id '{card.id}' bestaat al ({seen[card.id]}).",
                                    "Geef de kaart een andere bestandsnaam."))
            continue
        seen[card.id] = name
        cards.append(card)
    if problems:
        raise ContentError(problems)
    return sorted(cards, key=lambda c: c.fields.titel.lower())


def check_cards(root: Path, regions: list[str]) -> list[Problem]:
    """Every card of every region is valid, and every chapter it names exists."""
    from ..project import chapter_page

    problems: list[Problem] = []
    reported: set[str] = set()
    for region in regions:
        try:
            cards = load_cards(root, region)
        except ContentError as exc:
            found = exc.problems
        else:
            found = []
            for card in cards:
                for number in card.fields.hoofdstukken:
                    try:
                        chapter_page(root, str(number))
                    except FileNotFoundError:
                        found.append(Problem(card.file, f"hoofdstuk {number} bestaat niet.",
                                             "Verwijder het nummer uit 'hoofdstukken:' of "
                                             "schrijf eerst het hoofdstuk.", place="hoofdstukken"))
        fresh = [p for p in found if str(p) not in reported]
        reported |= {str(p) for p in fresh}
        problems += fresh
    return problems


def json_schema() -> dict:
    """JSON Schema of the front matter, for an author's editor."""
    return CardFields.model_json_schema()


def _plain_text(markdown: str) -> str:
    """The words a reader sees in rendered Markdown: no markup, no link targets."""
    from markdown_it import MarkdownIt

    words = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("code_block", "fence"):
            words.append(token.content)
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
    return " ".join(words)


def search_text(card: Card, region: Region, linked: list[str] | tuple[str, ...] = ()) -> str:
    """What the card shows in this region's book, as one lower-case line for text search:
    title, summary, fields and sections, with `{only}` blocks resolved and terms filled in
    (the same `localise` the pages and the Jupyter browser use), Markdown stripped; plus
    `linked`, the titles of the pages the card links to where the caller shows them."""
    fields = card.fields
    parts = [fields.titel, fields.samenvatting, card.body_markdown()]
    shown = " ".join(_plain_text(localise(part, region)) for part in parts)
    extra = [*(PHASES[p] for p in fields.fasen), *(THEMES[t] for t in fields.themas),
             *fields.materiaal, fields.herkomst.wie, fields.niveau, *linked]
    # Each word once (a query word is found inside one word): the catalogue page stays small.
    words = re.findall(r"\w[\w'’-]*", f"{shown} {' '.join(extra)}".lower())
    return " ".join(dict.fromkeys(words))


def filter_cards(
    cards: list[Card],
    region: Region,
    fase: str | None = None,
    thema: str | None = None,
    hoofdstuk: int | None = None,
    duur: str | None = None,
    tekst: str | None = None,
) -> list[Card]:
    """The cards that match every filter given (the same filters as the book's catalogue;
    the text is searched in what the region's edition shows, see `search_text`)."""
    words = re.findall(r"\w[\w'’-]*", (tekst or "").lower())

    def matches(card: Card) -> bool:
        return ((not fase or fase in card.fields.fasen)
                and (not thema or thema in card.fields.themas)
                and (not hoofdstuk or hoofdstuk in card.fields.hoofdstukken)
                and (not duur or duur in card.durations)
                and (not words or all(w in search_text(card, region) for w in words)))

    return [card for card in cards if matches(card)]
