"""Region profiles: schema, inheritance, substitution map, tags and the static term check.

A region profile is `regions/<id>.yml`. It names the region, its language tag, the terms that
replace `{{ key }}` in every page, card, case and exercise, the organisations and laws shown on
the sociale-kaart page, and what it leaves out of what it inherits. A profile may `extends:`
another one: it inherits everything and overrides what it sets (terms one by one; a list is
replaced when the child writes a list, changed when it writes `erbij:` / `zonder:`).

Around a profile:
- `regions/termen.yml` says what each term means (one line per term);
- `regions/<id>/methods/` and `regions/<id>/cases/` hold the region's own cards and cases;
- `regions/<id>/tekst/<plek>.md` fills the place `{regio-tekst} <plek>` in a chapter.
The term `regio` is the profile's `naam`, never set by hand.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Generic, Literal, TypeVar, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
)

from .problems import ContentError, Problem, display_path, problems_from_validation
from .textfile import read_text
from .yamlfile import read_yaml, validate_yaml

DEFAULT_REGION = "vlaanderen"
REGIONS_FOLDER = "regions"
MEANINGS_FILE = "termen.yml"
TEXT_FOLDER = "tekst"
OVERLAY_FOLDERS = ("methods", "cases", TEXT_FOLDER)
NAME_TERM = "regio"  # filled in from the profile's `naam`
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# `{{ key }}` is the only form allowed in content; anything else between {{ }} is an error,
# so that the static check sees every term a page needs.
SUBSTITUTION = re.compile(r"\{\{(.*?)\}\}")
# Folders whose text may use region terms, and the kinds of files in them.
CONTENT_FOLDERS = ("book", "methods", "cases", "exercises", "notebooks")
CONTENT_SUFFIXES = (".md", ".ipynb", ".yml", ".yaml")
# Quotes that Word and phones put in place of " and ': YAML takes them as part of the text.
CURLY_QUOTES = "“”„‘’‚«»"
_CURLY_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?([" + CURLY_QUOTES + r"])")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(_Strict):
    """A service or organisation on the region's sociale kaart."""

    naam: str = Field(description="Naam van de organisatie of dienst.")
    wat: str = Field(description="Wat ze voor een gezin doet, in één of twee zinnen.")
    contact: str = Field("", description="Telefoon of hoe je ze bereikt (optioneel).")
    bron: str = Field("", description="Waar dit nagekeken is (optioneel, niet getoond).")


class Law(_Strict):
    """A legal framework that matters for the work in this region."""

    naam: str = Field(description="Naam van de wet of het decreet.")
    jaar: int | None = Field(None, description="Jaar van de wet (optioneel).")
    waarover: str = Field(description="Waar de wet over gaat, in gewone woorden.")
    bron: str = Field("", description="Waar dit nagekeken is (optioneel, niet getoond).")


Item = TypeVar("Item", Organisation, Law)


class ListChange(_Strict, Generic[Item]):
    """A change to an inherited list: names to leave out, items to add at the end."""

    zonder: list[str] = Field(default_factory=list, description="Namen die wegvallen.")
    erbij: list[Item] = Field(default_factory=list, description="Wat erbij komt.")


def _list_or_change(value) -> str:
    return "wijziging" if isinstance(value, dict) else "lijst"


Organisations = Annotated[
    Union[Annotated[list[Organisation], Tag("lijst")],
          Annotated[ListChange[Organisation], Tag("wijziging")]],
    Discriminator(_list_or_change),
]
Laws = Annotated[
    Union[Annotated[list[Law], Tag("lijst")], Annotated[ListChange[Law], Tag("wijziging")]],
    Discriminator(_list_or_change),
]
_UNION_TAGS = ("lijst", "wijziging")


