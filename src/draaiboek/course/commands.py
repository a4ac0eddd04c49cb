"""`draaiboek cursus ...`: the trainer's commands, in Dutch, with progress bars. Thin glue:
each command calls the module that holds its step.

Exit codes: 0 done; 1 nothing done (a problem the message explains); 2 an unexpected error
(details in a log file); 3 partly done (some files or learners could not be handled; the
others were, and the message lists which and why)."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..dutch import DutchGroup, ask, plural, program
from ..project import skip_slow_iri_grammar
from .coursedir import Course, CourseError, open_course

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)
PARTLY = 3  # exit code: partly done
CYCLE = ("maak", "cursisten", "uitdelen", "inlezen", "nakijken", "beoordelen", "feedback",
         "exporteer")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console)


def _remember_course(ctx: click.Context, _param, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["cursus"] = value


def course_option(function):
    """`--cursus MAP` is accepted before and after the sub-command (where trainers type it)."""
    return click.option("--cursus", type=click.Path(path_type=Path), default=None,
                         expose_value=False, callback=_remember_course,
                         help="De map van de cursus (standaard: de huidige map).")(function)


def _course(ctx: click.Context) -> Course:
    return open_course((ctx.obj or {}).get("cursus") or Path("."))


def command(course: Course | None, *args: str) -> str:
    """A command line that runs as printed, from the current folder."""
    words = [*args]
    if course is not None:
        here = Path.cwd().resolve()
        if here != course.root and course.root not in here.parents:
            words += ["--cursus", str(course.root)]
    return " ".join([program(), "cursus", *(shlex.quote(w) for w in words)])


def next_step(course: Course | None, *args: str, why: str = "") -> None:
    console.print(f"Volgende stap{why}: [bold]{command(course, *args)}[/bold]", soft_wrap=True)


def _who(names: dict[str, str], learner: str) -> str:
    return f"{learner} {names.get(learner, '')}".strip()


@click.group(cls=DutchGroup)
@course_option
@click.pass_context
def cursus(ctx: click.Context) -> None:
    """Beheer een cursus: cursisten, opdrachten, nakijken, feedback en rapport.

    De stappen, in volgorde: maak, cursisten, uitdelen, inlezen (op JupyterHub: ophalen),
    nakijken, beoordelen, feedback, exporteer. Exitcodes: 0 gelukt, 1 niet gelukt, 2 onverwachte fout, 3 deels
    gelukt."""
    skip_slow_iri_grammar()
    ctx.ensure_object(dict)


@cursus.command("maak")
@click.argument("map", type=click.Path(path_type=Path))
@click.option("--regio", default="vlaanderen", show_default=True, help="Regio van de groep.")
@click.option("--groep", required=True, help="Naam van de groep, bijvoorbeeld 'Genk voorjaar'.")
@click.option("--cursisten", type=click.Path(path_type=Path), help="Lijst met de cursisten.")
@click.option("--hub", is_flag=True, help="Een cursus op JupyterHub: cursisten halen en leveren "
              "hun opdrachten in Jupyter, via de uitwisselingsmap van nbgrader.")
@click.option("--uitwisseling", metavar="MAP", help="De uitwisselingsmap op de hub-server "
              "(standaard: /srv/nbgrader/exchange). Alleen met --hub.")
@click.option("--cursus-id", "cursus_id", metavar="ID", help="De naam van de cursus in de "
              "uitwisseling (standaard: de naam van MAP). Alleen met --hub.")
def make(map: Path, regio: str, groep: str, cursisten: Path | None, hub: bool,
         uitwisseling: str | None, cursus_id: str | None) -> None:
    """Maak een nieuwe cursus in MAP.

    Met --hub werkt de cursus op JupyterHub: de id's van de cursisten zijn hun
    gebruikersnamen op de hub, en voor-de-hub/nbgrader_config.py is het bestand dat de
    beheerder in de omgeving van de cursisten zet."""
    from ..cli import project_root
    from .coursedir import create_course
    from .hub import LEARNER_CONFIG, check_exchange, make_hub

    if not hub and (uitwisseling or cursus_id):
        raise CourseError("--uitwisseling en --cursus-id horen bij een cursus op JupyterHub: "
                          "zet er --hub bij.")
    settings = make_hub(map, uitwisseling, cursus_id) if hub else None
    course = create_course(map, project_root(installed=True), regio, groep, settings)
    console.print(f"[green]✓[/green] Cursus '{groep}' ({regio}) gemaakt in {course.root}.")
    if settings:
        console.print(f"  JupyterHub: uitwisselingsmap {settings.uitwisseling}, cursus-id "
                      f"'{settings.cursus_id}'. Geef {course.root / LEARNER_CONFIG} aan de "
                      "beheerder van de hub (voor /etc/jupyter/nbgrader_config.py). De id's "
                      "van de cursisten zijn hun gebruikersnamen op de hub.", soft_wrap=True)
        try:
            check_exchange(settings)
        except CourseError as exc:
            err.print(f"[yellow]Let op:[/yellow] {exc}", soft_wrap=True)
    if cursisten:
        _import(course, cursisten)
        next_step(course, "uitdelen", "--alle")
    else:
        next_step(course, "cursisten", "cursisten.csv",
                  why=" (een lijst uit je rekenblad of leeromgeving)")


def _import(course: Course, path: Path) -> None:
    from .learners import import_learners

    new, updated = import_learners(course, path)
    console.print(f"[green]✓[/green] {plural(new, 'nieuwe cursist', 'nieuwe cursisten')}, "
                  f"{updated} bijgewerkt.")


@cursus.command("cursisten")
@click.argument("lijst", type=click.Path(path_type=Path))
@course_option
@click.pass_context
def learners(ctx: click.Context, lijst: Path) -> None:
    """Voeg cursisten toe uit een lijst (CSV uit een rekenblad, Moodle of Canvas).

    Kolommen: Studentnummer (of id), Voornaam, Tussenvoegsel, Achternaam, E-mailadres.
    Scheiding met ; , of tab; UTF-8, UTF-16 of Windows-tekens: alles wat Excel bewaart."""
    course = _course(ctx)
    _import(course, lijst)
    next_step(course, "uitdelen", "--alle")


@cursus.command("uitdelen")
@click.argument("opdrachten", nargs=-1)
@click.option("--alle", is_flag=True, help="Alle elf opdrachten.")
@click.option("--met-voorbeelden", "examples", is_flag=True,
              help="Geef de voorbeeldantwoorden mee (standaard blijven ze achter zolang de "
                   "cursus loopt).")
@click.option("--deadline", metavar="DATUM", help="Inleveren vóór deze datum, bijvoorbeeld "
              "'20-12-2026 23:59' (of alleen de dag: dan tot 23:59). Later werk wordt nog "
              "ingelezen, met de melding 'te laat'.")
@course_option
@click.pass_context
def release(ctx: click.Context, opdrachten: tuple[str, ...], alle: bool,
            examples: bool, deadline: str | None) -> None:
    """Maak de versie voor cursisten (zonder antwoorden) in release/<opdracht>/.

    In een cursus op JupyterHub komt ze ook in de uitwisseling: de cursisten halen ze dan
    op in Jupyter. Opnieuw uitdelen vervangt de versie daar; wat al ingeleverd is, blijft."""
    from .hub import check_exchange, publish
    from .release import (
        known_assignments,
        parse_deadline,
        release_assignment,
        resolve_assignment,
        zone,
    )

    course = _course(ctx)
    chosen = known_assignments(course) if alle else [resolve_assignment(course, name)
                                                     for name in opdrachten]
    if not chosen:
        raise CourseError("Zeg welke opdracht(en): bijvoorbeeld 'uitdelen h01 h02', of --alle.")
    due = parse_deadline(deadline, course) if deadline else None
    if course.hub:
        check_exchange(course.hub)
    with _progress() as progress:
        task = progress.add_task("Uitdelen", total=len(chosen))
        for assignment in chosen:
            path = release_assignment(course, assignment, examples, due)
            shown = str(path.relative_to(course.root))
            if course.hub:
                shown += f" en {publish(course, assignment)}"
            progress.advance(task)
            progress.console.print(f"[green]✓[/green] {shown}", soft_wrap=True)
    if due:
        console.print(f"Deadline: {due.astimezone(zone(course)):%d-%m-%Y %H:%M}.")
    if course.hub:
        console.print("De cursisten halen de opdracht op in Jupyter (tabblad Assignments → "
                      "Fetch) en leveren ze daar in (Submit).")
        next_step(course, "ophalen", why=" (als de cursisten hun werk inleverden)")
        return
    console.print("Stuur deze bestanden naar de cursisten, of zet ze in je leeromgeving.")
    next_step(course, "inlezen", "inzendingen.zip",
              why=" (als de cursisten hun werk terugstuurden)")


@cursus.command("inlezen")
@click.argument("bron", type=click.Path(path_type=Path))
@click.option("--opdracht", help="Verwacht alleen deze opdracht.")
@course_option
@click.pass_context
def read_in(ctx: click.Context, bron: Path, opdracht: str | None) -> None:
    """Lees inzendingen in uit een map, een zip of mails (.eml).

    Een zip uit Moodle of Canvas, een map met bestanden, of bewaarde mails met de notebook
    als bijlage. Van twee versies blijft de nieuwste, ook als de oudere later komt."""
    from .intake import read_in as do_read_in
    from .release import resolve_assignment

    course = _course(ctx)
    assignment = resolve_assignment(course, opdracht) if opdracht else None
    result = do_read_in(course, bron, assignment)
    _show_read_in(course, result, f" In {bron} staan geen bestanden.")


def _show_read_in(course: Course, result, nothing: str,
                  again: str = "lees die bestanden opnieuw in") -> None:
    """What a read-in did, as a table and lists; exits 1 or 3 when files were refused."""
    received, refused = result.received, result.refused
    if received:
        table = Table(title=f"{plural(len(received), 'inzending', 'inzendingen')} ingelezen",
                      caption="Vragen klaar 8/9 = 8 van de 9 vragen zijn ingevuld zoals "
                      "gevraagd (een letter gekozen, elke stap van de reflectie beschreven). "
                      "Nakijken kan toch; wat niet ingevuld is, levert geen punten op.",
                      caption_justify="left")
        for column in ("Cursist", "Opdracht", "Vragen klaar", "Privacy",
                       "Bestand en opmerkingen"):
            table.add_column(column)
        for item in received:
            privacy = (f"[yellow]{plural(item.privacy, 'melding', 'meldingen')}[/yellow]"
                       if item.privacy else "–")
            table.add_row(f"{item.learner} {item.name}", item.assignment.split("-")[0],
                          f"{item.ready}/{len(item.checks)}", privacy,
                          "; ".join([item.file.rsplit(":", 1)[-1].rsplit("/", 1)[-1].strip(),
                                     *item.notes]))
        console.print(table)
    if any(item.privacy for item in received):
        console.print("[yellow]Let op:[/yellow] sommige antwoorden bevatten misschien gegevens "
                      "die een gezin herkenbaar maken. Je ziet ze bij 'beoordelen'; in de "
                      "feedback worden ze weggelaten.")
    if result.older:
        console.print(f"[bold]{plural(len(result.older), 'oudere versie', 'oudere versies')} "
                      "niet gebruikt[/bold] (de nieuwste telt):")
        for item in result.older:
            console.print(f"  • {item}", soft_wrap=True)
    if refused:
        err.print(f"[red bold]{plural(len(refused), 'bestand', 'bestanden')} niet "
                  "ingelezen:[/red bold]")
        for item in refused:
            err.print(f"[red]✗[/red] {item}", soft_wrap=True)
    if refused and received:
        err.print(f"[yellow bold]Deels gelukt:[/yellow bold] {len(received)} ingelezen, "
                  f"{len(refused)} niet. Wat ingelezen is, blijft staan; niets wat al "
                  f"nagekeken of beoordeeld is, ging verloren. Los de punten hierboven op en "
                  f"{again}.")
    elif refused or not (received or result.older):
        err.print("[red bold]Er is niets ingelezen.[/red bold]" + ("" if refused else nothing))
    done = sorted({item.assignment.split("-")[0] for item in received})
    for short in done:
        next_step(course, "nakijken", short)
    if refused:
        sys.exit(PARTLY if received else 1)
    if not received and not result.older:
        sys.exit(1)


@cursus.command("ophalen")
@click.argument("opdrachten", nargs=-1)
@course_option
@click.pass_context
def collect(ctx: click.Context, opdrachten: tuple[str, ...]) -> None:
    """Haal op wat de cursisten in Jupyter inleverden (cursus op JupyterHub).

    Zonder OPDRACHT: alle opdrachten. Elke inzending wordt ingelezen zoals bij 'inlezen':
    van twee versies blijft de nieuwste, te laat werk wordt gemeld, en wat al opgehaald,
    nagekeken of beoordeeld is, blijft staan."""
    from .hub import collect as do_collect
    from .release import resolve_assignment

    course = _course(ctx)
    chosen = [resolve_assignment(course, name) for name in opdrachten]
    done = do_collect(course, chosen or None)
    if done.skipped:
        console.print(f"{plural(len(done.skipped), 'inzending was', 'inzendingen waren')} al "
                      "opgehaald.")
    if done.found == 0:
        console.print("Er is nog niets ingeleverd" + (
            f" voor {', '.join(a.split('-')[0] for a in chosen)}" if chosen else "") + ".")
        return
    if len(done.skipped) == done.found:
        console.print("[green]✓[/green] Er is niets nieuws ingeleverd.")
        return
    _show_read_in(course, done.result, "", again="haal opnieuw op")


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
@course_option
@click.pass_context
def autograde(ctx: click.Context, opdracht: str, cursisten: tuple[str, ...], opnieuw: bool,
              werkers: int | None, tijdslimiet: int, zonder_afscherming: bool) -> None:
    """Kijk de kennisvragen na, voor alle cursisten tegelijk en afgeschermd."""
    from .grading import grade
    from .learners import course_learners
    from .release import resolve_assignment
    from .sandbox import bwrap_available

    course = _course(ctx)
    assignment = resolve_assignment(course, opdracht)
    short = assignment.split("-")[0]
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
        console.print(f"Er zijn nog geen inzendingen voor {assignment}.")
        next_step(course, "inlezen", "inzendingen.zip")
        return
    names = {lr.id: lr.naam for lr in course_learners(course)}
    table = Table(title=f"{short}: {len(run.outcomes)} nagekeken")
    for column in ("Cursist", "Kennisvragen", "Opmerking"):
        table.add_column(column)
    for outcome in sorted(run.outcomes, key=lambda o: o.learner):
        score = (f"{outcome.score:g} van {outcome.max_score:g}"
                 if outcome.ok and outcome.score is not None else "–")
        table.add_row(_who(names, outcome.learner), score,
                      "[green]in orde[/green]" if outcome.ok else f"[red]{outcome.message}[/red]")
    if run.outcomes:
        console.print(table)
    if run.skipped:
        console.print(f"Al nagekeken en niet veranderd: {', '.join(run.skipped)} "
                      "(gebruik --opnieuw om ze toch opnieuw na te kijken).")
    next_step(course, "beoordelen", short, why=" (de reflecties)")
    failed = [o for o in run.outcomes if not o.ok]
    if failed:
        err.print(f"[yellow bold]Deels gelukt:[/yellow bold] "
                  f"{plural(len(failed), 'inzending kon', 'inzendingen konden')} niet "
                  "nagekeken worden (zie de tabel). De andere cursisten zijn wel nagekeken; "
                  "reeds gegeven beoordelingen blijven staan.")
        sys.exit(PARTLY if len(failed) < len(run.outcomes) else 1)


def _parse_levels(text: str, question) -> dict[str, int] | str:
    """'2 1 2', '2,1,2' or '212' → levels per criterion; '0' = the lowest level everywhere.
    Returns a Dutch message when the input does not fit."""
    criteria = question.criteria
    text = text.strip()
    if text == "0":
        return {c.criterium: min(lv.punten for lv in c.niveaus) for c in criteria}
    words = text.replace(",", " ").split()
    if len(words) == 1 and words[0].isdigit() and len(words[0]) == len(criteria):
        words = list(words[0])
    if len(words) != len(criteria) or not all(w.isdigit() for w in words):
        example = " ".join(str(max(lv.punten for lv in c.niveaus)) for c in criteria)
        return (f"Typ {plural(len(criteria), 'niveau', 'niveaus')}, één per criterium, "
                f"bijvoorbeeld '{example}'.")
    levels = {}
    for criterion, word in zip(criteria, words):
        allowed = sorted(lv.punten for lv in criterion.niveaus)
        if int(word) not in allowed:
            return (f"'{word}' kan niet voor '{criterion.criterium}': kies "
                    f"{', '.join(map(str, allowed))}.")
        levels[criterion.criterium] = int(word)
    return levels


def _show_rubric(question) -> None:
    console.print(f"[bold]Rubriek: {question.title}[/bold] ({question.points} punten)")
    for number, criterion in enumerate(question.criteria, start=1):
        console.print(f"  {number}. [bold]{criterion.criterium}[/bold]")
        for level in sorted(criterion.niveaus, key=lambda lv: lv.punten):
            console.print(f"     {level.punten} = {level.beschrijving}")


@cursus.command("beoordelen")
@click.argument("opdracht")
@click.option("--cursist", help="Alleen deze cursist (ook wat al beoordeeld is).")
@click.option("--vraag", help="Alleen deze vraag, bijvoorbeeld r1 (ook wat al beoordeeld is).")
@click.option("--opnieuw", is_flag=True, help="Ook wat al beoordeeld is, om het te verbeteren.")
@click.option("--per", type=click.Choice(["vraag", "cursist"]), default="vraag",
              show_default=True, help="Eén vraag bij alle cursisten na elkaar, of één cursist "
              "helemaal.")
@course_option
@click.pass_context
def assess(ctx: click.Context, opdracht: str, cursist: str | None, vraag: str | None,
           opnieuw: bool, per: str) -> None:
    """Beoordeel de reflecties met de rubriek.

    Typ per antwoord de niveaus op één regel (bijvoorbeeld '2 1 2' of '212'), of: Enter =
    wat je eerder koos, 0 = overal het laagste niveau, o = overslaan, t = terug naar het
    vorige antwoord, s = stoppen, ? = de rubriek. Wat je beoordeelt, wordt meteen bewaard."""
    from .learners import course_learners
    from .release import resolve_assignment
    from .rubric import assess as save, to_grade

    course = _course(ctx)
    assignment = resolve_assignment(course, opdracht)
    short = assignment.split("-")[0]
    todo = to_grade(course, assignment, cursist, vraag, opnieuw, per)
    if not todo:
        console.print("[green]✓[/green] Er is niets meer te beoordelen voor deze opdracht. "
                      f"Iets verbeteren: '{command(course, 'beoordelen', short, '--opnieuw')}' "
                      "(of met --cursist of --vraag).", soft_wrap=True)
        next_step(course, "feedback", short)
        return
    names = {lr.id: lr.naam for lr in course_learners(course)}
    pending = sum(1 for item in todo if item.pending)
    console.print(f"{plural(len(todo), 'antwoord', 'antwoorden')}: {pending} nog te "
                  f"beoordelen, {len(todo) - pending} om te verbeteren. Typ de niveaus op één "
                  "regel ('2 1 2'); ? = hulp. Wat je beoordeelt, wordt meteen bewaard.")
    done: dict[int, float] = {}
    skipped: set[int] = set()
    started = time.monotonic()
    index, shown_rubric = 0, None
    session = course.gradebook()
    gradebook = session.__enter__()
    try:
        while index < len(todo):
            item = todo[index]
            question = item.question
            if shown_rubric != question.id:
                console.rule(f"[bold]{question.id} · {question.title}[/bold]")
                _show_rubric(question)
                shown_rubric = question.id
            console.rule(f"{index + 1}/{len(todo)} · {question.id} · "
                         f"{_who(names, item.learner)}")
            if item.changed:
                console.print("[yellow]Dit antwoord is veranderd sinds je het beoordeelde."
                              "[/yellow]")
            if item.blank:
                console.print(Panel("[yellow]Leeg: de cursist schreef hier niets. nbgrader gaf "
                                    "0 punten; bevestig met 0 of kies niveaus.[/yellow]",
                                    title="Antwoord"))
            else:
                console.print(Panel(item.answer.strip(), title="Antwoord"))
            if item.check:
                for message in item.check.messages:
                    console.print(f"  • {message}")
                for finding in item.check.privacy:
                    console.print(f"  [yellow]• Privacy: {finding.message}[/yellow]")
            earlier = item.earlier
            default = " ".join(str(earlier.levels.get(c.criterium, "?"))
                               for c in question.criteria) if earlier else ""
            if earlier:
                console.print(f"Eerder gekozen: {default} = {earlier.score} punten"
                              + (f"; opmerking: {earlier.comment}" if earlier.comment else "")
                              + (f" (in het cijferbestand: {item.score:g})"
                                 if item.score is not None and item.score != earlier.score
                                 else ""))
            answer = click.prompt(f"Niveaus ({len(question.criteria)} criteria)",
                                  default=default, show_default=bool(default)).strip().lower()
            if answer in ("s", "stop", "stoppen"):
                break
            if answer in ("o", "overslaan"):
                skipped.add(index)
                index += 1
                continue
            if answer in ("t", "terug"):
                index = max(0, index - 1)
                shown_rubric = None
                continue
            if answer in ("?", "h", "hulp"):
                _show_rubric(question)
                console.print("Typ de niveaus op één regel ('2 1 2' of '212'); Enter = eerder "
                              "gekozen; 0 = overal het laagste; o = overslaan; t = terug; "
                              "s = stoppen.")
                continue
            levels = _parse_levels(answer, question)
            if isinstance(levels, str):
                err.print(f"[red]{levels}[/red]")
                continue
            remark_default = earlier.comment if earlier else ""
            remark = click.prompt("Opmerking voor de cursist (Enter = "
                                  + ("dezelfde; '-' = geen" if remark_default else "geen") + ")",
                                  default=remark_default, show_default=False)
            if remark.strip() == "-":
                remark = ""
            result = save(course, assignment, item.learner, question.id, levels, remark,
                          gradebook)
            console.print(f"[green]✓[/green] {result.score} van {question.points} punten "
                          "bewaard.")
            done[index] = result.score
            skipped.discard(index)
            item.earlier, item.score, item.changed = result, result.score, False
            index += 1
    except click.Abort:
        console.print()
    finally:
        session.__exit__(None, None, None)
    seconds = time.monotonic() - started
    left = len(to_grade(course, assignment))
    console.rule("Samenvatting")
    console.print(f"{plural(len(done), 'antwoord', 'antwoorden')} beoordeeld"
                  + (f" in {seconds / 60:.0f} min ({seconds / len(done):.0f} s per antwoord)"
                     if done else "")
                  + f"; {len(skipped)} overgeslagen; nog te beoordelen in {short}: {left}.")
    if left:
        next_step(course, "beoordelen", short, why=" (verder waar je stopte)")
    else:
        next_step(course, "feedback", short)


@cursus.command("feedback")
@click.argument("opdracht")
@course_option
@click.pass_context
def feedback(ctx: click.Context, opdracht: str) -> None:
    """Maak per cursist een feedbackpagina (HTML) in feedback/<id>/.

    In een cursus op JupyterHub komt de feedback ook in de uitwisseling: de cursisten halen
    ze op in Jupyter (Fetch Feedback)."""
    from .feedback import write_feedback
    from .hub import release_feedback
    from .release import resolve_assignment

    course = _course(ctx)
    assignment = resolve_assignment(course, opdracht)
    written = write_feedback(course, assignment)
    _warn_disagreements(course, assignment)
    pages = plural(len(written), "feedbackpagina", "feedbackpagina's")
    console.print(f"[green]✓[/green] {pages} in {course.folder('feedback')}.")
    if course.hub:
        sent = release_feedback(course, assignment, written)
        if sent:
            console.print(f"[green]✓[/green] In de uitwisseling voor "
                          f"{plural(len(sent), 'cursist', 'cursisten')}: zij halen de feedback "
                          "op in Jupyter (tabblad Assignments → Fetch Feedback).")
        others = sorted({page.parent.name for page in written} - set(sent))
        if others:
            console.print(f"Niet via Jupyter ingeleverd, dus geef hen de pagina zelf: "
                          f"{', '.join(others)}.", soft_wrap=True)
    next_step(course, "exporteer")


def _warn_disagreements(course: Course, assignment: str) -> None:
    from .rubric import disagreements

    found = disagreements(course, assignment)
    if not found:
        return
    short = assignment.split("-")[0]
    answers = plural(len(found), "antwoord", "antwoorden")
    err.print(f"[yellow bold]Let op:[/yellow bold] bij {answers} verschilt de score in het "
              "cijferbestand (bijvoorbeeld aangepast in de formgrader van nbgrader) van de "
              "niveaus die je koos. De score in het cijferbestand telt; de feedback toont "
              "die score en de opmerking van daar, zonder de niveaus:")
    for item in found:
        score = "–" if item.gradebook is None else f"{item.gradebook:g}"
        again = command(course, "beoordelen", short, "--cursist", item.learner, "--vraag",
                        item.question)
        err.print(f"  • {item.learner}, {item.question}: cijferbestand {score}, niveaus samen "
                  f"{item.levels}. Kies opnieuw: {again}", soft_wrap=True)


@cursus.command("exporteer")
@click.option("--scheiding", type=click.Choice([",", ";"]), default=",", show_default=True,
              help="Scheidingsteken van cijfers.csv (';' voor Excel in België en Nederland).")
@click.option("--canvas-export", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Een cijferexport uit Canvas: dan krijgen de kolommen de namen (met nummer) "
              "van de opdrachten die al in Canvas staan.")
@course_option
@click.pass_context
def export(ctx: click.Context, scheiding: str, canvas_export: Path | None) -> None:
    """Schrijf de scores voor Moodle, Canvas en Excel, en de feedback-zip voor Moodle.

    Alleen scores, nooit tekst van cursisten. Een lege cel = niet ingeleverd of nog niet
    nagekeken (ook in 'nbgrader export' in de cursusmap)."""
    from .lms import export_canvas, export_moodle, moodle_feedback_zip
    from .report import export_csv

    course = _course(ctx)
    for path, what in ((export_csv(course, scheiding), "Excel"),
                       (export_moodle(course), "Moodle: Cijfers → Importeren → CSV-bestand"),
                       (export_canvas(course, canvas_export),
                        "Canvas: Cijfers → Importeren")):
        console.print(f"[green]✓[/green] {path.relative_to(course.root)} ({what})")
    for assignment in course.assignments():
        if not any(course.root.glob(f"feedback/*/{assignment}.html")):
            continue
        result = moodle_feedback_zip(course, assignment)
        if result.path:
            console.print(f"[green]✓[/green] {result.path.relative_to(course.root)} "
                          f"({plural(len(result.learners), 'cursist', 'cursisten')}; Moodle: "
                          "opdracht → Alle inzendingen bekijken → Meerdere feedbackbestanden "
                          "uploaden in een zip)")
        if result.without_id:
            console.print(f"  [yellow]Niet in de Moodle-zip van {assignment.split('-')[0]}"
                          "[/yellow] (hun werk kwam niet uit een Moodle-download, dus hun "
                          f"deelnemersnummer is onbekend): {', '.join(result.without_id)}",
                          soft_wrap=True)
    for assignment in course.assignments():
        _warn_disagreements(course, assignment)
    next_step(course, "rapport", why=" (overzicht en voortgang)")


@cursus.command("rapport")
@course_option
@click.pass_context
def report(ctx: click.Context) -> None:
    """Maak export/rapport.html: overzicht en voortgang per cursist, met grafieken."""
    from .report import write_report

    path = write_report(_course(ctx))
    console.print(f"[green]✓[/green] Rapport: {path}")


@cursus.command("overzicht")
@course_option
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
        table.add_row(f"{learner.id} {learner.naam}", *cells)
    console.print(table)
    console.print("* = nog te beoordelen · ingeleverd = nog niet nagekeken · – = niet "
                  "ingeleverd")
    for assignment in scores:
        _warn_disagreements(course, assignment)


@cursus.command("formgrader")
@click.option("--poort", type=click.IntRange(1024, 65535), default=8888, show_default=True,
              help="Poort op 127.0.0.1.")
@course_option
@click.pass_context
def formgrader(ctx: click.Context, poort: int) -> None:
    """Open de formgrader van nbgrader voor deze cursus (in je browser).

    Scores en opmerkingen die je daar verandert, gelden overal: in de feedback, de export en
    het rapport. Stoppen: Ctrl+C."""
    import os
    import subprocess

    course = _course(ctx)
    jupyter = Path(sys.executable).parent / "jupyter"
    env = {**os.environ, "PATH": f"{jupyter.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    console.print(f"De formgrader start op http://127.0.0.1:{poort}/formgrader (stoppen: "
                  "Ctrl+C). Open de link met het token die hieronder verschijnt.")
    argv = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={poort}",
            "--ServerApp.port_retries=0", f"--ServerApp.root_dir={course.root}",
            "--ServerApp.default_url=/formgrader"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # only on 127.0.0.1; a container often runs as root
    try:
        code = subprocess.call(argv, cwd=course.root, env=env)
    except KeyboardInterrupt:
        code = 0
    if code:
        raise CourseError(f"De formgrader startte niet (code {code}); de reden staat in de "
                          f"meldingen hierboven. Is poort {poort} al in gebruik, kies dan een "
                          "andere met --poort.")


@cursus.command("wis")
@click.argument("cursist")
@click.option("--ja", is_flag=True, help="Niet meer vragen of het zeker is.")
@course_option
@click.pass_context
def erase(ctx: click.Context, cursist: str, ja: bool) -> None:
    """Wis alle gegevens van één cursist (inzendingen, scores, feedback)."""
    from .learners import erase_learner

    course = _course(ctx)
    if not ja and not ask(f"Alles van '{cursist}' wordt gewist. Dat kan niet ongedaan gemaakt "
                          "worden. Doorgaan?"):
        console.print("Niets gewist.")
        return
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
