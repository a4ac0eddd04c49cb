"""A released exercise notebook works in any Jupyter: it is released by the real nbgrader,
filled in the way learners really write (`k1 = C`, curly quotes, "antwoord B"), saved as a
copy "… (1).ipynb", and run top to bottom by nbclient in a fresh environment where the
draaiboek package cannot be imported."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import time
from pathlib import Path

import pytest

from draaiboek.exercises.answers import answer_id
from draaiboek.exercises.loader import load_exercises
from draaiboek.exercises.notebook import compile_notebook
from draaiboek.exercises.runtime import find_notebook

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RUNNER = """
import sys, json, nbformat
from nbclient import NotebookClient
try:
    import draaiboek
    sys.exit("draaiboek is importable here: " + str(draaiboek.__file__))
except ImportError:
    pass
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=False,
               resources={"metadata": {"path": sys.argv[2]}}).execute()
print(json.dumps([[c.get("id"), "".join(o.get("text", "") for o in c.get("outputs", []))]
                  for c in nb.cells if c.cell_type == "code"]))
"""


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[dict, object]:
    """The learner version of h01, made by the real `nbgrader generate_assignment`."""
    if shutil.which("nbgrader", path=str(BIN)) is None:
        pytest.skip("nbgrader ontbreekt")
    item = load_exercises(ROOT)[0]
    course = tmp_path_factory.mktemp("cursus")
    (course / "source" / "h01").mkdir(parents=True)
    (course / "source" / "h01" / "h01.ipynb").write_text(
        json.dumps(compile_notebook(item), ensure_ascii=False), encoding="utf-8")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'test'\n"
        f"c.CourseDirectory.root = {str(course)!r}\nc.ClearSolutions.text_stub = ''\n")
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    for command in (["nbgrader", "db", "assignment", "add", "h01"],
                    ["nbgrader", "generate_assignment", "h01", "--force"]):
        run = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-2000:]
    return json.loads((course / "release" / "h01" / "h01.ipynb").read_text()), item


def test_the_release_needs_nothing_but_python_and_explains_itself(released) -> None:
    notebook, item = released
    sources = ["".join(c["source"]) for c in notebook["cells"]]
    assert not any("import draaiboek" in s or "from draaiboek" in s for s in sources)
    assert not any(f'juist = "{k.juist}"' in s for s in sources for k in item.exercise.kennisvragen)
    first = sources[0]
    assert notebook["cells"][0]["cell_type"] == "markdown"
    for words in ("Run → Run All Cells", "Shift+Enter", "Ctrl+S", "File → Download", "Bestand"):
        assert words in first, words
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    ours = [c for c in code if not answer_id(c) and c["metadata"].get("nbgrader", {}).get("locked")]
    hidden = [c for c in ours if c["metadata"].get("jupyter", {}).get("source_hidden")]
    assert len(hidden) == len(ours) - 1, "every helper cell but the self-check is collapsed"
    assert all(c["metadata"].get("editable") is False for c in ours)


def _fresh_python(folder: Path) -> Path:
    """A venv that sees the shared site-packages through one .pth line: the editable
    install of draaiboek (a .pth file inside them) is then not processed."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    own = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    Path(own, "shared.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return python


def _fill(notebook: dict) -> dict:
    answers = {"k1": "k1 = C", "k2": 'k2 = “A”', "k3": 'k3 = "antwoord B"', "k4": "k4 = d.",
               "k5": 'k5 = "AB"', "k6": "k6 = Q",
               "r1": "**Wat gebeurde er?** Ik vouwde de was terwijl de moeder toekeek.\n"}
    for cell in notebook["cells"]:
        if answer_id(cell) in answers:
            cell["source"] = answers[answer_id(cell)]
    return notebook


def test_a_copy_runs_top_to_bottom_in_a_fresh_environment(released, tmp_path: Path) -> None:
    notebook, _ = released
    work = tmp_path / "werk"
    work.mkdir()
    original = work / "h01.ipynb"
    original.write_text(json.dumps(notebook), encoding="utf-8")
    copy = work / "h01 (1).ipynb"
    copy.write_text(json.dumps(_fill(json.loads(json.dumps(notebook)))), encoding="utf-8")
    later = time.time() + 5
    os.utime(copy, (later, later))
    python = _fresh_python(tmp_path / "venv")
    (tmp_path / "run.py").write_text(RUNNER)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JPY_SESSION_NAME")}
    run = subprocess.run([str(python), str(tmp_path / "run.py"), str(copy), str(work)],
                         cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    outputs = dict(map(tuple, json.loads(run.stdout.strip().splitlines()[-1])))
    text = "\n".join(outputs.values())
    assert "Traceback" not in text and "Error" not in text
    assert "De hulpcode staat klaar" in text
    for line in ("Vraag 1: Ingevuld: C.", "Vraag 2: Ingevuld: A.", "Vraag 3: Ingevuld: B.",
                 "Vraag 4: Ingevuld: D.", "Vraag 5: Je zette meer dan één letter",
                 "Vraag 6: Die letter staat niet bij de keuzes"):
        assert line in text, line
    report = outputs[[k for k in outputs if "controleer" in outputs[k]][0]]
    assert "'h01 (1).ipynb'" in report, "the self-check reads the copy, not the original"
    assert "✓ Vraag k1: Ingevuld: C." in report and "! Vraag k6" in report
    assert "Vraag c1: Nog niets geschreven." in report and "Je schreef 0" not in report
    assert "van de 9 vragen zijn klaar om in te leveren" in report


def test_the_self_check_prefers_the_kernels_own_notebook(tmp_path: Path) -> None:
    meta = {"metadata": {"draaiboek": {"oefening": "h01-x"}}, "cells": []}
    own = tmp_path / "h01-x (1).ipynb"
    other = tmp_path / "h01-x.ipynb"
    for path in (own, other):
        path.write_text(json.dumps(meta))
    (tmp_path / "h02.ipynb").write_text(json.dumps({"metadata": {"draaiboek": {"oefening": "h02"}}}))
    later = time.time() + 5
    os.utime(other, (later, later))
    assert find_notebook("h01-x", tmp_path, session="") == other, "else the newest"
    assert find_notebook("h01-x", tmp_path, session=own.name) == own
    assert find_notebook("h01-x", tmp_path, session="map/" + own.name) == own
    assert find_notebook("h03", tmp_path, session="") is None


def test_a_course_keeps_the_example_answers_back_unless_asked(tmp_path: Path) -> None:
    from draaiboek.course.coursedir import Course
    from draaiboek.course.release import localised_notebook

    course = Course(tmp_path, "Groep", "nederland", ROOT)
    aid = load_exercises(ROOT)[0].id

    def examples(notebook: dict) -> list[str]:
        return ["".join(c["source"]) for c in notebook["cells"]
                if "voorbeeld" in c["metadata"].get("draaiboek", {})]

    assert examples(localised_notebook(course, aid)) == []
    shown = examples(localised_notebook(course, aid, examples=True))
    assert len(shown) == 3 and all("{{" not in text for text in shown), "region words filled in"