class RegionFile(_Strict):
    """What one profile file may contain (before inheritance is applied)."""

    naam: str | None = Field(None, description="Naam van de regio zoals lezers die zien.")
    extends: str | None = Field(None, description="Profiel waarvan dit profiel erft.")
    taal: Literal["nl-BE", "nl-NL"] | None = Field(None, description="Taalcode: nl-BE of nl-NL.")
    termen: dict[str, str] = Field(default_factory=dict, description="Woorden per regio.")
    organisaties: Organisations | None = Field(None, description="De sociale kaart.")
    wetten: Laws | None = Field(None, description="Wetten en regels.")
    zonder: list[str] = Field(default_factory=list,
                              description="Geërfde kaarten en tekstplekken die wegvallen.")

    @field_validator("termen", "zonder", mode="before")
    @classmethod
    def _empty_is_nothing(cls, value, info):
        # A starter profile has every term commented out: `termen:` alone means none.
        if value is None:
            return {} if info.field_name == "termen" else []
        return value

    @field_validator("termen")
    @classmethod
    def _keys_are_simple(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if not KEY_PATTERN.match(key):
                raise ValueError(
                    f"de term '{key}' heeft een ongeldige naam | Gebruik kleine letters, "
                    "cijfers en _ (bijvoorbeeld de_dienst)."
                )
        return value


@dataclass(frozen=True)
class RegionText:
    """The text a region puts in a `{regio-tekst}` place of a chapter."""

    place: str
    file: str
    owner: str  # the region whose folder holds the file
    text: str


@dataclass(frozen=True)
class Region:
    """A region profile with its inheritance applied: what the renderers use."""

    id: str
    naam: str
    taal: str
    termen: dict[str, str]
    organisaties: tuple[Organisation, ...]
    wetten: tuple[Law, ...]
    # tags: regio_<id> for the region and every profile it extends.
    tags: tuple[str, ...]
    files: tuple[str, ...] = field(default=())
    teksten: dict[str, RegionText] = field(default_factory=dict)
    zonder: frozenset[str] = field(default=frozenset())

    @property
    def chain(self) -> tuple[str, ...]:
        """This region and the profiles it extends, nearest first."""
        return tuple(Path(f).stem for f in self.files)

    @property
    def parent(self) -> str | None:
        return self.chain[1] if len(self.chain) > 1 else None


def region_path(root: Path, region_id: str) -> Path:
    return root / REGIONS_FOLDER / f"{region_id}.yml"


def available_regions(root: Path) -> list[str]:
    folder = root / REGIONS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yml") if p.name != MEANINGS_FILE)


def curly_quote_problems(text: str, file: str) -> list[Problem]:
    """Values that start with a quote from Word: YAML keeps the quotes as text."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _CURLY_VALUE.match(line)
        if match:
            problems.append(Problem(
                file,
                f"hier staat een krul-aanhalingsteken ({match.group(1)}), zoals Word dat maakt. "
                "Het komt dan letterlijk in het boek.",
                "Typ gewone rechte aanhalingstekens (\") of laat ze weg. Werk in een "
                "teksteditor, niet in Word.",
                number,
            ))
    return problems


def read_region_file(path: Path, root: Path) -> RegionFile:
    """Read and validate one profile file, without inheritance."""
    name = display_path(path, root)
    try:
        text = read_text(path, name)
    except OSError:
        raise ContentError(
            [Problem(name, "dit regioprofiel bestaat niet.", "Kijk de naam van de regio na.")]
        ) from None
    except UnicodeDecodeError:
        raise ContentError([Problem(
            name, "dit bestand is geen gewone tekst (UTF-8).",
            "Bewaar het in een teksteditor als UTF-8, niet in Word.")]) from None
    quotes = curly_quote_problems(text, name)
    try:
        doc = read_yaml(text, name)
    except ContentError as exc:
        raise ContentError(quotes + exc.problems) from None
    if not isinstance(doc.data, dict):
        raise ContentError(quotes + [Problem(
            name, "een regioprofiel moet velden bevatten (naam:, taal:, termen:, ...)",
            "Begin met 'naam: ...' op de eerste regel.", 1)])
    try:
        profile = RegionFile.model_validate(doc.data)
    except ValidationError as exc:
        def line_of(loc: tuple) -> int | None:
            return doc.line_of(tuple(p for p in loc if p not in _UNION_TAGS))

        raise ContentError(quotes + problems_from_validation(exc, name, line_of, RegionFile)
                           ) from None
    if quotes:
        raise ContentError(quotes)
    return profile


def load_region(root: Path, region_id: str) -> Region:
    """Load a profile and everything it extends; raise ContentError naming file and line."""
    chain: list[tuple[str, RegionFile]] = []
    current: str | None = region_id
    child_file = None
    while current is not None:
        if current in [rid for rid, _ in chain]:
            raise ContentError(
                [
                    Problem(
                        display_path(region_path(root, chain[-1][0]), root),
                        f"'extends: {current}' maakt een kring: de profielen erven van elkaar.",
                        "Laat één profiel zonder 'extends:' staan als basis.",
                        _line_of_key(root, chain[-1][0], "extends"),
                        place="extends",
                    )
                ]
            )
        path = region_path(root, current)
        if not path.is_file():
            known = ", ".join(available_regions(root)) or "geen"
            if child_file is None:
                raise ContentError(
                    [
                        Problem(
                            display_path(path, root),
                            f"de regio '{current}' bestaat niet.",
                            f"Kies een bestaande regio ({known}) of maak {REGIONS_FOLDER}/"
                            f"{current}.yml aan.",
                        )
                    ]
                )
            raise ContentError(
                [
                    Problem(
                        child_file,
                        f"'extends: {current}' verwijst naar een profiel dat niet bestaat.",
                        f"Kies een bestaand profiel ({known}) of maak {REGIONS_FOLDER}/"
                        f"{current}.yml aan.",
                        _line_of_key(root, chain[-1][0], "extends"),
                        "extends",
                    )
                ]
            )
        profile = read_region_file(path, root)
        chain.append((current, profile))
        child_file = display_path(path, root)
        current = profile.extends
    return _merge(region_id, chain, root)


def _line_of_key(root: Path, region_id: str, key: str, *more: str | int) -> int | None:
    path = region_path(root, region_id)
    doc = read_yaml(read_text(path, display_path(path, root)), display_path(path, root))
    return doc.line_of((key, *more))


def _apply(items: list, change, what: str, file: str, line_of) -> tuple[list, list[Problem]]:
    """A child's list replaces the inherited one; `zonder:`/`erbij:` change it."""
    if change is None:
        return items, []
    if isinstance(change, list):
        return list(change), []
    problems = []
    names = [item.naam for item in items]
    for index, name in enumerate(change.zonder):
        if name not in names:
            hint = difflib.get_close_matches(name, names, n=1)
            problems.append(Problem(
                file, f"'{name}' staat niet in de geërfde {what}, dus kan niet wegvallen."
                + (f" Bedoel je '{hint[0]}'?" if hint else ""),
                "Schrijf de naam precies zoals in het profiel waarvan je erft"
                + (f" (een van: {', '.join(names)})." if names else "."),
                line_of(("zonder", index)), f"{what} → zonder"))
    kept = [item for item in items if item.naam not in change.zonder]
    return kept + list(change.erbij), problems


def _merge(region_id: str, chain: list[tuple[str, RegionFile]], root: Path) -> Region:
    """Apply inheritance: the base first, each child overriding what it sets."""
    naam = taal = None
    termen: dict[str, str] = {}
    organisaties: list[Organisation] = []
    wetten: list[Law] = []
    tags: list[str] = []
    zonder: set[str] = set()
    problems: list[Problem] = []
    for rid, profile in reversed(chain):
        file = display_path(region_path(root, rid), root)
        naam = profile.naam or naam
        taal = profile.taal or taal
        if NAME_TERM in profile.termen:
            problems.append(Problem(
                file, f"de term '{NAME_TERM}' komt vanzelf uit 'naam:'.",
                f"Haal de regel '{NAME_TERM}: ...' onder 'termen:' weg en zet de naam bij "
                "'naam:'.", _line_of_key(root, rid, "termen", NAME_TERM),
                f"termen → {NAME_TERM}"))
        termen.update(profile.termen)
        for key, current, what in (("organisaties", organisaties, "organisaties"),
                                   ("wetten", wetten, "wetten")):
            changed, found = _apply(current, getattr(profile, key), what, file,
                                    lambda loc, rid=rid, key=key: _line_of_key(root, rid, key,
                                                                               *loc))
            problems += found
            if key == "organisaties":
                organisaties = changed
            else:
                wetten = changed
        zonder |= set(profile.zonder)
        tags.append(f"regio_{rid}")
    file = display_path(region_path(root, region_id), root)
    missing = [name for name, value in (("naam", naam), ("taal", taal)) if value is None]
    problems += [
        Problem(file, f"het verplichte veld '{m}' ontbreekt (ook niet geërfd via extends).",
                f"Voeg '{m}:' toe aan het profiel.", 1, m)
        for m in missing
    ]
    if problems:
        raise ContentError(problems)
    termen[NAME_TERM] = naam
    ids = [rid for rid, _ in chain]
    return Region(
        id=region_id,
        naam=naam,
        taal=taal,
        termen=termen,
        organisaties=tuple(organisaties),
        wetten=tuple(wetten),
        tags=tuple(dict.fromkeys(tags)),
        files=tuple(display_path(region_path(root, rid), root) for rid in ids),
        teksten=_region_texts(root, ids, zonder),
        zonder=frozenset(zonder),
    )


def _region_texts(root: Path, chain: list[str], zonder: set[str]) -> dict[str, RegionText]:
    """The texts for `{regio-tekst}` places: the nearest region's file wins."""
    texts: dict[str, RegionText] = {}
    for rid in reversed(chain):
        for path in sorted((root / REGIONS_FOLDER / rid / TEXT_FOLDER).glob("*.md")):
            texts[path.stem] = RegionText(path.stem, display_path(path, root), rid,
                                          path.read_text(encoding="utf-8"))
    return {place: text for place, text in texts.items() if place not in zonder}


def load_meanings(root: Path) -> dict[str, str]:
    """`regions/termen.yml`: what each term means, one line per term."""
    path = root / REGIONS_FOLDER / MEANINGS_FILE
    name = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ContentError([Problem(name, "de lijst met betekenissen van de termen ontbreekt.",
                                    f"Maak {name} aan met per term een regel 'term: betekenis'.")]
                           ) from None
    quotes = curly_quote_problems(text, name)
    doc = read_yaml(text, name)
    data = doc.data or {}
    if not isinstance(data, dict):
        raise ContentError([Problem(name, "hier hoort per term een regel 'term: betekenis'.",
                                    "Bijvoorbeeld: coach: wie de zorgverlener begeleidt.", 1)])
    problems = list(quotes)
    for key, value in data.items():
        line = doc.line_of((key,))
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            problems.append(Problem(name, f"'{key}' is geen geldige naam voor een term.",
                                    "Gebruik kleine letters, cijfers en _.", line))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, f"de term '{key}' heeft geen betekenis.",
                                    f"Schrijf achter '{key}:' in één regel wat het woord "
                                    "betekent.", line))
    if problems:
        raise ContentError(problems)
    return {str(k): str(v).strip() for k, v in data.items()}


