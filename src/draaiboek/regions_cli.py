"""`draaiboek regio ...`: start a region, see what it changes, list the terms and places.

Registered on the main command in cli.py. Output and errors are Dutch; a problem with a
profile exits with code 1 (through cli.main), never with a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .dutch import DutchGroup



def _root() -> Path:
    from .cli import project_root

    return project_root()


def _console():
    from .cli import console

    return console


def _fail(message: str) -> None:
    from .cli import err

    err.print(f"[red bold]Dat lukte niet:[/red bold] {message}", soft_wrap=True)
    sys.exit(1)


@click.group("regio", cls=DutchGroup)
def regio() -> None:
    """Maak een eigen regio en bekijk wat ze verandert."""


def starter_profile(root: Path, region_id: str, parent_id: str, naam: str) -> str:
    """The text of a new profile: every term of the parent commented out, with its meaning
    and how often it is used; lists and leave-outs explained as comments."""
    from .region_diff import term_table
    from .regions import NAME_TERM, load_region

    parent = load_region(root, parent_id)
    lines = [
        f"# Regioprofiel {naam}. Het erft alles van {parent.naam} "
        f"(regions/{parent_id}.yml).",
        "# Zet alleen hier wat in jouw regio anders is. Wil je een term veranderen? Haal dan",
        "# het # en de spatie vóór de regel 'term: woord' weg en pas het woord aan.",
        "# Uitleg: README.md, deel 'Een eigen regio maken'. Controle: draaiboek check --regio "
        f"{region_id}",
        f"naam: {naam}",
        f"extends: {parent_id}",
        f"# taal: {parent.taal}    (geërfd; nl-BE of nl-NL)",
        "",
        "termen:",
    ]
    for key, meaning, count, _files in term_table(root):
        if key == NAME_TERM:
            continue
        value = parent.termen.get(key, "")
        lines += [f"  # {meaning} ({count} keer gebruikt)", f"  # {key}: {value}"]
    org_names = ", ".join(o.naam for o in parent.organisaties[:2]) or "..."
    lines += [
        "",
        f"# Sociale kaart. Zonder 'organisaties:' toont jouw boek die van {parent.naam}.",
        "# Een lijst (- naam: ...) vervangt de hele lijst. Wil je er alleen bij zetten of",
        "# weglaten, schrijf dan zo:",
        "# organisaties:",
        f"#   zonder: [{org_names}]",
        "#   erbij:",
        "#     - naam: Naam van de dienst",
        "#       wat: Wat de dienst voor een gezin doet.",
        "#       contact: telefoon of website",
        "",
        "# Wetten en regels: net zo, met 'wetten:' en per wet naam, jaar en waarover.",
        "# wetten:",
        "#   erbij:",
        "#     - naam: Naam van de wet",
        "#       jaar: 2024",
        "#       waarover: Waar de wet over gaat, in gewone woorden.",
        "",
        f"# Geërfde kaarten of tekstplekken weglaten (zie: draaiboek regio verschil "
        f"{region_id}):",
        "# zonder: [naam-van-een-kaart, naam-van-een-plek]",
        "",
    ]
    return "\n".join(lines)


@regio.command("nieuw")
@click.argument("naam_id", metavar="NAAM")
@click.option("--van", "ouder", required=True, help="Regio waarvan de nieuwe regio erft.")
@click.option("--naam", "naam", default=None,
              help="Naam zoals lezers die zien (standaard: NAAM met een hoofdletter).")
def regio_new(naam_id: str, ouder: str, naam: str | None) -> None:
    """Maak regions/NAAM.yml en de mappen voor eigen kaarten, casussen en teksten."""
    from .regions import (
        KEY_PATTERN,
        OVERLAY_FOLDERS,
        REGIONS_FOLDER,
        available_regions,
        region_path,
    )

    root = _root()
    if not KEY_PATTERN.match(naam_id):
        _fail(f"'{naam_id}' kan geen naam van een regio zijn. Gebruik kleine letters, cijfers "
              "en _, zonder spaties (bijvoorbeeld oost_vlaanderen).")
    known = available_regions(root)
    if naam_id in known:
        _fail(f"de regio '{naam_id}' bestaat al ({REGIONS_FOLDER}/{naam_id}.yml). Kies een "
              "andere naam, of pas dat bestand aan.")
    if ouder not in known:
        _fail(f"de regio '{ouder}' bestaat niet. Kies een van: {', '.join(known)}.")
    display = naam or naam_id.replace("_", " ").title()
    text = starter_profile(root, naam_id, ouder, display)
    path = region_path(root, naam_id)
    path.write_text(text, encoding="utf-8")
    for folder in OVERLAY_FOLDERS:
        (root / REGIONS_FOLDER / naam_id / folder).mkdir(parents=True, exist_ok=True)
    console = _console()
    console.print(f"[green]✓[/green] {REGIONS_FOLDER}/{naam_id}.yml gemaakt: {display}, erft "
                  f"van {ouder}.")
    console.print(f"  Mappen: {REGIONS_FOLDER}/{naam_id}/methods (kaarten), "
                  f"{REGIONS_FOLDER}/{naam_id}/cases (casussen), "
                  f"{REGIONS_FOLDER}/{naam_id}/tekst (teksten voor een plek in een hoofdstuk).")
    console.print(f"  Volgende stap: pas het profiel aan en typ 'draaiboek check --regio "
                  f"{naam_id}'.")


def _section(title: str, rows: list[str], empty: str = "niets") -> None:
    console = _console()
    console.print(f"\n[bold]{title}[/bold]")
    if not rows:
        console.print(f"  ({empty})")
    for row in rows:
        console.print(f"  {row}", soft_wrap=True)


@regio.command("verschil")
@click.argument("naam_id", metavar="NAAM")
def regio_diff(naam_id: str) -> None:
    """Toon wat NAAM anders doet dan de regio waarvan ze erft."""
    from .region_diff import difference
    from .regions import load_region

    root = _root()
    region = load_region(root, naam_id)
    if region.parent is None:
        _console().print(f"{region.naam} erft van geen andere regio: er is geen verschil te "
                         "tonen. Gebruik 'draaiboek regio termen' voor alle termen.")
        return
    diff = difference(root, region)
    parent = diff.parent.naam
    _console().print(f"[bold]{region.naam}[/bold] ({region.files[0]}) erft van {parent}.")
    _section("Termen die anders zijn",
             [f"{k}: {old!r} → {new!r}" for k, old, new in diff.terms_changed],
             f"alle termen zoals in {parent}")
    if diff.terms_added:
        _section("Eigen termen (alleen in eigen teksten)",
                 [f"{k}: {v!r}" for k, v in diff.terms_added])
    for title, added, removed in (("Organisaties (sociale kaart)", diff.orgs_added,
                                   diff.orgs_removed),
                                  ("Wetten en regels", diff.laws_added, diff.laws_removed)):
        rows = [f"+ {n}" for n in added] + [f"- {n}" for n in removed]
        _section(title, rows, f"dezelfde als in {parent}")
    _section(f"Alinea's voor één regio die {region.naam} erft",
             [f"{p.file}, regel {p.line} ({{only}} {p.label}): {p.excerpt}"
              for p in diff.paragraphs_inherited])
    _section(f"Alinea's alleen voor {region.naam}",
             [f"{p.file}, regel {p.line} ({{only}} {p.label}): {p.excerpt}"
              for p in diff.paragraphs_own])
    _section(f"Alinea's van {parent} die wegvallen",
             [f"{p.file}, regel {p.line} ({{only}} {p.label}): {p.excerpt}"
              for p in diff.paragraphs_dropped])
    _section("Eigen teksten op een plek in een hoofdstuk",
             [f"{p.label} ({p.file}): {p.excerpt}" for p in diff.texts_own])
    if diff.texts_inherited:
        _section("Geërfde teksten op een plek",
                 [f"{p.label} ({p.file}): {p.excerpt}" for p in diff.texts_inherited])
    _section("Eigen kaarten", diff.cards_own)
    _section(f"Kaarten van {parent} die {region.naam} erft", diff.cards_inherited)
    _section("Weggelaten met 'zonder:'", diff.left_out)


@regio.command("termen")
@click.option("--regio", "region_id", default=None,
              help="Toon ook het woord dat deze regio voor elke term gebruikt.")
def regio_terms(region_id: str | None) -> None:
    """Toon elke term met wat hij betekent en waar hij gebruikt wordt."""
    from .region_diff import term_table
    from .regions import MEANINGS_FILE, REGIONS_FOLDER, load_region

    root = _root()
    region = load_region(root, region_id) if region_id else None
    console = _console()
    console.print(f"Termen uit {REGIONS_FOLDER}/{MEANINGS_FILE}. In een tekst schrijf je "
                  "{{ term }}.")
    for key, meaning, count, files in term_table(root):
        console.print(f"\n[bold]{key}[/bold]: {meaning}", soft_wrap=True)
        if region:
            console.print(f"  in {region.naam}: {region.termen.get(key, '(ontbreekt)')}",
                          soft_wrap=True)
        where = ", ".join(files[:3]) + (f" en {len(files) - 3} andere" if len(files) > 3
                                         else "")
        console.print(f"  {count} keer gebruikt" + (f": {where}" if files else ""),
                      soft_wrap=True)


@regio.command("plekken")
def regio_places() -> None:
    """Toon de plekken in de hoofdstukken waar een regio een eigen tekst kan zetten."""
    from .regions import directive_blocks, text_places

    places = text_places(directive_blocks(_root())[0])
    console = _console()
    if not places:
        console.print("Er zijn nog geen tekstplekken in het boek.")
        return
    console.print("Zet een tekst op een plek met het bestand regions/NAAM/tekst/PLEK.md:")
    for name, block in sorted(places.items()):
        default = "met standaardtekst" if block.body.strip() else "leeg"
        console.print(f"  {name}  ({block.file}, regel {block.line}; {default})")


