"""`draaiboek casus speel <id>`: play a case in the terminal, for quick trials."""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Console

from ..regions import Region, localise
from . import engine
from .schema import Case

_MARKUP = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def _plain(text: str, region: Region) -> str:
    text = localise(text, region)
    return _MARKUP.sub(lambda m: m.group(1) or m.group(2), text).strip()


def play_in_terminal(case: Case, region: Region, ask: Callable[[str], str],
                     console: Console) -> engine.PlayState:
    """Play until an ending. `ask` reads one answer ('1', '2', ..., 't' back, 'q' stop)."""
    steps: list[tuple[engine.PlayState, engine.Step]] = []
    state = engine.start(case)
    console.print(f"[bold]{_plain(case.titel, region)}[/bold]\n{_plain(case.samenvatting, region)}\n")
    while True:
        scene = engine.scene(case, state)
        values = ", ".join(f"{case.indicatoren[k].naam} {v}" for k, v in state.indicators.items())
        console.print(f"[dim]{values}[/dim]")
        console.print(f"[bold cyan]Bezoek {scene.bezoek}: {_plain(scene.titel, region)}[/bold cyan]")
        console.print(_plain(scene.tekst, region) + "\n")
        if scene.einde:
            console.print(f"[bold]Einde: {_plain(scene.einde.titel, region)}[/bold] "
                          f"({scene.einde.soort})")
            console.print(_plain(scene.einde.debrief, region) + "\n")
            console.print("[bold]Jouw weg:[/bold]")
            for number, (_, step) in enumerate(steps, start=1):
                console.print(f"{number}. {_plain(step.choice.tekst, region)}")
            return state
        choices = engine.options(case, state)
        for number, choice in enumerate(choices, start=1):
            console.print(f"  [bold]{number}[/bold]. {_plain(choice.tekst, region)}")
        answer = ask("Jouw keuze (nummer, t = terug, q = stoppen)").strip().lower()
        if answer == "q":
            return state
        if answer == "t":
            if steps:
                state = steps.pop()[0]
            continue
        if not answer.isdigit() or not 1 <= int(answer) <= len(choices):
            console.print(f"[yellow]Kies een nummer van 1 tot {len(choices)}.[/yellow]")
            continue
        step = engine.choose(case, state, choices[int(answer) - 1].id)
        steps.append((state, step))
        changes = ", ".join(f"{case.indicatoren[k].naam} {d:+d}" for k, d in step.changes.items())
        console.print(f"\n[green]{_plain(step.choice.feedback, region)}[/green]")
        if changes:
            console.print(f"[dim]Gevolg: {changes}[/dim]")
        console.print()
        for passed in step.passed:
            console.print(_plain(case.scenes[passed].tekst, region) + "\n")
        state = step.state