# --- Substitutions ---------------------------------------------------------------------


@dataclass(frozen=True)
class TermUse:
    key: str
    file: str
    line: int

    @property
    def owner(self) -> str | None:
        """The region whose folder holds the file, or None for shared content."""
        parts = Path(self.file).parts
        if len(parts) > 2 and parts[0] == REGIONS_FOLDER:
            return parts[1]
        return None


def find_terms(text: str, file: str, first_line: int = 1) -> tuple[list[TermUse], list[Problem]]:
    """Every `{{ key }}` in a text; `{{ anything else }}` is reported as a problem."""
    uses, problems = [], []
    for match in SUBSTITUTION.finditer(text):
        line = text.count("\n", 0, match.start()) + first_line
        key = match.group(1).strip()
        if KEY_PATTERN.match(key):
            uses.append(TermUse(key, file, line))
        else:
            problems.append(
                Problem(
                    file,
                    f"'{match.group(0)}' is geen geldige term.",
                    "Schrijf een term als {{ naam }}: alleen kleine letters, cijfers en _, "
                    "zonder filters of berekeningen.",
                    line,
                )
            )
    return uses, problems


def substitute(text: str, termen: dict[str, str]) -> str:
    """Replace `{{ key }}` by the region's term (for text that MyST does not render)."""

    def replace(match: re.Match) -> str:
        key = match.group(1).strip()
        return termen.get(key, match.group(0))

    return SUBSTITUTION.sub(replace, text)


