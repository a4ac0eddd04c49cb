"""The `draaiboek` command. Messages are Dutch; a problem with content gives a clear
message and exit code 1, never a Python traceback."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
from rich.console import Console

from .dutch import DutchGroup

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def project_root(installed: bool = False) -> Path:
    """The folder with _config.yml: the current one or one of its parents; with `installed`,
    else the project this package was installed from (for course commands, run anywhere)."""
    from .project import find_root

    root = find_root()
    if root is None and installed:  # the project this package was installed from
        root = find_root(Path(__file__).resolve().parent)
    if root is not None:
        return root
    err.print("[red]Geen Draaiboek-project gevonden.[/red] Ga naar de map met _config.yml "
              "en regions/ en probeer opnieuw.")
    sys.exit(1)


def report_problems(problems, what: str) -> None:
    from .dutch import plural

    problems = list(dict.fromkeys(problems))  # a file read by several loaders: told once
    err.print(f"[red bold]{what}: {plural(len(problems), 'probleem', 'problemen')} "
              "gevonden.[/red bold]")
    for problem in problems:
        err.print(f"[red]✗[/red] {problem}", soft_wrap=True)


@click.group(cls=DutchGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Draaiboek: bouw het boek, controleer de inhoud en beheer cursussen."""


def main() -> None:
    """Entry point: content problems and unexpected errors become Dutch messages."""
    from .course.coursedir import CourseError
    from .dutch import bind
    from .problems import ContentError

    bind()  # click's own texts in Dutch: before click makes any of them
    try:
        cli()
    except ContentError as exc:
        report_problems(exc.problems, "Er is een probleem met de inhoud")
        sys.exit(1)
    except CourseError as exc:
        err.print(f"[red bold]Dat lukte niet:[/red bold] {exc}", soft_wrap=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - a person gets a message, the log the details
        import tempfile
        import traceback

        log = Path(tempfile.gettempdir()) / "draaiboek-fout.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        err.print(f"[red bold]Er ging iets onverwachts mis:[/red bold] {exc}")
        err.print(f"De technische details staan in {log}. Geef dat bestand aan wie het "
                  "project onderhoudt.")
        sys.exit(2)


@cli.command()
@click.option("--regio", default=None, help="Controleer alleen het profiel, de kaarten en "
              "de casussen van deze regio (sneller).")
def check(regio: str | None) -> None:
    """Controleer alle inhoud en regioprofielen."""
    from .checks import check_project
    from .regions import available_regions

    root = project_root()
    if regio is not None and regio not in available_regions(root):
        err.print(f"[red]De regio '{regio}' bestaat niet.[/red] Kies een van: "
                  f"{', '.join(available_regions(root))}.")
        sys.exit(1)
    problems = check_project(root, regio)
    if problems:
        report_problems(problems, "De controle is niet gelukt")
        sys.exit(1)
    console.print("[green]✓[/green] Alle inhoud en regioprofielen zijn in orde.")


def print_readability(report: Path) -> None:
    """One line per chapter from the readability report of a build."""
    import json

    if not report.is_file():
        return
    for row in json.loads(report.read_text(encoding="utf-8")):
        mark = "[green]✓[/green]" if row["ok"] else "[yellow]![/yellow]"
        console.print(
            f"  {mark} leesbaarheid h{row['hoofdstuk']:02d}: Flesch-Douma "
            f"{row['flesch_douma']}, {row['avg_sentence_length']} woorden per zin "
            f"({row.get('prose_avg_sentence_length', '?')} in lopende tekst), "
            f"{len(row['long_sentences'])} lange zinnen, "
            f"{len(row.get('glosses', []))} keer uitleg van een woord"
        )


@cli.command()
@click.option("--regio", default=None, help="Regio (standaard: vlaanderen).")
@click.option("--editie", type=click.Choice(["cursist", "trainer"]), default="cursist",
              show_default=True, help="Editie voor cursisten of voor trainers.")
@click.option("--alles", is_flag=True, help="Bouw alle regio's en beide edities.")
@click.option("--schoon", is_flag=True, help="Gooi eerst de vorige bouw van die variant weg.")
def build(regio: str | None, editie: str, alles: bool, schoon: bool) -> None:
    """Bouw het boek naar _build/<regio>/<editie>/html."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .build import Variant, all_variants, build_variant
    from .checks import check_project
    from .regions import DEFAULT_REGION, available_regions

    root = project_root()
    if alles:
        variants = all_variants(root)
    else:
        region = regio or DEFAULT_REGION
        if region not in available_regions(root):
            known = ", ".join(available_regions(root))
            err.print(f"[red]De regio '{region}' bestaat niet.[/red] Kies een van: {known}. "
                      f"Of maak regions/{region}.yml aan.")
            sys.exit(1)
        variants = [Variant(region, editie)]

    problems = check_project(root, None if alles else variants[0].region)
    if problems:
        report_problems(problems, "Het boek is niet gebouwd")
        err.print("De vorige versie van het boek blijft ongewijzigd.")
        sys.exit(1)

    results = []
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(), console=console, transient=False,
    ) as progress:
        for variant in variants:
            task = progress.add_task(f"{variant}: voorbereiden", total=200)

            def update(phase: str, percent: int, task=task, variant=variant) -> None:
                done = percent if phase == "lezen" else 100 + percent
                progress.update(task, completed=done, description=f"{variant}: {phase}")

            result = build_variant(root, variant, clean=schoon, on_progress=update)
            progress.update(task, completed=200,
                            description=f"{variant}: {'klaar' if result.ok else 'mislukt'}")
            results.append(result)

    failed = [r for r in results if not r.ok]
    for result in results:
        if result.ok:
            console.print(f"[green]✓[/green] {result.variant} gebouwd in {result.seconds:.1f} s.")
            print_readability(result.index.parent.parent / "leesbaarheid.json")
    for result in failed:
        err.print(f"[red bold]✗ {result.variant} is niet gebouwd.[/red bold] De vorige versie "
                  "blijft ongewijzigd. Wat er mis is:")
        for line in result.problems:
            err.print(f"  - {line}", soft_wrap=True)
        err.print(f"  Het volledige verslag staat in {result.log.relative_to(root)}.")
    if failed:
        sys.exit(1)
    console.print("\nOpen het boek in je browser:")
    for result in results:
        print(result.index.resolve())


@cli.command()
@click.option("--regio", default=None, help="Regio (standaard: vlaanderen).")
@click.option("--pdf", is_flag=True, help="Schrijf het kaartspel als PDF (één kaart per A5-blad).")
@click.option("--uit", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Bestand voor de PDF (standaard: _build/<regio>/methodekaarten.pdf).")
@click.option("--schema", is_flag=True, help="Toon het JSON Schema van de velden van een kaart.")
def kaarten(regio: str | None, pdf: bool, uit: Path | None, schema: bool) -> None:
    """Toon de methodekaarten, of maak er een PDF-kaartspel van."""
    import json

    from rich.table import Table

    from .cards.catalogue import PHASES, THEMES, json_schema, load_cards
    from .regions import DEFAULT_REGION, load_region, localise

    if schema:
        print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
        return
    root = project_root()
    region = load_region(root, regio or DEFAULT_REGION)
    cards = load_cards(root, region.id)
    if pdf:
        from .cards.deck import write_deck

        target = uit or root / "_build" / region.id / "methodekaarten.pdf"
        with console.status(f"Kaartspel maken ({len(cards)} kaarten)..."):
            result = write_deck(cards, region, target)
        console.print(f"[green]✓[/green] {result.cards} kaarten op {result.pages} A5-pagina's "
                      "(druk recto verso af: één blad per kaart) geschreven naar:")
        print(result.path.resolve())
        return
    table = Table(title=f"Methodekaarten ({region.naam}): {len(cards)}")
    for column in ("kaart", "titel", "fase", "thema", "minuten"):
        table.add_column(column)
    for card in cards:
        low, high = card.fields.duur_minuten
        table.add_row(card.id, localise(card.fields.titel, region),
                      ", ".join(PHASES[p] for p in card.fields.fasen),
                      ", ".join(THEMES[t] for t in card.fields.themas), f"{low}-{high}")
    console.print(table)


@cli.group()
def casus() -> None:
    """Casussen: analyseren, spelen, importeren uit en exporteren naar Twine."""


def _find_case(root: Path, case_id: str, region_id: str):
    from .cases.loader import load_cases

    cases = {c.id: c for c in load_cases(root, region_id)}
    if case_id not in cases:
        err.print(f"[red]De casus '{case_id}' bestaat niet.[/red] Kies uit: "
                  f"{', '.join(sorted(cases)) or 'geen'}.")
        sys.exit(1)
    return cases[case_id]


@casus.command("lijst")
@click.option("--regio", default=None, help="Regio (standaard: vlaanderen).")
def casus_list(regio: str | None) -> None:
    """Toon alle casussen."""
    from .cases.loader import load_cases
    from .regions import DEFAULT_REGION

    for case in load_cases(project_root(), regio or DEFAULT_REGION):
        visits = max(s.bezoek for s in case.case.scenes.values())
        console.print(f"{case.id}: {case.case.titel} ({len(case.case.scenes)} scènes, "
                      f"{visits} bezoeken, {len(case.case.endings)} eindes)")


@casus.command("analyse")
@click.argument("casus_id")
@click.option("--regio", default=None, help="Regio (standaard: vlaanderen).")
def casus_analyse(casus_id: str, regio: str | None) -> None:
    """Elk einde met het aantal wegen ernaartoe, de waarden daar, en de beste en slechtste weg."""
    import time

    from rich.table import Table

    from .cases.analysis import analyse
    from .regions import DEFAULT_REGION

    loaded = _find_case(project_root(), casus_id, regio or DEFAULT_REGION)
    started = time.perf_counter()
    result = analyse(loaded.case)
    seconds = time.perf_counter() - started
    case = loaded.case
    table = Table(title=f"{case.titel}: {result.paths} wegen, {result.states} toestanden")
    table.add_column("einde")
    table.add_column("soort")
    table.add_column("wegen", justify="right")
    for indicator in case.indicatoren.values():
        table.add_column(indicator.naam)
    for ending in result.endings:
        table.add_row(f"{ending.scene}: {ending.titel}", ending.soort, str(ending.paths),
                      *[f"{lo}–{hi}" if lo != hi else str(lo)
                        for lo, hi in (ending.ranges[k] for k in case.indicatoren)])
    console.print(table)
    for label, (points, path, ending) in (("Beste weg", result.best),
                                           ("Slechtste weg", result.worst)):
        console.print(f"[bold]{label}[/bold] (score {points}, einde {ending}): "
                      + " → ".join(path))
    console.print(f"[dim]Berekend in {seconds * 1000:.0f} ms.[/dim]")


@casus.command("speel")
@click.argument("casus_id")
@click.option("--regio", default=None, help="Regio (standaard: vlaanderen).")
def casus_play(casus_id: str, regio: str | None) -> None:
    """Speel een casus in de terminal."""
    from .cases.terminal import play_in_terminal
    from .regions import DEFAULT_REGION, load_region

    root = project_root()
    region = load_region(root, regio or DEFAULT_REGION)
    loaded = _find_case(root, casus_id, region.id)
    try:
        play_in_terminal(loaded.case, region, lambda q: click.prompt(q, default="q",
                                                                     show_default=False), console)
    except (click.Abort, EOFError):
        console.print("\nGestopt.")


@casus.command("exporteer")
@click.argument("casus_id")
@click.option("--naar", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Twee-bestand (standaard: <id>.twee in de huidige map).")
@click.option("--regio", default=None, help="Regio voor de termen als je speelt in Twine.")
def casus_export(casus_id: str, naar: Path | None, regio: str | None) -> None:
    """Schrijf een casus als Twee 3, om te openen in Twine."""
    from .cases.compiled import compile_case
    from .cases.twee import FORMAT_NAME, FORMAT_VERSION, export_twee
    from .regions import DEFAULT_REGION, load_region

    root = project_root()
    region = load_region(root, regio or DEFAULT_REGION)
    loaded = _find_case(root, casus_id, region.id)
    target = naar or Path(f"{casus_id}.twee")
    compiled = compile_case(loaded.id, loaded.case, region)
    target.write_text(export_twee(loaded.id, loaded.case, compiled), encoding="utf-8")
    console.print(f"[green]✓[/green] Geschreven: {target}. Open het in Twine met "
                  "Library → Import. Het verhaal vraagt het verhaalformaat "
                  f"{FORMAT_NAME} {FORMAT_VERSION} (draaiboek casus twine-formaat).")


@casus.command("twine-formaat")
@click.option("--map", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Map voor format.js (standaard: _build/twine-formaat).")
def casus_twine_format(folder: Path | None) -> None:
    """Bouw het verhaalformaat Draaiboek voor Twine (speel een casus in Twine)."""
    from .cases.twine_format import write_format

    target = write_format(folder or project_root() / "_build" / "twine-formaat")
    console.print(f"[green]✓[/green] Geschreven: {target}\nVoeg het toe in Twine met "
                  "Twine → Story Formats → + Add, en plak dit adres: "
                  f"{target.resolve().as_uri()}")


@casus.command("importeer")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "case_id", default=None, help="Id van de casus (standaard: de naam van "
              "het verhaal).")
@click.option("--verhaal", default=None, help="Naam van het verhaal in een archief met "
              "meer verhalen.")
@click.option("--overschrijf", is_flag=True, help="Werk een bestaande casus bij (alleen wat "
              "in Twine veranderde).")
def casus_import(bestand: Path, case_id: str | None, verhaal: str | None,
                 overschrijf: bool) -> None:
    """Lees een verhaal uit Twine in als casus in cases/ (Twee, gepubliceerde HTML of
    archief)."""
    from .cards.catalogue import load_cards
    from .cases.casefile import update_case_text
    from .cases.loader import CASES_FOLDER, parse_case
    from .cases.schema import ID as CASE_ID
    from .cases.twee import case_yaml, check_imported, import_story, read_twine
    from .problems import ContentError, Problem

    root = project_root()
    from .textfile import read_text

    source = read_text(bestand, str(bestand), limit=20 * 1024 * 1024)
    story, notes = read_twine(source, str(bestand), verhaal)
    found_id = import_story(story, str(bestand), notes=notes).case_id
    case_id = case_id or found_id
    if not re.match(CASE_ID, case_id or ""):
        raise ContentError([Problem(
            str(bestand), f"'{case_id}' kan geen id van een casus zijn"
            + (" (het verhaal heeft geen naam)." if not case_id else "."),
            "Geef een id met --id, alleen kleine letters, cijfers en streepjes, "
            "bv. --id huisbezoek-1.", place="--id" if case_id != found_id else "naam van het verhaal")])
    target = root / CASES_FOLDER / f"{case_id}.yml"
    old_text = target.read_text(encoding="utf-8") if target.exists() else None
    if old_text is not None and not overschrijf:
        err.print(f"[red]{target.relative_to(root)} bestaat al.[/red] Gebruik --overschrijf "
                  "om hem bij te werken, of kies een andere --id.")
        sys.exit(1)
    old = parse_case(old_text, str(target)).case if old_text is not None else None
    imported = import_story(story, str(bestand), old, notes)
    imported.case_id = case_id
    problems = check_imported(imported, root, {c.id for c in load_cards(root, None)})
    if problems:
        raise ContentError(problems)
    text = update_case_text(old_text, old, imported.case, imported.notes) \
        if old is not None else case_yaml(imported.case)
    for note in imported.notes:
        console.print(f"[yellow]Let op:[/yellow] {note}")
    if old is not None:
        for change in _case_changes(old, imported.case):
            console.print(f"  {change}")
    if text == old_text:
        console.print(f"[green]✓[/green] Niets veranderd: {target.relative_to(root)}.")
        return
    partial = target.with_name(f".{case_id}.deel")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)  # never half a file in cases/
    console.print(f"[green]✓[/green] Ingelezen als {target.relative_to(root)}.")


def _case_changes(old, new) -> list[str]:
    """Where a re-imported case goes elsewhere than before, told to the author."""
    changes = []
    for sid, scene in new.scenes.items():
        before = old.scenes.get(sid)
        if before is None:
            changes.append(f"Nieuwe scène: {sid}.")
            continue
        old_targets = {c.id: c.naar for c in before.keuzes}
        for choice in scene.keuzes:
            if choice.id in old_targets and old_targets[choice.id] != choice.naar:
                changes.append(f"Keuze '{choice.id}' gaat nu naar '{choice.naar}' (was "
                               f"'{old_targets[choice.id]}').")
        if [r.naar for r in before.verder] != [r.naar for r in scene.verder]:
            changes.append(f"De routes van scène '{sid}' gaan nu naar "
                           f"{', '.join(r.naar for r in scene.verder)}.")
    changes += [f"Scène verwijderd: {sid}." for sid in old.scenes if sid not in new.scenes]
    return changes


@casus.command("sporen")
@click.argument("casus_id")
def casus_traces(casus_id: str) -> None:
    """Stel gouden sporen voor (voor tests/golden/<id>.yml): beste, slechtste en elk einde."""
    import yaml

    from .cases.traces import suggested
    from .regions import DEFAULT_REGION

    loaded = _find_case(project_root(), casus_id, DEFAULT_REGION)
    print(yaml.safe_dump(suggested(loaded.case), allow_unicode=True, sort_keys=False))


@cli.command()
def oefeningen() -> None:
    """Maak de nbgrader-notebooks (exercises/source/) opnieuw uit exercises/*.yml."""
    from .exercises.loader import load_exercises
    from .exercises.notebook import write_notebooks

    root = project_root()
    written = write_notebooks(root)
    total = len(load_exercises(root))
    for path in written:
        console.print(f"[green]✓[/green] {path.relative_to(root)}")
    console.print(f"{total} oefeningen, {len(written)} notebook(s) bijgewerkt.")


def _register_course_commands() -> None:
    from .course.commands import cursus

    cli.add_command(cursus)


_register_course_commands()


def _register_region_commands() -> None:
    from .regions_cli import regio

    cli.add_command(regio)


_register_region_commands()
