"""Region profiles: schema, inheritance, substitution map, tags and the static term check.

A region profile is `regions/<id>.yml`. It names the region, its language tag, the terms that
replace `{{ key }}` in every page, card, case and exercise, the organisations and laws shown on
the sociale-kaart page, and extra tags for `{only}` blocks. A profile may `extends:` another
one: it inherits everything and overrides what it sets (terms one by one, lists as a whole).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .problems import ContentError, Problem, display_path
from .yamlfile import read_yaml, validate_yaml
from .textfile import read_text

DEFAULT_REGION = "vlaanderen"
REGIONS_FOLDER = "regions"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# `{{ key }}` is the only form allowed in content; anything else between {{ }} is an error,
# so that the static check sees every term a page needs.
SUBSTITUTION = re.compile(r"\{\{(.*?)\}\}")
# Folders whose text may use region terms, and the kinds of files in them.
CONTENT_FOLDERS = ("book", "methods", "cases", "exercises", "notebooks")
CONTENT_SUFFIXES = (".md", ".ipynb", ".yml", ".yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(_Strict):
    """A service or organisation on the region's sociale kaart."""

    naam: str = Field(description="Naam van de organisatie of dienst.")
    wat: str = Field(description="Wat ze voor een gezin doet, in één of twee zinnen.")
    contact: str = Field("", description="Telefoon of hoe je ze bereikt (optioneel).")


class Law(_Strict):
    """A legal framework that matters for the work in this region."""

    naam: str = Field(description="Naam van de wet of het decreet.")
    jaar: int | None = Field(None, description="Jaar van de wet (optioneel).")
    waarover: str = Field(description="Waar de wet over gaat, in gewone woorden.")


class RegionFile(_Strict):
    """What one profile file may contain (before inheritance is applied)."""

    naam: str | None = Field(None, description="Naam van de regio zoals lezers die zien.")
    extends: str | None = Field(None, description="Profiel waarvan dit profiel erft.")
    taal: Literal["nl-BE", "nl-NL"] | None = Field(None, description="Taalcode: nl-BE of nl-NL.")
    termen: dict[str, str] = Field(default_factory=dict, description="Woorden per regio.")
    organisaties: list[Organisation] | None = Field(None, description="De sociale kaart.")
    wetten: list[Law] | None = Field(None, description="Wetten en regels.")
    tags: list[str] = Field(default_factory=list, description="Extra tags voor {only}-blokken.")

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

    @field_validator("tags")
    @classmethod
    def _tags_are_simple(cls, value: list[str]) -> list[str]:
        for tag in value:
            if not KEY_PATTERN.match(tag):
                raise ValueError(
                    f"de tag '{tag}' heeft een ongeldige naam | Gebruik kleine letters, "
                    "cijfers en _."
                )
        return value


@dataclass(frozen=True)
class Region:
    """A region profile with its inheritance applied: what the renderers use."""

    id: str
    naam: str
    taal: str
    termen: dict[str, str]
    organisaties: tuple[Organisation, ...]
    wetten: tuple[Law, ...]
    tags: tuple[str, ...]
    # tags: regio_<id> for the region and every profile it extends, plus the profiles' own.
    files: tuple[str, ...] = field(default=())


def region_path(root: Path, region_id: str) -> Path:
    return root / REGIONS_FOLDER / f"{region_id}.yml"


def available_regions(root: Path) -> list[str]:
    folder = root / REGIONS_FOLDER
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def read_region_file(path: Path, root: Path) -> RegionFile:
    """Read and validate one profile file, without inheritance."""
    name = display_path(path, root)
    try:
        text = read_text(path, name)
    except OSError:
        raise ContentError(
            [Problem(name, "dit regioprofiel bestaat niet.", "Kijk de naam van de regio na.")]
        ) from None
    profile, _ = validate_yaml(text, name, RegionFile, "een regioprofiel moet velden bevatten "
                               "(naam:, taal:, termen:, ...)",
                               "Begin met 'naam: ...' op de eerste regel.")
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


def _line_of_key(root: Path, region_id: str, key: str) -> int | None:
    path = region_path(root, region_id)
    doc = read_yaml(read_text(path, display_path(path, root)), display_path(path, root))
    return doc.line_of((key,))


