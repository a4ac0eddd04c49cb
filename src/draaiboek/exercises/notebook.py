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
from .rules import RULES, join_choices
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
    return "\n\n".join(f"**{step['kop']}** " for step in RULES["modellen"][model]["stappen"]) + "\n"


HOW_TO = """## Zo werk je in deze notebook

Deze notebook werkt in elke Jupyter (JupyterLab, Jupyter Notebook, een JupyterHub van je
organisatie). Je hoeft niets te installeren en je schrijft geen code.

1. **Eerst alles klaarzetten.** Kies in het menu **Run → Run All Cells**. Zo start de
   hulpcode bovenaan. Doe dat opnieuw als je de notebook later weer opent.
2. **Een kennisvraag beantwoorden.** Klik in het grijze vak onder de vraag. Vervang het
   vraagteken door één letter, bijvoorbeeld `k1 = "B"`. Druk op **Shift+Enter**: je ziet
   meteen of je antwoord goed is ingevuld (niet of het juist is).
3. **Een reflectie schrijven.** Dubbelklik op het vak met de kopjes (of klik erop en druk
   op **Enter**). Schrijf onder elk kopje. Druk op **Shift+Enter** om het vak te sluiten.
4. **Opslaan.** Druk op **Ctrl+S** (op een Mac **Cmd+S**), of kies **File → Save
   Notebook**. Jupyter bewaart ook zelf af en toe, maar niet meteen.
5. **Controleren.** Sla op en voer onderaan de cel **Zelfcontrole** uit (klik erin en druk
   op **Shift+Enter**). Je ziet wat nog ontbreekt.
6. **Inleveren.** Doe wat je trainer vraagt: in een JupyterHub met een opdrachtenlijst kies
   je **Submit**. Anders kies je **File → Download** en stuur je het bestand (.ipynb) naar je
   trainer of zet je het in de leeromgeving.

Staat JupyterLab in het Nederlands? Dan heet **File** ‘Bestand’ en **Run** ‘Uitvoeren’.
Grijze vakken met een balkje of drie puntjes (…) zijn hulpcode: laat ze zoals ze zijn.
"""

# The modules a notebook carries, in import order (all standard library only).
EMBEDDED = ("privacy.screening", "exercises.rules", "exercises.answers", "exercises.formative",
            "exercises.runtime")
EMBED_ROOT = "_draaiboek"


def embedded_modules(privacy: dict | None = None) -> list[tuple[str, str, dict]]:
    """(name inside the notebook, source, data handed to the module) of each module the
    notebook carries: the same source files the package runs, read with inspect."""
    import importlib
    import inspect

    from ..privacy import default_rules

    data_for = {"exercises.rules": {"EMBEDDED_RULES": RULES},
                "exercises.formative": {"EMBEDDED_PRIVACY_RULES": privacy or default_rules()}}
    modules = []
    for name in EMBEDDED:
        module = importlib.import_module(f"draaiboek.{name}")
        data = data_for.get(name, {})
        modules.append((f"{EMBED_ROOT}.{name}", inspect.getsource(module), data))
    return modules


