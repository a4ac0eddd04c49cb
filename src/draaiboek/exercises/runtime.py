"""What an exercise notebook calls. `kennisvraag` is the test of a knowledge check: for the
learner it only says whether the answer has the right form; while grading it returns the
points (nbgrader reads the number). `zelfcontrole` runs the formative checks on the saved
notebook. Neither ever raises: a wrong answer gets a friendly Dutch line, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from .answers import UNANSWERED
from .formative import check_notebook, report


def kennisvraag(qid: str, antwoord, letters: str, juist: str | None, punten: int):
    if not isinstance(antwoord, str):
        print(f"Vraag {qid}: zet je antwoord als één letter tussen de aanhalingstekens, "
              f'bijvoorbeeld {qid} = "A".')
        return None if juist is None else 0.0
    value = antwoord.strip().upper()
    if value in ("", UNANSWERED):
        print(f"Vraag {qid}: nog niet ingevuld.")
        return None if juist is None else 0.0
    if len(value) != 1 or value not in letters:
        print(f"Vraag {qid}: '{antwoord}' is geen keuze. Schrijf één letter: "
              f"{', '.join(letters)}.")
        return None if juist is None else 0.0
    if juist is None:
        print(f"Vraag {qid}: ingevuld ({value}). Na het nakijken zie je of het juist is.")
        return None
    return float(punten) if value == juist else 0.0


def zelfcontrole(oefening: str, map: Path | None = None) -> None:
    """Check the saved notebook `<oefening>.ipynb` in the current folder."""
    path = (map or Path.cwd()) / f"{oefening}.ipynb"
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        print(f"Ik vind {path.name} niet. Sla de notebook eerst op (Ctrl+S) en probeer opnieuw.")
        return
    print("Sla eerst op (Ctrl+S): ik lees de laatst opgeslagen versie.\n")
    print(report(check_notebook(notebook)))