_ONLY = re.compile(
    r"^(?P<fence>`{3,}|~{3,})\{only\}[ \t]*(?P<expr>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$\n?",
    re.MULTILINE | re.DOTALL,
)


def resolve_only(text: str, region: Region) -> str:
    """Keep the `{only}` blocks that hold for this region and drop the others, for text
    that is shown outside Sphinx (Jupyter, the PDF deck). Same expressions as Sphinx; a
    malformed expression is an error (`draaiboek check` names file and line)."""
    from sphinx.util.tags import Tags

    tags = Tags(list(region.tags))

    def keep(match: re.Match) -> str:
        expr = match.group("expr").strip()
        try:
            holds = tags.eval_condition(expr)
        except Exception as exc:  # noqa: BLE001 - jinja2 and Sphinx raise several kinds
            raise ContentError([Problem("?", f"'{expr}' is geen geldige voorwaarde voor "
                                        "{only}.", "Voer 'draaiboek check' uit.")]) from exc
        return match.group("body") if holds else ""

    return _ONLY.sub(keep, text)


def localise(text: str, region: Region) -> str:
    """Text as the region's edition shows it: region blocks resolved, terms filled in."""
    return substitute(resolve_only(text, region), region.termen)


def _text_of(path: Path) -> list[tuple[str, int]]:
    """The texts of a content file with their first line (notebook cells one by one)."""
    try:
        raw = read_text(path)
    except ContentError:  # told once, by the loader or page check of that file
        return []
    if path.suffix != ".ipynb":
        return [(raw, 1)]
    try:
        cells = json.loads(raw).get("cells", [])
    except (json.JSONDecodeError, AttributeError):
        return [(raw, 1)]
    return [("".join(c.get("source", "")), 1) for c in cells if c.get("cell_type") == "markdown"]


