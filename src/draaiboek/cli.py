"""The `draaiboek` command. Messages are Dutch; a problem with content gives a clear
message and exit code 1, never a Python traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def project_root() -> Path:
    """The folder with _config.yml: the current one or one of its parents."""
    from .project import find_root

    root = find_root()
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
    from .problems import ContentError

    try:
        cli()
    except ContentError as exc:
        report_problems(exc.problems, "Er is een probleem met de inhoud")
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
