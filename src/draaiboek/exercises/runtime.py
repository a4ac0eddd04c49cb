"""What an exercise notebook runs, in any Jupyter with only the standard Python kernel: the
notebook carries this module (and `rules`, `answers`, `formative`, `privacy`) in its hidden
first code cell, so nothing needs to be installed.

- `activeer` reads each knowledge check's answer line as text, never as Python: a cell
  `k1 = C` or `k1 = “A”` becomes `k1 = _draaiboek_antwoord("k1", "C")` before it runs
  (an IPython input transformer), which prints the friendly Dutch result of `parse_answer`.
- `kennisvraag` is the test of a knowledge check: for the learner it says nothing when the
  answer is fine; while grading it returns the points (nbgrader reads the number).
- `zelfcontrole` runs the formative checks on the saved notebook, found by its metadata (the
  kernel's own notebook when Jupyter tells us which one, else the most recently saved one in
  the folder with this exercise), so a copy "… (1).ipynb" is checked, not the blank original.
None of them ever raises: a wrong answer gets a friendly Dutch line, not a traceback."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .answers import answer_line, parse_answer
from .formative import check_notebook, report

_QUESTIONS: dict = {}  # knowledge check id → its letters, set by `activeer`


def _label(qid: str) -> str:
    return f"Vraag {qid[1:]}" if qid[1:].isdigit() else f"Vraag {qid}"


def _draaiboek_antwoord(qid: str, value: str) -> str:
    print(f"{_label(qid)}: {parse_answer(value, _QUESTIONS.get(qid, 'ABCD')).message}")
    return value


def _transform(lines: list) -> list:
    """IPython cleanup transformer: a cell holding a knowledge check's answer line runs as
    a call that keeps the answer as text (every other line of that cell is ignored, as in
    grading)."""
    found = answer_line("".join(lines), list(_QUESTIONS)) if _QUESTIONS else None
    if found is None:
        return lines
    qid, value = found
    return [f"{qid} = _draaiboek_antwoord({qid!r}, {value!r})\n"]


def activeer(questions: dict, namespace: dict | None = None) -> None:
    """Read the answer lines of these knowledge checks (`{"k1": "ABCD", ...}`) as text."""
    _QUESTIONS.clear()
    _QUESTIONS.update(questions)
    if namespace is not None:
        namespace["_draaiboek_antwoord"] = _draaiboek_antwoord
    try:
        shell = get_ipython()  # noqa: F821 - exists in every Jupyter kernel
    except NameError:
        return
    cleanup = shell.input_transformers_cleanup
    for transformer in [t for t in cleanup if getattr(t, "__name__", "") == "_transform"]:
        cleanup.remove(transformer)
    cleanup.append(_transform)


def kennisvraag(qid: str, antwoord, letters: str, juist, punten: int):
    if antwoord is None:
        if juist is None:
            print(f"{_label(qid)}: voer eerst de cel met je antwoord uit (Shift+Enter).")
            return None
        return 0.0
    answer = parse_answer(str(antwoord), letters)
    if juist is None:
        return None
    return float(punten) if answer.letter == juist else 0.0


def _exercise_of(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("metadata", {}).get("draaiboek", {}).get("oefening") \
        if isinstance(data, dict) else None


def find_notebook(oefening: str, folder: Path | None = None,
                  session: str | None = None) -> Path | None:
    """The saved notebook of this exercise: the kernel's own (Jupyter passes its path as
    JPY_SESSION_NAME) when that is one, else the most recently saved notebook in the folder
    whose metadata names this exercise."""
    folder = folder or Path.cwd()
    session = session if session is not None else os.environ.get("JPY_SESSION_NAME", "")
    if session:
        own = Path(session)
        for candidate in (own, folder / own.name):
            if candidate.suffix == ".ipynb" and candidate.is_file() \
                    and _exercise_of(candidate) == oefening:
                return candidate
    mine = [p for p in folder.glob("*.ipynb") if _exercise_of(p) == oefening]
    return max(mine, key=lambda p: p.stat().st_mtime) if mine else None


def zelfcontrole(oefening: str, map: Path | None = None) -> None:
    path = find_notebook(oefening, map)
    if path is None:
        print("Ik vind deze notebook niet in de map. Sla hem eerst op (Ctrl+S, of File → "
              "Save Notebook) en voer deze cel opnieuw uit.")
        return
    notebook = json.loads(path.read_text(encoding="utf-8"))
    saved = time.strftime("%H:%M", time.localtime(path.stat().st_mtime))
    print(f"Ik controleer '{path.name}', zoals die om {saved} is opgeslagen. Sla eerst op "
          "(Ctrl+S) als je daarna nog iets schreef.\n")
    print(report(check_notebook(notebook)))