def content_files(root: Path) -> list[Path]:
    """Every file whose text may use region terms, overlays of all regions included."""
    base = root / REGIONS_FOLDER
    files: list[Path] = []
    for folder in OVERLAY_FOLDERS:
        files += sorted(base.glob(f"*/{folder}/*.md")) + sorted(base.glob(f"*/{folder}/*.yml"))
    for folder in CONTENT_FOLDERS:
        folder_path = root / folder
        if folder_path.is_dir():
            files += [
                p
                for p in sorted(folder_path.rglob("*"))
                if p.suffix in CONTENT_SUFFIXES
                and ".ipynb_checkpoints" not in p.parts
                and not any(part.startswith("_") for part in p.relative_to(root).parts)
            ]
    return files


def term_uses(root: Path) -> tuple[list[TermUse], list[Problem]]:
    uses, problems = [], []
    for path in content_files(root):
        for text, first in _text_of(path):
            found, bad = find_terms(text, display_path(path, root), first)
            uses += found
            problems += bad
    return uses, problems


def directive_blocks(root: Path) -> tuple[list, list[Problem]]:
    """Every directive block in the Markdown content, and the fence mistakes."""
    from .blocks import scan

    blocks, problems = [], []
    for path in content_files(root):
        if path.suffix not in (".md", ".ipynb"):
            continue
        for text, first in _text_of(path):
            found, bad = scan(text, display_path(path, root), first)
            blocks += found
            problems += bad
    return blocks, problems


def text_places(blocks) -> dict[str, object]:
    """`{regio-tekst} <plek>` places in shared content: name -> block."""
    return {b.argument: b for b in blocks
            if b.name == "regio-tekst" and not b.file.startswith(f"{REGIONS_FOLDER}/")}


def card_ids(root: Path) -> dict[str, str | None]:
    """Card ids (file names) with the region whose folder holds them (None: shared)."""
    ids: dict[str, str | None] = {p.stem: None for p in (root / "methods").glob("*.md")
                                  if p.stem != "index"}
    for path in (root / REGIONS_FOLDER).glob("*/methods/*.md"):
        ids.setdefault(path.stem, path.parent.parent.name)
    return ids


