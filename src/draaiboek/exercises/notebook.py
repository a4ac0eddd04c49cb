"""The notebook compiler: an exercise → its nbgrader source notebook
(`exercises/source/<chapter>/<chapter>.ipynb`), with every piece of nbgrader metadata
generated and checked here — never written by hand (hand-written metadata double-counts
points). Learners never write Python: a knowledge check is one letter on a marked line, a
reflection is text under the step headings of a reflection model.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .answers import UNANSWERED, answer_id
from .loader import SOURCE_FOLDER, LoadedExercise, load_exercises
from .rules import MODELS
from .schema import Exercise, Reflection

SOLUTION_START, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
# nbgrader settings every Draaiboek course uses (written into its nbgrader_config.py).
NBGRADER_CONFIG = {
    "ClearSolutions.text_stub": "",
    "ClearSolutions.code_stub": {"python": "# Vul hier je antwoord in."},
}



# --- the compiler ------------------------------------------------------------------------

def _cell_id(exercise_id: str, name: str) -> str:
    return hashlib.sha1(f"{exercise_id}:{name}".encode()).hexdigest()[:12]


def _markdown(exercise_id: str, name: str, text: str, **nbgrader) -> dict:
    cell = {"cell_type": "markdown", "id": _cell_id(exercise_id, name), "metadata": {},
            "source": text}
    if nbgrader:
        cell["metadata"]["nbgrader"] = _metadata(name, **nbgrader)
    return cell


def _code(exercise_id: str, name: str, source: str, **nbgrader) -> dict:
    cell = {"cell_type": "code", "execution_count": None, "id": _cell_id(exercise_id, name),
            "metadata": {"editable": True}, "outputs": [], "source": source}
    if nbgrader:
        cell["metadata"]["nbgrader"] = _metadata(name, **nbgrader)
    return cell


def _metadata(grade_id: str, *, grade: bool, solution: bool, locked: bool,
              points: int | None = None, task: bool = False) -> dict:
    """One cell's nbgrader metadata; the only place it is written."""
    if grade and task:
        raise ValueError("a cell is never both graded and a task (it would count twice)")
    data = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": task}
    if grade or task:
        data["points"] = points
    if solution and not grade and not task and locked:
        raise ValueError("a solution cell is never locked")
    return data


def reflection_template(model: str) -> str:
    _, steps = MODELS[model]
    return "\n\n".join(f"**{step}:** " for step in steps) + "\n"


