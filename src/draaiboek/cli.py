"""The `draaiboek` command. Messages are Dutch; a problem with content gives a clear
message and exit code 1, never a Python traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

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
    err.print(f"[red bold]{what}: {len(problems)} probleem/problemen gevonden.[/red bold]")
    for problem in problems:
        err.print(f"[red]✗[/red] {problem}", soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Draaiboek: bouw het boek, controleer de inhoud en beheer cursussen."""


def main() -> None:
    """Entry point: content problems and unexpected errors become Dutch messages."""
    from .course.coursedir import CourseError
    from .problems import ContentError

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
def check() -> None:
    """Controleer alle inhoud en regioprofielen."""
    from .checks import check_project

    root = project_root()
    problems = check_project(root)
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
            f"{row['flesch_douma']}, {row['avg_sentence_length']} woorden per zin, "
            f"{len(row['long_sentences'])} lange zinnen"
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

    problems = check_project(root)
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
def casus_export(casus_id: str, naar: Path | None) -> None:
    """Schrijf een casus als Twee 3, om te openen in Twine."""
    from .cases.twee import export_twee
    from .regions import DEFAULT_REGION

    loaded = _find_case(project_root(), casus_id, DEFAULT_REGION)
    target = naar or Path(f"{casus_id}.twee")
    target.write_text(export_twee(loaded.id, loaded.case), encoding="utf-8")
    console.print(f"[green]✓[/green] Geschreven: {target}. Open het in Twine met "
                  "Bibliotheek → Importeren.")


@casus.command("importeer")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "case_id", default=None, help="Id van de casus (standaard: StoryTitle).")
@click.option("--overschrijf", is_flag=True, help="Vervang een bestaande casus.")
def casus_import(bestand: Path, case_id: str | None, overschrijf: bool) -> None:
    """Lees een Twee 3-bestand uit Twine in als casus in cases/."""
    import yaml

    from .cards.catalogue import load_cards
    from .cases.loader import CASES_FOLDER, parse_case
    from .cases.twee import import_twee
    from .cases.validator import errors
    from .problems import ContentError

    root = project_root()
    found_id, case = import_twee(bestand.read_text(encoding="utf-8"), str(bestand))
    case_id = case_id or found_id
    target = root / CASES_FOLDER / f"{case_id}.yml"
    if target.exists() and not overschrijf:
        err.print(f"[red]{target.relative_to(root)} bestaat al.[/red] Kies een andere --id of "
                  "gebruik --overschrijf.")
        sys.exit(1)
    text = yaml.safe_dump(case.model_dump(mode="json", exclude_defaults=True),
                          allow_unicode=True, sort_keys=False, width=100)
    loaded = parse_case(text, f"{CASES_FOLDER}/{case_id}.yml")
    problems = errors(loaded, root, {c.id for c in load_cards(root, None)})
    if problems:
        raise ContentError(problems)
    partial = target.with_name(f".{case_id}.deel")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)  # never half a file in cases/
    console.print(f"[green]✓[/green] Ingelezen als {target.relative_to(root)}.")


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
