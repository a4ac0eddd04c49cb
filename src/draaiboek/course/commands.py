"""`draaiboek cursus ...`: the trainer's commands, in Dutch, with progress bars. Thin glue:
each command calls the module that holds its step."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..project import skip_slow_iri_grammar
from .coursedir import Course, CourseError, open_course

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console)


def _course(ctx: click.Context) -> Course:
    return open_course(ctx.obj["cursus"])


@click.group()
@click.option("--cursus", type=click.Path(path_type=Path), default=Path("."),
              help="De map van de cursus (standaard: de huidige map).")
@click.pass_context
def cursus(ctx: click.Context, cursus: Path) -> None:
    """Beheer een cursus: cursisten, opdrachten, nakijken, feedback en rapport."""
    skip_slow_iri_grammar()
    ctx.obj = {"cursus": cursus}


@cursus.command("maak")
@click.argument("map", type=click.Path(path_type=Path))
@click.option("--regio", default="vlaanderen", show_default=True, help="Regio van de groep.")
@click.option("--groep", required=True, help="Naam van de groep, bijvoorbeeld 'Genk voorjaar'.")
@click.option("--cursisten", type=click.Path(path_type=Path), help="CSV met de cursisten.")
def make(map: Path, regio: str, groep: str, cursisten: Path | None) -> None:
    """Maak een nieuwe cursus in MAP."""
    from ..cli import project_root
    from .coursedir import create_course

    course = create_course(map, project_root(installed=True), regio, groep)
    console.print(f"[green]✓[/green] Cursus '{groep}' ({regio}) gemaakt in {course.root}.")
    if cursisten:
        _import(course, cursisten)
    console.print("Volgende stap: 'draaiboek cursus --cursus "
                  f"{map} uitdelen h01' (of --alle).")


def _import(course: Course, path: Path) -> None:
    from .learners import import_learners

    new, updated = import_learners(course, path)
    console.print(f"[green]✓[/green] {new} nieuwe cursist(en), {updated} bijgewerkt.")


@cursus.command("cursisten")
@click.argument("csv", type=click.Path(path_type=Path))
@click.pass_context
def learners(ctx: click.Context, csv: Path) -> None:
    """Voeg cursisten toe uit een CSV (kolommen id, voornaam, achternaam, email)."""
    _import(_course(ctx), csv)


@cursus.command("uitdelen")
@click.argument("opdrachten", nargs=-1)
@click.option("--alle", is_flag=True, help="Alle elf opdrachten.")
@click.option("--met-voorbeelden", "examples", is_flag=True,
              help="Geef de voorbeeldantwoorden mee (standaard blijven ze achter zolang de "
                   "cursus loopt).")
@click.pass_context
def release(ctx: click.Context, opdrachten: tuple[str, ...], alle: bool,
            examples: bool) -> None:
    """Maak de versie voor cursisten (zonder antwoorden) in release/<opdracht>/."""
    from .release import known_assignments, release_assignment, resolve_assignment

    course = _course(ctx)
    chosen = known_assignments(course) if alle else [resolve_assignment(course, name)
                                                     for name in opdrachten]
    if not chosen:
        raise CourseError("Zeg welke opdracht(en): bijvoorbeeld 'uitdelen h01 h02', of --alle.")
    with _progress() as progress:
        task = progress.add_task("Uitdelen", total=len(chosen))
        for assignment in chosen:
            path = release_assignment(course, assignment, examples)
            progress.advance(task)
            progress.console.print(f"[green]✓[/green] {path.relative_to(course.root)}")
    console.print("Stuur deze bestanden naar de cursisten, of zet ze in je leeromgeving.")


@cursus.command("inlezen")
@click.argument("bron", type=click.Path(path_type=Path))
@click.option("--opdracht", help="Verwacht alleen deze opdracht.")
@click.pass_context
def read_in(ctx: click.Context, bron: Path, opdracht: str | None) -> None:
    """Lees inzendingen in uit een map of zip (mail, leeromgeving)."""
    from .intake import read_in as do_read_in
    from .release import resolve_assignment

    course = _course(ctx)
    assignment = resolve_assignment(course, opdracht) if opdracht else None
    received, refused = do_read_in(course, bron, assignment)
    table = Table(title=f"{len(received)} inzending(en) ingelezen")
    for column in ("Cursist", "Opdracht", "Klaar", "Privacy", "Bestand en opmerkingen"):
        table.add_column(column)
    for item in received:
        privacy = f"[yellow]{item.privacy} melding(en)[/yellow]" if item.privacy else "–"
        table.add_row(item.learner, item.assignment.split("-")[0],
                      f"{item.ready}/{len(item.checks)}", privacy,
                      "; ".join([item.file, *item.notes]))
    if received:
        console.print(table)
    if any(item.privacy for item in received):
        console.print("[yellow]Let op:[/yellow] sommige antwoorden bevatten misschien gegevens "
                      "die een gezin herkenbaar maken. Je ziet ze bij 'beoordelen'.")
    if refused:
        err.print(f"[red bold]{len(refused)} bestand(en) niet ingelezen:[/red bold]")
        for item in refused:
            err.print(f"[red]✗[/red] {item}", soft_wrap=True)
        err.print("De andere inzendingen zijn wel ingelezen; niets wat al nagekeken is, ging "
                  "verloren.")
        sys.exit(1)


@cursus.command("nakijken")
@click.argument("opdracht")
@click.option("--cursist", "cursisten", multiple=True, help="Alleen deze cursist(en).")
@click.option("--opnieuw", is_flag=True, help="Ook wat al nagekeken is opnieuw.")
@click.option("--werkers", type=click.IntRange(1, 64), help="Aantal tegelijk (standaard: "
              "aantal kernen + 1).")
@click.option("--tijdslimiet", type=click.IntRange(1, 600), default=10, show_default=True,
              help="Seconden per cel.")
@click.option("--zonder-afscherming", is_flag=True,
              help="Nakijken zonder bubblewrap (niet afgeschermd!).")
@click.pass_context
def autograde(ctx: click.Context, opdracht: str, cursisten: tuple[str, ...], opnieuw: bool,
              werkers: int | None, tijdslimiet: int, zonder_afscherming: bool) -> None:
    """Kijk de kennisvragen na, voor alle cursisten tegelijk en afgeschermd."""
    from .grading import grade
    from .release import resolve_assignment
    from .sandbox import bwrap_available

    course = _course(ctx)
    assignment = resolve_assignment(course, opdracht)
    shielded = bwrap_available()
    if not shielded:
        message = ("bubblewrap (bwrap) ontbreekt of werkt niet op deze computer. Zonder bwrap "
                   "kan code van cursisten de bronbestanden en het cijferbestand lezen en "
                   "veranderen.")
        if not zonder_afscherming:
            raise CourseError(message + " Installeer het (Debian/Ubuntu: 'sudo apt install "
                              "bubblewrap'), of kies bewust voor --zonder-afscherming.")
        err.print(Panel(f"[bold]NIET AFGESCHERMD.[/bold] {message} Alleen geheugen en "
                        "bestandsgrootte zijn beperkt.", style="red"))
    with _progress() as progress:
        tasks = {}

        def update(phase: str, learner: str, total: int) -> None:
            if phase not in tasks:
                label = "Uitvoeren" if phase == "uitgevoerd" else "Punten opslaan"
                tasks[phase] = progress.add_task(label, total=total)
            progress.advance(tasks[phase])

        run = grade(course, assignment, learners=list(cursisten) or None, again=opnieuw,
                    workers=werkers, timeout=tijdslimiet, shielded=shielded, progress=update)
    if not run.outcomes and not run.skipped:
        console.print(f"Er zijn nog geen inzendingen voor {assignment}. Lees ze eerst in met "
                      "'draaiboek cursus inlezen <map of zip>'.")
        return
    table = Table(title=f"{assignment}: {len(run.outcomes)} nagekeken")
    for column in ("Cursist", "Kennisvragen", "Opmerking"):
        table.add_column(column)
    for outcome in sorted(run.outcomes, key=lambda o: o.learner):
        score = (f"{outcome.score:g} van {outcome.max_score:g}"
                 if outcome.ok and outcome.score is not None else "–")
        table.add_row(outcome.learner, score,
                      "[green]in orde[/green]" if outcome.ok else f"[red]{outcome.message}[/red]")
    console.print(table)
    if run.skipped:
        console.print(f"Al nagekeken en niet veranderd: {', '.join(run.skipped)} "
                      "(gebruik --opnieuw om ze toch opnieuw na te kijken).")
    console.print("Volgende stap: 'draaiboek cursus beoordelen "
                  f"{assignment.split('-')[0]}' voor de reflecties.")
    if any(not o.ok for o in run.outcomes):
        err.print("[red]Niet alles kon nagekeken worden.[/red] De andere cursisten zijn wel "
                  "nagekeken; reeds gegeven beoordelingen blijven staan.")
        sys.exit(1)


@cursus.command("beoordelen")
@click.argument("opdracht")
@click.option("--cursist", help="Alleen deze cursist.")
@click.pass_context
def assess(ctx: click.Context, opdracht: str, cursist: str | None) -> None:
    """Beoordeel de reflecties met de rubriek (vraag per vraag)."""
    from .release import resolve_assignment
    from .rubric import assess as save, to_grade

    course = _course(ctx)
    assignment = resolve_assignment(course, opdracht)
    todo = to_grade(course, assignment, cursist)
    if not todo:
        console.print("[green]✓[/green] Er is niets meer te beoordelen voor deze opdracht.")
        return
    console.print(f"{len(todo)} antwoord(en) te beoordelen. Stoppen kan altijd met Ctrl+C: wat "
                  "je al beoordeelde, is bewaard.")
    for number, item in enumerate(todo, start=1):
        question = item.question
        console.rule(f"{number}/{len(todo)} · {item.learner} · {question.title}")
        if item.changed:
            console.print("[yellow]Dit antwoord is veranderd sinds je het beoordeelde.[/yellow]")
        console.print(Panel(item.answer.strip() or "(leeg)", title="Antwoord"))
        if item.check:
            for message in item.check.messages:
                console.print(f"  • {message}")
            for finding in item.check.privacy:
                console.print(f"  [yellow]• Privacy: {finding.message}[/yellow]")
        levels = {}
        for criterion in question.criteria:
            console.print(f"\n[bold]{criterion.criterium}[/bold]")
            for level in criterion.niveaus:
                console.print(f"  {level.punten}: {level.beschrijving}")
            choices = [str(level.punten) for level in criterion.niveaus]
            levels[criterion.criterium] = int(click.prompt(
                "  Niveau", type=click.Choice(choices), show_choices=True))
        comment = click.prompt("Opmerking voor de cursist (Enter = geen)", default="",
                               show_default=False)
        result = save(course, assignment, item.learner, question.id, levels, comment)
        console.print(f"[green]✓[/green] {result.score} van {question.points} punten bewaard.")


@cursus.command("feedback")
@click.argument("opdracht")
@click.pass_context
def feedback(ctx: click.Context, opdracht: str) -> None:
    """Maak per cursist een feedbackpagina (HTML) in feedback/<id>/."""
    from .feedback import write_feedback
    from .release import resolve_assignment

    course = _course(ctx)
    written = write_feedback(course, resolve_assignment(course, opdracht))
    console.print(f"[green]✓[/green] {len(written)} feedbackpagina('s) in "
                  f"{course.folder('feedback')}.")


@cursus.command("exporteer")
@click.option("--scheiding", type=click.Choice([",", ";"]), default=",", show_default=True,
              help="Scheidingsteken (';' voor Excel in België en Nederland).")
@click.pass_context
def export(ctx: click.Context, scheiding: str) -> None:
    """Schrijf de scores naar export/cijfers.csv (geen tekst van cursisten)."""
    from .report import export_csv

    path = export_csv(_course(ctx), scheiding)
    console.print(f"[green]✓[/green] Scores geschreven naar {path}.")


@cursus.command("rapport")
@click.pass_context
def report(ctx: click.Context) -> None:
    """Maak export/rapport.html: overzicht en voortgang per cursist, met grafieken."""
    from .report import write_report

    path = write_report(_course(ctx))
    console.print(f"[green]✓[/green] Rapport: {path}")


@cursus.command("overzicht")
@click.pass_context
def overview(ctx: click.Context) -> None:
    """Toon wie wat inleverde en wat nog beoordeeld moet worden."""
    from .learners import course_learners
    from .scores import all_scores

    course = _course(ctx)
    scores = all_scores(course)
    table = Table(title=f"{course.groep} ({course.regio})")
    table.add_column("Cursist")
    for assignment in scores:
        table.add_column(assignment.split("-")[0], justify="right")
    for learner in course_learners(course):
        cells = []
        for assignment, by_learner in scores.items():
            if learner.id in by_learner:
                item = by_learner[learner.id]
                cells.append(f"{item.percent:.0f}%" + ("" if item.complete else " *"))
            elif course.submitted(learner.id, assignment).is_file():
                cells.append("ingeleverd")
            else:
                cells.append("–")
        table.add_row(f"{learner.id} ({learner.naam})", *cells)
    console.print(table)
    console.print("* = nog te beoordelen · – = niet ingeleverd")


@cursus.command("wis")
@click.argument("cursist")
@click.option("--ja", is_flag=True, help="Niet meer vragen of het zeker is.")
@click.pass_context
def erase(ctx: click.Context, cursist: str, ja: bool) -> None:
    """Wis alle gegevens van één cursist (inzendingen, scores, feedback)."""
    from .learners import erase_learner

    course = _course(ctx)
    if not ja:
        click.confirm(f"Alles van '{cursist}' wordt gewist. Dat kan niet ongedaan gemaakt "
                      "worden. Doorgaan?", abort=True)
    removed = erase_learner(course, cursist)
    for item in removed:
        console.print(f"[green]✓[/green] gewist: {item}")
    if any(item.startswith("export/") for item in removed):
        console.print("Maak de export en het rapport opnieuw met 'exporteer' en 'rapport'.")


@cursus.command("demo")
@click.option("--map", "folder", type=click.Path(path_type=Path),
              help="Waar de demo-cursus komt (standaard: een tijdelijke map).")
@click.option("--cursisten", "count", type=click.IntRange(2, 60), default=8, show_default=True)
def demo(folder: Path | None, count: int) -> None:
    """Doorloop een hele cursus met verzonnen inzendingen, tot en met het rapport."""
    from ..cli import project_root
    from .demo import run_demo

    run_demo(project_root(installed=True), folder, count, console)
