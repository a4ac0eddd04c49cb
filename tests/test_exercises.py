"""Exercises: the author's YAML, the generated nbgrader notebooks (metadata made and
checked by our code), the learner's knowledge checks and the formative self-check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from draaiboek.exercises.answers import answer_id
from draaiboek.exercises.formative import check_notebook, report
from draaiboek.exercises.loader import exercise_files, load_exercises, parse_exercise
from draaiboek.exercises.notebook import compile_notebook, reflection_template
from draaiboek.exercises.rules import MODELS
from draaiboek.exercises.runtime import kennisvraag
from draaiboek.problems import ContentError

ROOT = Path(__file__).resolve().parents[1]


def exercises():
    return load_exercises(ROOT)


def test_every_chapter_has_an_exercise_with_the_required_parts() -> None:
    loaded = exercises()
    assert sorted(e.exercise.hoofdstuk for e in loaded) == list(range(1, 12))
    for item in loaded:
        ex = item.exercise
        assert len(ex.kennisvragen) >= 4 and len(ex.reflecties) >= 2, item.id
        assert all(len(r.rubriek) >= 3 for r in ex.reflecties), item.id
        assert ex.casusvragen, item.id
        for question in ex.casusvragen:
            assert (ROOT / "cases" / f"{question.casus}.yml").is_file(), item.id


@pytest.mark.parametrize("path", exercise_files(ROOT), ids=lambda p: p.stem)
def test_generated_notebook_metadata_is_consistent(path: Path) -> None:
    import nbformat

    item = parse_exercise(path.read_text(encoding="utf-8"), path.name, ROOT)
    notebook = compile_notebook(item)
    nbformat.validate(nbformat.from_dict(notebook))
    meta = [c["metadata"]["nbgrader"] for c in notebook["cells"] if "nbgrader" in c["metadata"]]
    assert all("nbgrader" in c["metadata"] for c in notebook["cells"] if not answer_id(c)), \
        "only knowledge answer lines are plain cells"
    ids = [m["grade_id"] for m in meta]
    assert len(ids) == len(set(ids)), "grade ids are unique"
    assert not any(m["grade"] and m["task"] for m in meta), "no cell counts twice"
    assert sum(m.get("points") or 0 for m in meta) == item.exercise.total_points
    committed = ROOT / "exercises" / "source" / item.id / f"{item.id}.ipynb"
    assert json.loads(committed.read_text(encoding="utf-8")) == notebook, \
        "run 'draaiboek oefeningen' after changing the YAML"


def test_bad_exercise_names_line_and_fix() -> None:
    text = (ROOT / "exercises" / "h01-thuiscompagnie-in-een-notendop.yml").read_text()
    broken = text.replace("juist:", "jiust:", 1)
    with pytest.raises(ContentError) as caught:
        parse_exercise(broken, "exercises/h01.yml")
    problem = next(p for p in caught.value.problems if "jiust" in p.message)
    assert problem.line and "Bedoel je 'juist'?" in problem.message


@pytest.mark.parametrize("answer, expected", [
    ("B", 1.0), (" b ", 1.0), ('"b."', 1.0), ("“B”", 1.0), ("antwoord B", 1.0), ("C", 0.0),
    ("?", 0.0), ("BC", 0.0), (None, 0.0), (42, 0.0),
])
def test_knowledge_check_while_grading(answer, expected) -> None:
    assert kennisvraag("k1", answer, "ABC", "B", 1) == expected


def test_an_object_that_equals_everything_gets_no_points() -> None:
    class Sly(str):
        def __eq__(self, other):
            return True

        def strip(self):
            return self

        def upper(self):
            return self

    assert kennisvraag("k1", Sly("X"), "ABC", "B", 1) == 0.0


def test_the_learner_sees_the_form_not_the_answer(capsys) -> None:
    from draaiboek.exercises.runtime import _draaiboek_antwoord, activeer

    activeer({"k1": "ABC"})
    assert _draaiboek_antwoord("k1", "“c”") == "“c”"
    assert kennisvraag("k1", "“c”", "ABC", None, 1) is None
    out = capsys.readouterr().out
    assert out.strip() == "Vraag 1: Ingevuld: C." and "B" not in out
    assert kennisvraag("k1", None, "ABC", None, 1) is None
    assert "voer eerst de cel met je antwoord uit" in capsys.readouterr().out


def test_every_reflection_and_case_question_has_an_example_that_passes_its_checks() -> None:
    from draaiboek.exercises.formative import check_written
    from draaiboek.exercises.notebook import question_specs

    for item in exercises():
        specs = question_specs(item)
        for part in item.exercise.written_parts:
            result = check_written(part.voorbeeld, specs[part.id])
            assert result["ready"], (item.id, part.id, result["messages"])
            assert 120 <= result["words"] <= 250, (item.id, part.id, result["words"])
            from draaiboek.privacy import screen
            found = screen(part.voorbeeld, known_names=item.case_names)
            assert not [f for f in found if f.kind != "naam"], (item.id, part.id, found)
        for check in item.exercise.kennisvragen:
            assert check.uitleg.strip(), (item.id, check.id)


def test_chapters_before_eight_ask_only_for_a_model_the_book_has_explained() -> None:
    from draaiboek.exercises.check import check_exercises
    from draaiboek.exercises.rules import RULES

    for item in exercises():
        for part in item.exercise.reflecties:
            assert item.exercise.hoofdstuk >= RULES["modellen"][part.model]["vanaf_hoofdstuk"], \
                (item.id, part.model)
    assert not [p for p in check_exercises(ROOT) if "model" in (p.place or "")]


def test_every_shared_case_has_a_case_question_and_each_gets_its_own_answer_cell() -> None:
    """Issue 12 §6: new cases come with exercises. A chapter may ask about several cases."""
    asked = {q.casus: item.id for item in exercises() for q in item.exercise.casusvragen}
    cases = {p.stem for p in (ROOT / "cases").glob("*.yml")}
    assert cases - set(asked) == set(), "a case without a case question"
    assert asked["verhoeven"].startswith("h04") and asked["mertens"].startswith("h08")
    h04 = next(e for e in exercises() if e.id.startswith("h04"))
    assert [q.casus for q in h04.exercise.casusvragen] == ["claes", "verhoeven"]
    notebook = compile_notebook(h04)
    answers = [answer_id(c) for c in notebook["cells"] if answer_id(c)]
    assert answers[-2:] == ["c1", "c2"]
    assert notebook["metadata"]["draaiboek"]["punten"] == h04.exercise.total_points
    specs = notebook["metadata"]["draaiboek"]["vragen"]
    assert specs["c2"]["soort"] == "casus"
    assert {"Ellen", "Lotte", "Patrick"} <= set(specs["c2"]["namen"]), \
        "the people of both cases are fictional in either answer"


def test_an_unknown_case_in_a_second_case_question_is_named_with_its_place(tmp_path) -> None:
    from draaiboek.exercises.check import check_exercises

    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    h04 = next((tmp_path / "exercises").glob("h04-*.yml"))
    h04.write_text(h04.read_text(encoding="utf-8").replace("casus: verhoeven", "casus: verhoven"),
                   encoding="utf-8")
    found = [p for p in check_exercises(tmp_path) if "verhoven" in p.message]
    assert found and found[0].place == "casusvragen → 2 → casus", found


def _filled(notebook: dict, answers: dict[str, str]) -> dict:
    for cell in notebook["cells"]:
        if answer_id(cell) in answers:
            cell["source"] = answers[answer_id(cell)]
    return notebook


def test_self_check_reports_steps_words_and_privacy() -> None:
    item = exercises()[0]
    reflection = item.exercise.reflecties[0]
    steps = MODELS[reflection.model][1]
    long_enough = "".join(f"**{s}:** " + "Ik deed dit samen met de moeder. " * 8 + "\n\n"
                          for s in steps)
    notebook = _filled(compile_notebook(item), {
        "k1": 'k1 = "A"',
        "k2": 'k2 = "Q"',
        reflection.id: long_enough.replace("de moeder", "mevrouw Janssens", 1),
        item.exercise.reflecties[1].id: reflection_template(item.exercise.reflecties[1].model),
    })
    checks = {c.id: c for c in check_notebook(notebook)}
    assert checks["k1"].ok and not checks["k2"].ok
    assert "staat niet bij de keuzes" in checks["k2"].messages[0]
    assert not checks["k3"].ok and "Nog niet ingevuld" in checks["k3"].messages[0]
    first = checks[reflection.id]
    assert not first.ok and first.privacy and first.privacy[0].text == "Janssens"
    assert any("Alle stappen" in m for m in first.messages)
    empty = checks[item.exercise.reflecties[1].id]
    assert not empty.ok and any("Schrijf nog iets bij" in m for m in empty.messages)
    text = report(list(checks.values()))
    assert "Let op je privacy" in text and "klaar om in te leveren" in text


def test_the_case_people_are_no_privacy_risk_in_the_case_answer_only() -> None:
    item = next(e for e in exercises() if e.exercise.casusvragen[0].casus == "peeters")
    case_id = item.exercise.casusvragen[0].id
    text = ("Mijn antwoord: ik koos eerst om Lotte te helpen. Daarna vroeg ik Sandra wat zij "
            "zelf wilde. Kelly kon misschien op woensdag komen. " * 8)
    notebook = _filled(compile_notebook(item), {case_id: text, item.exercise.reflecties[0].id:
                                                 text.replace("Mijn antwoord:", "")})
    checks = {c.id: c for c in check_notebook(notebook)}
    assert not checks[case_id].privacy, "names from the case are fictional"
    assert {f.text for f in checks[item.exercise.reflecties[0].id].privacy} >= {"Lotte"}, \
        "in a reflection about real work the same name is flagged"


@pytest.mark.skipif(shutil.which("nbgrader", path=str(Path(sys.executable).parent)) is None,
                    reason="nbgrader ontbreekt")
def test_nbgrader_accepts_the_notebook_and_hides_the_answers(tmp_path: Path) -> None:
    item = exercises()[0]
    course = tmp_path / "cursus"
    (course / "source" / "h01").mkdir(parents=True)
    (course / "source" / "h01" / "h01.ipynb").write_text(
        json.dumps(compile_notebook(item), ensure_ascii=False), encoding="utf-8")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'test'\n"
        f"c.CourseDirectory.root = {str(course)!r}\nc.ClearSolutions.text_stub = ''\n")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    for command in (["nbgrader", "db", "assignment", "add", "h01"],
                    ["nbgrader", "generate_assignment", "h01", "--force"]):
        run = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-2000:]
    release = json.loads((course / "release" / "h01" / "h01.ipynb").read_text())
    sources = ["".join(c["source"]) for c in release["cells"]]
    for check in item.exercise.kennisvragen:
        assert not any(f'juist = "{check.juist}"' in s for s in sources), "answer key hidden"
    assert any(s.startswith('k1 = "?"') for s in sources), "the answer line stays as it is"
    template = reflection_template(item.exercise.reflecties[0].model).strip()
    assert any(s.strip() == template for s in sources), "the step headings stay"


def test_the_exercise_and_card_packages_have_no_import_circles() -> None:
    import ast

    src = ROOT / "src"
    graph: dict[str, set[str]] = {}
    for package in ("exercises", "cards"):
        for path in (src / "draaiboek" / package).glob("*.py"):
            name = f"draaiboek.{package}" + ("" if path.stem == "__init__" else f".{path.stem}")
            base = f"draaiboek.{package}".split(".")
            deps = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level:
                    target = ".".join(base[:len(base) - node.level + 1] + [node.module or ""])
                    deps |= {target.rstrip("."), *(f"{target}.{a.name}" for a in node.names)}
            graph[name] = {d for d in deps if d.startswith(f"draaiboek.{package}")} - {name}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(d == goal or (d not in seen and reaches(d, goal, seen | {d}))
                   for d in graph.get(start, ()))

    assert not [m for m in graph if reaches(m, m, set())]
