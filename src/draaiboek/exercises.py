"""Graded exercises: the author's YAML (`exercises/<chapter>.yml`), its schema, and the
compiler that turns it into the nbgrader source notebook
(`exercises/source/<chapter>/<chapter>.ipynb`) with every piece of nbgrader metadata
generated and checked here — never written by hand (hand-written metadata double-counts
points). Learners never write Python: a knowledge check is one letter on a marked line, a
reflection is text under the step headings of a reflection model.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .nakijken import UNANSWERED
from .problems import ContentError, Problem, display_path
from .yamlfile import validate_yaml

EXERCISES_FOLDER = "exercises"
SOURCE_FOLDER = "exercises/source"
MODELS = {
    "starr": ("STARR", ["Situatie", "Taak", "Actie", "Resultaat", "Reflectie"]),
    "korthagen": ("het reflectiemodel van Korthagen (ALACT)",
                  ["Handelen", "Terugblikken", "Bewustwording", "Alternatieven", "Uitproberen"]),
    "gibbs": ("de reflectiecyclus van Gibbs",
              ["Beschrijving", "Gevoelens", "Evaluatie", "Analyse", "Conclusie", "Actieplan"]),
}
SOLUTION_START, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
# nbgrader settings every Draaiboek course uses (written into its nbgrader_config.py).
NBGRADER_CONFIG = {
    "ClearSolutions.text_stub": "",
    "ClearSolutions.code_stub": {"python": "# Vul hier je antwoord in."},
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    punten: int = Field(ge=0)
    beschrijving: str


class Criterion(_Strict):
    criterium: str
    niveaus: list[Level] = Field(min_length=2)

    @property
    def maximum(self) -> int:
        return max(level.punten for level in self.niveaus)


class _Rubric(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*$")
    vraag: str
    min_woorden: int = Field(50, ge=0)
    punten: int = Field(ge=1)
    rubriek: list[Criterion] = Field(min_length=3)

    @model_validator(mode="after")
    def _points_match_rubric(self):
        total = sum(c.maximum for c in self.rubriek)
        if total != self.punten:
            raise ValueError(f"de rubriek telt op tot {total} punten, maar punten is "
                             f"{self.punten} | Maak punten gelijk aan de som van het hoogste "
                             "niveau van elk criterium.")
        return self


class Reflection(_Rubric):
    titel: str
    model: Literal["starr", "korthagen", "gibbs"]


class CaseQuestion(_Rubric):
    casus: str


class KnowledgeCheck(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*$")
    vraag: str
    keuzes: dict[Literal["A", "B", "C", "D"], str] = Field(min_length=3, max_length=4)
    juist: Literal["A", "B", "C", "D"]
    uitleg: str
    punten: int = Field(1, ge=1)

    @model_validator(mode="after")
    def _answer_is_a_choice(self):
        letters = list(self.keuzes)
        if letters != sorted(letters) or letters[0] != "A":
            raise ValueError("de keuzes moeten A, B, C (en D) heten, in die volgorde | "
                             "Schrijf de keuzes als A:, B:, C:.")
        if self.juist not in self.keuzes:
            raise ValueError(f"het juiste antwoord {self.juist} is geen van de keuzes | "
                             "Kies een letter die bij de keuzes staat.")
        return self


class Exercise(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, title="Oefening")

    titel: str
    hoofdstuk: int = Field(ge=1, le=11)
    inleiding: str
    kennisvragen: list[KnowledgeCheck] = Field(min_length=4)
    reflecties: list[Reflection] = Field(min_length=2)
    casusvraag: CaseQuestion

    @model_validator(mode="after")
    def _unique_ids(self):
        ids = [k.id for k in self.kennisvragen] + [r.id for r in self.reflecties]
        ids.append(self.casusvraag.id)
        double = sorted({i for i in ids if ids.count(i) > 1})
        if double:
            raise ValueError(f"de id '{double[0]}' komt twee keer voor | Geef elke vraag "
                             "een eigen id (k1, k2, r1, r2, c1).")
        return self

    @property
    def total_points(self) -> int:
        return (sum(k.punten for k in self.kennisvragen) + sum(r.punten for r in self.reflecties)
                + self.casusvraag.punten)


@dataclass(frozen=True)
class LoadedExercise:
    id: str
    exercise: Exercise
    file: str
    case_names: tuple[str, ...] = ()  # the case's fictional people: not a privacy risk


def parse_exercise(text: str, file: str, root: Path | None = None) -> LoadedExercise:
    exercise, _ = validate_yaml(text, file, Exercise, "een oefening bevat velden (titel:, "
                                "kennisvragen:, ...)", "Kijk een bestaande oefening na.")
    names = case_names(root, exercise.casusvraag.casus) if root else ()
    return LoadedExercise(Path(file).stem, exercise, file, names)


def case_names(root: Path, case_id: str) -> tuple[str, ...]:
    """Names of the invented people in a case (and the carer playing it): a learner's answer
    about the case may use them without a privacy warning."""
    from .privacy import likely_names, project_rules

    path = root / "cases" / f"{case_id}.yml"
    if not path.is_file():
        return ()
    return tuple(sorted(likely_names(path.read_text(encoding="utf-8"), project_rules(root))))


def exercise_files(root: Path) -> list[Path]:
    return sorted((root / EXERCISES_FOLDER).glob("h[0-9][0-9]-*.yml"))


def load_exercises(root: Path) -> list[LoadedExercise]:
    loaded, problems = [], []
    for path in exercise_files(root):
        try:
            loaded.append(parse_exercise(path.read_text(encoding="utf-8"),
                                         display_path(path, root), root))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return loaded


def check_exercises(root: Path) -> list[Problem]:
    """Valid files, named after an existing chapter, built on an existing case, and the
    generated notebook up to date."""
    from .cases.loader import CASES_FOLDER
    from .project import chapter_page

    try:
        loaded = load_exercises(root)
    except ContentError as exc:
        return exc.problems
    problems = []
    cases = {p.stem for p in (root / CASES_FOLDER).glob("*.yml")}
    for item in loaded:
        try:
            chapter = chapter_page(root, str(item.exercise.hoofdstuk)).stem
        except FileNotFoundError:
            chapter = None
        if chapter != item.id:
            problems.append(Problem(item.file, f"de bestandsnaam past niet bij hoofdstuk "
                                    f"{item.exercise.hoofdstuk}.",
                                    f"Noem het bestand {chapter or 'naar het hoofdstuk'}.yml."))
        if item.exercise.casusvraag.casus not in cases:
            problems.append(Problem(item.file, f"de casus '{item.exercise.casusvraag.casus}' "
                                    "bestaat niet.", "Gebruik de naam van een bestand in cases/.",
                                    place="casusvraag → casus"))
        notebook = root / SOURCE_FOLDER / item.id / f"{item.id}.ipynb"
        if not notebook.is_file() or json.loads(notebook.read_text(encoding="utf-8")) != \
                compile_notebook(item):
            problems.append(Problem(display_path(notebook, root),
                                    "de notebook is niet bijgewerkt na een wijziging van "
                                    f"{item.file}.", "Voer 'draaiboek oefeningen' uit."))
    return problems


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


def answer_id(cell: dict) -> str | None:
    """The question a cell holds the learner's answer to (None for other cells)."""
    return cell.get("metadata", {}).get("draaiboek", {}).get("antwoord")


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
        _code(eid, "start", "from draaiboek.nakijken import kennisvraag, zelfcontrole",
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


_STEP = re.compile(r"^\*\*(?P<step>[^*:]+):\*\*(?P<text>.*?)(?=^\*\*[^*:]+:\*\*|\Z)",
                   re.MULTILINE | re.DOTALL)


def steps_covered(answer: str, model: str) -> dict[str, int]:
    """Words written under each step heading of the model."""
    _, steps = MODELS[model]
    found = {m["step"].strip(): len(re.findall(r"\w+", m["text"])) for m in _STEP.finditer(answer)}
    return {step: found.get(step, 0) for step in steps}