def setup_source(questions: dict, privacy: dict | None = None) -> str:
    """The hidden first code cell: builds the embedded modules and reads the answer lines
    of these knowledge checks (`{"k1": "ABCD"}`) as text."""
    lines = [
        "# Hulpcode van het Draaiboek: leest je antwoorden en doet de zelfcontrole.",
        "# Verander deze cel niet. Ze heeft niets nodig dan Python zelf.",
        "import json as _json, sys as _sys, types as _types",
        "",
        "def _draaiboek_module(naam, bron=None, gegevens=None):",
        "    module = _types.ModuleType(naam)",
        "    module.__package__ = naam if bron is None else naam.rpartition('.')[0]",
        "    if bron is None:",
        "        module.__path__ = []",
        "    module.__dict__.update(gegevens or {})",
        "    _sys.modules[naam] = module",
        "    if bron is not None:",
        "        exec(compile(bron, '<' + naam + '>', 'exec'), module.__dict__)",
        "",
        f"_draaiboek_module({EMBED_ROOT!r})",
        f"_draaiboek_module({EMBED_ROOT + '.exercises'!r})",
        f"_draaiboek_module({EMBED_ROOT + '.privacy'!r})",
    ]
    for name, source, data in embedded_modules(privacy):
        extra = ""
        if data:
            extra = ", {" + ", ".join(
                f"{key!r}: _json.loads({json.dumps(value, ensure_ascii=False)!r})"
                for key, value in data.items()) + "}"
        lines.append(f"_draaiboek_module({name!r}, {source!r}{extra})")
    lines += [
        f"from {EMBED_ROOT}.exercises.runtime import activeer, kennisvraag, zelfcontrole",
        f"activeer({json.dumps(questions)}, globals())",
        'print("De hulpcode staat klaar. Je kunt beginnen.")',
    ]
    return "\n".join(lines)


def _hidden(cell: dict, outputs: bool = False) -> dict:
    """Collapse a cell the learner must not touch (JupyterLab and Notebook 7 honour this)."""
    cell["metadata"]["jupyter"] = {"source_hidden": True, **({"outputs_hidden": True}
                                                               if outputs else {})}
    cell["metadata"]["editable"] = False
    cell["metadata"]["deletable"] = False
    return cell


def compile_notebook(loaded: LoadedExercise) -> dict:
    """The nbgrader source notebook of an exercise, as a dict (nbformat 4). It needs nothing
    but the standard Python kernel: the code it runs is embedded in its hidden first cell.
    Its privacy screen knows only the general rules: the names of the project's cards and
    regions join when the notebook is handed out (`with_privacy_rules`), so a new card or
    region does not make every source notebook out of date."""
    ex, eid = loaded.exercise, loaded.id
    questions = {k.id: "".join(k.keuzes) for k in ex.kennisvragen}
    cells = [
        _markdown(eid, "intro", f"# {ex.titel}\n\n{ex.inleiding.strip()}\n\n"
                  f"Deze oefening telt {ex.total_points} punten.\n\n{HOW_TO}", grade=False,
                  solution=False, locked=True),
        _hidden(_code(eid, "start", setup_source(questions, _general_privacy_rules()),
                      grade=False, solution=False, locked=True)),
        _markdown(eid, "kennis-uitleg", "## Kennisvragen\n\nVervang bij elke vraag het "
                  f"vraagteken `{UNANSWERED}` door één letter. Laat de rest van de regel "
                  "staan.", grade=False, solution=False, locked=True),
    ]
    for check in ex.kennisvragen:
        choices = "\n".join(f"- **{letter}.** {text}" for letter, text in check.keuzes.items())
        cells.append(_markdown(eid, f"{check.id}-vraag", f"**Vraag {check.id[1:]}.** "
                               f"{check.vraag}\n\n{choices}", grade=False, solution=False,
                               locked=True))
        letters = join_choices(check.keuzes)
        # An ordinary editable cell without nbgrader metadata: nbgrader would replace a
        # 'solution' code cell by a stub, and trips over an unregistered grade_id. The
        # hidden first cell makes the kernel read this line as text, not as Python.
        cells.append(_code(eid, f"{check.id}-antwoord",
                           f'{check.id} = "{UNANSWERED}"  # ← zet hier één letter: {letters}'))
        cells[-1]["metadata"]["draaiboek"] = {"antwoord": check.id}
        cells.append(_hidden(_code(
            eid, f"{check.id}-nakijken",
            f"juist = None\n### BEGIN HIDDEN TESTS\njuist = \"{check.juist}\"\n"
            f"### END HIDDEN TESTS\nkennisvraag(\"{check.id}\", globals().get(\"{check.id}\"), "
            f"\"{''.join(check.keuzes)}\", juist, {check.punten})",
            grade=True, solution=False, locked=True, points=check.punten)))
    for part in ex.written_parts:
        if isinstance(part, Reflection):
            model = RULES["modellen"][part.model]
            heading = f"## Reflectie: {part.titel}"
            hint = (f"Schrijf onder elk kopje van {model['naam']} (uitgelegd in het "
                    f"{model['uitleg']}). Gebruik minstens {part.min_woorden} woorden. Schrijf "
                    "geen echte namen of herkenbare gegevens van een gezin.")
            template = reflection_template(part.model)
        else:
            heading = "## Vraag bij de casus"
            hint = (f"Speel eerst de casus '{part.casus}' in het boek of in Jupyter. Gebruik "
                    f"minstens {part.min_woorden} woorden.")
            template = RULES["casus_sjabloon"] + " \n"
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
        # The example answer, collapsed: read it after writing your own. A course can keep
        # it back (`draaiboek cursus uitdelen` leaves these cells out unless asked).
        cells.append(_hidden(_markdown(
            eid, f"{part.id}-voorbeeld", "### Voorbeeldantwoord\n\nLees dit pas als je zelf "
            "geschreven hebt. Het is één goed antwoord, niet het enige.\n\n"
            f"{part.voorbeeld.strip()}\n", grade=False, solution=False, locked=True)))
        cells[-1]["metadata"]["draaiboek"] = {"voorbeeld": part.id}
    cells.append(_markdown(eid, "controle-uitleg", "## Zelfcontrole\n\nSla eerst op (Ctrl+S). "
                           "Klik dan in de cel hieronder en druk op Shift+Enter. Je ziet of "
                           "alles is ingevuld, of je reflecties lang genoeg zijn en alle "
                           "stappen hebben, en of er gegevens in staan die een gezin herkenbaar "
                           "maken.", grade=False, solution=False, locked=True))
    cells.append(_code(eid, "zelfcontrole", f'zelfcontrole("{eid}")', grade=False,
                       solution=False, locked=True))
    cells[-1]["metadata"].update(editable=False, deletable=False)
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                    "name": "python3"},
                     "language_info": {"name": "python"},
                     "draaiboek": {"oefening": eid, "punten": ex.total_points,
                                   "vragen": question_specs(loaded)}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def _general_privacy_rules() -> dict:
    from ..privacy import project_rules

    return project_rules(None)