def compile_notebook(loaded: LoadedExercise) -> dict:
    """The nbgrader source notebook of an exercise, as a dict (nbformat 4)."""
    ex, eid = loaded.exercise, loaded.id
    cells = [
        _markdown(eid, "intro", f"# {ex.titel}\n\n{ex.inleiding.strip()}\n\n"
                  f"Deze oefening telt {ex.total_points} punten.", grade=False, solution=False,
                  locked=True),
        _code(eid, "start", "from draaiboek.exercises.runtime import kennisvraag, zelfcontrole",
              grade=False, solution=False, locked=True),
        _markdown(eid, "kennis-uitleg", "## Kennisvragen\n\nVervang bij elke vraag het "
                  f"vraagteken `{UNANSWERED}` door één letter. Verander niets anders op de "
                  "regel.", grade=False, solution=False, locked=True),
    ]
    for check in ex.kennisvragen:
        choices = "\n".join(f"- **{letter}.** {text}" for letter, text in check.keuzes.items())
        cells.append(_markdown(eid, f"{check.id}-vraag", f"**Vraag {check.id[1:]}.** "
                               f"{check.vraag}\n\n{choices}", grade=False, solution=False,
                               locked=True))
        letters = ", ".join(check.keuzes)
        # An ordinary editable cell without nbgrader metadata: nbgrader would replace a
        # 'solution' code cell by a stub, and trips over an unregistered grade_id.
        cells.append(_code(eid, f"{check.id}-antwoord",
                           f'{check.id} = "{UNANSWERED}"  # ← zet hier één letter: {letters}'))
        cells[-1]["metadata"]["draaiboek"] = {"antwoord": check.id}
        cells.append(_code(
            eid, f"{check.id}-nakijken",
            f"juist = None\n### BEGIN HIDDEN TESTS\njuist = \"{check.juist}\"\n"
            f"### END HIDDEN TESTS\nkennisvraag(\"{check.id}\", globals().get(\"{check.id}\"), "
            f"\"{''.join(check.keuzes)}\", juist, {check.punten})",
            grade=True, solution=False, locked=True, points=check.punten))
    for part in [*ex.reflecties, ex.casusvraag]:
        if isinstance(part, Reflection):
            name, steps = MODELS[part.model]
            heading = f"## Reflectie: {part.titel}"
            hint = (f"Schrijf onder elk kopje van {name}. Gebruik minstens {part.min_woorden} "
                    "woorden. Schrijf geen echte namen of herkenbare gegevens van een gezin.")
            template = reflection_template(part.model)
        else:
            heading = "## Vraag bij de casus"
            hint = (f"Speel eerst de casus '{part.casus}' in het boek of in Jupyter. Gebruik "
                    f"minstens {part.min_woorden} woorden.")
            template = "Mijn antwoord: \n"
        rubric = "\n".join(
            f"- **{c.criterium}** ({c.maximum} punten): "
            + "; ".join(f"{lv.punten}: {lv.beschrijving}" for lv in c.niveaus)
            for c in part.rubriek)
        cells.append(_markdown(eid, f"{part.id}-vraag", f"{heading}\n\n{part.vraag.strip()}\n\n"
                               f"{hint}\n\n**Zo wordt je antwoord beoordeeld:**\n\n{rubric}",
                               grade=False, solution=False, locked=True))
        # The step headings stay in the learner's copy: only the empty block between the
        # markers is cleared (the course sets ClearSolutions.text_stub to "").
        cells.append(_markdown(eid, f"{part.id}-antwoord",
                               f"{template}\n{SOLUTION_START}\n{SOLUTION_END}\n", grade=True,
                               solution=True, locked=False, points=part.punten))
        cells[-1]["metadata"]["draaiboek"] = {"antwoord": part.id}
    cells.append(_markdown(eid, "controle-uitleg", "## Zelfcontrole\n\nVoer de cel hieronder uit "
                           "voor je inlevert. Je ziet of alles is ingevuld, of je reflecties "
                           "lang genoeg zijn en alle stappen hebben, en of er gegevens in staan "
                           "die een gezin herkenbaar maken.", grade=False, solution=False,
                           locked=True))
    cells.append(_code(eid, "zelfcontrole", f'zelfcontrole("{eid}")', grade=False,
                       solution=False, locked=True))
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                    "name": "python3"},
                     "language_info": {"name": "python"},
                     "draaiboek": {"oefening": eid, "punten": ex.total_points,
                                   "vragen": _question_info(ex, loaded.case_names)}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def _question_info(ex: Exercise, names: tuple[str, ...]) -> dict:
    """What the formative checks need to know about each question."""
    info: dict = {k.id: {"soort": "kennis", "keuzes": "".join(k.keuzes)} for k in ex.kennisvragen}
    for part in ex.reflecties:
        info[part.id] = {"soort": "reflectie", "model": part.model, "min_woorden": part.min_woorden}
    info[ex.casusvraag.id] = {"soort": "casus", "min_woorden": ex.casusvraag.min_woorden,
                              "namen": list(names)}
    return info


def write_notebooks(root: Path) -> list[Path]:
    """(Re)generate every source notebook from its YAML; returns the files written."""
    written = []
    for loaded in load_exercises(root):
        target = root / SOURCE_FOLDER / loaded.id / f"{loaded.id}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(compile_notebook(loaded), ensure_ascii=False, indent=1) + "\n"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written