def _merge(region_id: str, chain: list[tuple[str, RegionFile]], root: Path) -> Region:
    """Apply inheritance: the base first, each child overriding what it sets."""
    naam = taal = None
    termen: dict[str, str] = {}
    organisaties: list[Organisation] = []
    wetten: list[Law] = []
    tags: list[str] = []
    for rid, profile in reversed(chain):
        naam = profile.naam or naam
        taal = profile.taal or taal
        termen.update(profile.termen)
        if profile.organisaties is not None:
            organisaties = list(profile.organisaties)
        if profile.wetten is not None:
            wetten = list(profile.wetten)
        tags += [f"regio_{rid}", *profile.tags]
    file = display_path(region_path(root, region_id), root)
    missing = [name for name, value in (("naam", naam), ("taal", taal)) if value is None]
    if missing:
        raise ContentError(
            [
                Problem(
                    file,
                    f"het verplichte veld '{m}' ontbreekt (ook niet geërfd via extends).",
                    f"Voeg '{m}:' toe aan het profiel.",
                    1,
                    m,
                )
                for m in missing
            ]
        )
    return Region(
        id=region_id,
        naam=naam,
        taal=taal,
        termen=termen,
        organisaties=tuple(organisaties),
        wetten=tuple(wetten),
        tags=tuple(dict.fromkeys(tags)),
        files=tuple(display_path(region_path(root, rid), root) for rid, _ in chain),
    )


# --- Substitutions ---------------------------------------------------------------------


@dataclass(frozen=True)
class TermUse:
    key: str
    file: str
    line: int


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
    that is shown outside Sphinx (Jupyter, the PDF deck). Same expressions as Sphinx."""
    from sphinx.util.tags import Tags

    tags = Tags(list(region.tags))

    def keep(match: re.Match) -> str:
        return match.group("body") if tags.eval_condition(match.group("expr").strip()) else ""

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
    files: list[Path] = sorted((root / REGIONS_FOLDER).glob("*/*/*.md"))
    files += sorted((root / REGIONS_FOLDER).glob("*/*/*.yml"))
    for folder in CONTENT_FOLDERS:
        base = root / folder
        if base.is_dir():
            files += [
                p
                for p in sorted(base.rglob("*"))
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


def check_regions(root: Path) -> list[Problem]:
    """Every profile loads, and every term used anywhere is defined in every profile."""
    problems: list[Problem] = []
    regions: list[Region] = []
    for region_id in available_regions(root):
        try:
            regions.append(load_region(root, region_id))
        except ContentError as exc:
            problems += exc.problems
    if DEFAULT_REGION not in available_regions(root):
        problems.append(
            Problem(
                f"{REGIONS_FOLDER}/",
                f"het standaardprofiel {DEFAULT_REGION}.yml ontbreekt.",
                f"Maak {REGIONS_FOLDER}/{DEFAULT_REGION}.yml aan.",
            )
        )
    uses, bad = term_uses(root)
    problems += bad
    if not regions:
        return problems
    first_use: dict[str, TermUse] = {}
    for use in uses:
        first_use.setdefault(use.key, use)
    for use in uses:
        if not any(use.key in r.termen for r in regions):
            problems.append(
                Problem(
                    use.file,
                    f"de term '{{{{ {use.key} }}}}' is in geen enkel regioprofiel gedefinieerd.",
                    f"Verbeter de schrijfwijze, of voeg '{use.key}: ...' toe onder 'termen:' "
                    f"in elk profiel in {REGIONS_FOLDER}/.",
                    use.line,
                )
            )
    for region in regions:
        for key, use in sorted(first_use.items()):
            if key in region.termen or not any(key in r.termen for r in regions):
                continue
            problems.append(
                Problem(
                    region.files[0],
                    f"de term '{key}' ontbreekt; die wordt gebruikt in {use.file} "
                    f"(regel {use.line}).",
                    f"Voeg onder 'termen:' een regel '{key}: ...' toe met het woord dat in "
                    f"{region.naam} gebruikt wordt.",
                    place=f"termen → {key}",
                )
            )
    return problems