@dataclass
class TermReport:
    """Everything known about the terms: meanings, uses, the problems found."""

    meanings: dict[str, str]
    uses: list[TermUse]

    def count(self, key: str) -> int:
        return sum(1 for u in self.uses if u.key == key)

    def files(self, key: str) -> list[str]:
        return list(dict.fromkeys(u.file for u in self.uses if u.key == key))


def _suggest(name: str, options) -> str:
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" Bedoel je '{close[0]}'?" if close else ""


def check_regions(root: Path, selected: list[str] | None = None) -> list[Problem]:
    """Profiles, term meanings, term uses, `{only}` blocks, fences and region texts.

    With `selected`, problems of other regions' profiles are left out (the shared content is
    always checked: it is what every region builds)."""
    from .blocks import known_tags, only_problems

    problems: list[Problem] = []
    regions: list[Region] = []
    ids = available_regions(root)
    for region_id in ids:
        try:
            regions.append(load_region(root, region_id))
        except ContentError as exc:
            if selected is None or region_id in selected:
                problems += exc.problems
    if DEFAULT_REGION not in ids:
        problems.append(Problem(f"{REGIONS_FOLDER}/",
                                f"het standaardprofiel {DEFAULT_REGION}.yml ontbreekt.",
                                f"Maak {REGIONS_FOLDER}/{DEFAULT_REGION}.yml aan."))
    try:
        meanings = load_meanings(root)
    except ContentError as exc:
        problems += exc.problems
        meanings = {}
    uses, bad = term_uses(root)
    problems += bad
    blocks, fence_problems = directive_blocks(root)
    problems += fence_problems
    tags = known_tags(ids)
    for block in blocks:
        if block.name == "only":
            problems += only_problems(block, tags)
    places = text_places(blocks)
    problems += _place_problems(root, blocks, places)
    if not regions:
        return problems
    problems += _use_problems(root, regions, meanings, uses, selected)
    checked = [r for r in regions if selected is None or r.id in selected]
    problems += _profile_problems(root, checked, regions, meanings, uses, places)
    return list(dict.fromkeys(problems))