def with_privacy_rules(notebook: dict, rules: dict) -> dict:
    """The notebook with its hidden first cell rebuilt on `rules` (the project's, with the
    names of its cards and regions): what `cursus uitdelen` and the workbook page hand out."""
    questions = {qid: spec["keuzes"]
                 for qid, spec in notebook["metadata"]["draaiboek"]["vragen"].items()
                 if spec["soort"] == "kennis"}
    for cell in notebook["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "start":
            cell["source"] = setup_source(questions, rules)
    return notebook


def question_specs(loaded: LoadedExercise) -> dict:
    """What the formative checks (Python and the page's script) need to know about each
    question: `{"k1": {"soort": "kennis", "keuzes": "ABCD"}, "r1": {"soort": "reflectie",
    "model": ..., "min_woorden": ...}, "c1": {"soort": "casus", ..., "namen": [...]}}`."""
    return _question_info(loaded.exercise, loaded.case_names)


def _question_info(ex: Exercise, names: tuple[str, ...]) -> dict:
    """What the formative checks need to know about each question."""
    info: dict = {k.id: {"soort": "kennis", "keuzes": "".join(k.keuzes)} for k in ex.kennisvragen}
    for part in ex.reflecties:
        info[part.id] = {"soort": "reflectie", "model": part.model, "min_woorden": part.min_woorden}
    for part in ex.casusvragen:
        info[part.id] = {"soort": "casus", "min_woorden": part.min_woorden, "namen": list(names)}
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
