"""`draaiboek check` for exercises: valid files, named after a chapter, built on an existing
case, and the generated notebook up to date."""

from __future__ import annotations

import json
from pathlib import Path

from ..problems import ContentError, Problem, display_path
from ..questionbias import Question, bias_problems
from .loader import SOURCE_FOLDER, load_exercises
from .notebook import compile_notebook
from .rules import RULES


def check_exercises(root: Path) -> list[Problem]:
    """Valid files, named after an existing chapter, built on an existing case, and the
    generated notebook up to date."""
    from ..cases.loader import CASES_FOLDER
    from ..project import chapter_page

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
        for index, question in enumerate(item.exercise.casusvragen):
            if question.casus not in cases:
                problems.append(Problem(item.file, f"de casus '{question.casus}' bestaat niet.",
                                        "Gebruik de naam van een bestand in cases/.",
                                        place=f"casusvragen → {index + 1} → casus"))
        for index, part in enumerate(item.exercise.reflecties):
            model = RULES["modellen"][part.model]
            if item.exercise.hoofdstuk < model["vanaf_hoofdstuk"]:
                problems.append(Problem(
                    item.file, f"de reflectie vraagt {model['naam']}, maar het boek legt dat "
                    f"model pas uit in {model['uitleg']}.", "Kies een model dat het boek al "
                    "heeft uitgelegd, zoals vijf-vragen.", place=f"reflecties → {index + 1} → model"))
        problems += bias_problems(item.file, f"de kennisvragen van hoofdstuk "
                                  f"{item.exercise.hoofdstuk}", knowledge_questions(item.exercise))
        notebook = root / SOURCE_FOLDER / item.id / f"{item.id}.ipynb"
        if not notebook.is_file() or _json_or_none(notebook) != compile_notebook(item):
            problems.append(Problem(display_path(notebook, root),
                                    "de notebook is niet bijgewerkt na een wijziging van "
                                    f"{item.file}.", "Voer 'draaiboek oefeningen' uit."))
    return problems


def knowledge_questions(exercise) -> list[Question]:
    """The knowledge questions of an exercise as the answer-bias measures see them."""
    return [Question(k.id, k.vraag, tuple(k.keuzes.values()), list(k.keuzes).index(k.juist))
            for k in exercise.kennisvragen]


def _json_or_none(path: Path):
    """A generated notebook's JSON, or None when it is damaged (then it is made again)."""
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, OSError):
        return None