def _place_problems(root: Path, blocks, places) -> list[Problem]:
    problems = []
    seen: dict[str, object] = {}
    for block in blocks:
        if block.name != "regio-tekst" or block.file.startswith(f"{REGIONS_FOLDER}/"):
            continue
        if not KEY_PATTERN.match(block.argument.replace("-", "_")):
            problems.append(Problem(block.file, f"'{block.argument}' is geen geldige naam "
                                    "voor een tekstplek.", "Gebruik kleine letters, cijfers "
                                    "en -, bijvoorbeeld h06-in-jouw-regio.", block.line))
        elif block.argument in seen:
            problems.append(Problem(block.file, f"de tekstplek '{block.argument}' bestaat al "
                                    f"({seen[block.argument].file}, regel "
                                    f"{seen[block.argument].line}).",
                                    "Geef elke plek een eigen naam.", block.line))
        seen.setdefault(block.argument, block)
    for path in sorted((root / REGIONS_FOLDER).glob(f"*/{TEXT_FOLDER}/*.md")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if re.match(r"^#{1,6}\s", line):
                problems.append(Problem(
                    display_path(path, root), "een tekst voor een plek mag geen titel hebben: "
                    "hij komt midden in een hoofdstuk.",
                    "Maak van de titel een gewone zin, of zet hem **vet**.", number))
    for path in sorted((root / REGIONS_FOLDER).glob(f"*/{TEXT_FOLDER}/*")):
        if path.stem not in places or path.suffix != ".md":
            name = display_path(path, root)
            problems.append(Problem(
                name, f"er is geen tekstplek '{path.stem}' in het boek, dus deze tekst komt "
                f"nergens.{_suggest(path.stem, places)}",
                "Noem het bestand naar een plek uit 'draaiboek regio plekken' en geef het "
                "de extensie .md.", 1))
    return problems


def _use_problems(root, regions, meanings, uses, selected) -> list[Problem]:
    problems = []
    defined = set(meanings) | {NAME_TERM}
    first_use: dict[str, TermUse] = {}
    for use in uses:
        first_use.setdefault(use.key, use)
    for use in uses:
        if use.owner is not None:
            continue  # a region's own text: checked against that region's profile below
        if use.key in defined:
            continue
        if not any(use.key in r.termen for r in regions):
            problems.append(Problem(
                use.file,
                f"de term '{{{{ {use.key} }}}}' is in geen enkel regioprofiel "
                f"gedefinieerd.{_suggest(use.key, defined)}",
                f"Verbeter de schrijfwijze, of voeg '{use.key}: ...' toe onder 'termen:' in "
                f"elk profiel in {REGIONS_FOLDER}/ en een betekenis in {REGIONS_FOLDER}/"
                f"{MEANINGS_FILE}.", use.line))
        else:
            problems.append(Problem(
                use.file, f"de term '{use.key}' heeft geen betekenis in {REGIONS_FOLDER}/"
                f"{MEANINGS_FILE}.",
                f"Voeg daar een regel '{use.key}: ...' toe met in een paar woorden wat de "
                "term betekent.", use.line))
    meanings_file = f"{REGIONS_FOLDER}/{MEANINGS_FILE}"
    for key in meanings:
        if key not in first_use:
            problems.append(Problem(
                meanings_file, f"de term '{key}' wordt nergens gebruikt, dus een profiel dat "
                "hem verandert, verandert niets.",
                f"Gebruik hem als {{{{ {key} }}}} in een tekst, of haal hem weg uit "
                f"{meanings_file} en uit elk profiel.", place=key))
    for region in regions:
        if selected is not None and region.id not in selected:
            continue
        for key, use in sorted(first_use.items()):
            if key in region.termen:
                continue
            relevant = [u for u in uses if u.key == key
                        and (u.owner is None or u.owner in region.chain)]
            if not relevant:
                continue
            if not any(key in r.termen for r in regions) and relevant[0].owner is None:
                continue  # reported at the page above
            first = relevant[0]
            problems.append(Problem(
                region.files[0],
                f"de term '{key}' ontbreekt; die wordt gebruikt in {first.file} "
                f"(regel {first.line}).",
                f"Voeg onder 'termen:' een regel '{key}: ...' toe met het woord dat in "
                f"{region.naam} gebruikt wordt.",
                place=f"termen → {key}"))
    return problems


def _profile_problems(root, checked, regions, meanings, uses, places) -> list[Problem]:
    problems = []
    cards = card_ids(root)
    for region in checked:
        file = region.files[0]
        try:
            own = read_region_file(region_path(root, region.id), root)
        except ContentError:
            continue
        # Regions that build this region's folder: itself and every profile extending it.
        family = {r.id for r in regions if region.id in r.chain}
        own_uses = {u.key for u in uses if u.owner in family}
        for key in own.termen:
            if key in meanings or key == NAME_TERM or key in own_uses:
                continue
            problems.append(Problem(
                file, f"onbekende term '{key}': geen enkele tekst gebruikt hem, dus hij doet "
                f"niets.{_suggest(key, meanings)}",
                f"Verbeter de naam (zie 'draaiboek regio termen'), of gebruik {{{{ {key} }}}} "
                f"in een tekst in {REGIONS_FOLDER}/{region.id}/.",
                _line_of_key(root, region.id, "termen", key), f"termen → {key}"))
        allowed = {c for c, owner in cards.items() if owner is None or owner in region.chain}
        allowed |= set(places)
        for index, name in enumerate(own.zonder):
            if name not in allowed:
                problems.append(Problem(
                    file, f"'{name}' onder 'zonder:' is geen kaart en geen tekstplek."
                    f"{_suggest(name, allowed)}",
                    "Schrijf de bestandsnaam van een kaart (zonder .md) of de naam van een "
                    "tekstplek (zie 'draaiboek regio plekken').",
                    _line_of_key(root, region.id, "zonder", index), "zonder"))
    return problems
