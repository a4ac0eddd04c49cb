"""The answer parser and the formative checks: one set of rules (rules.json, one schema),
two implementations (Python, and static/formatief.js for the page), one golden corpus each
for answer forms (golden/answers.yml) and written answers (golden/formatief.yml)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path

import pytest
import yaml

from draaiboek.exercises.answers import answer_line, canonical_line, parse_answer
from draaiboek.exercises.formative import answer_letter, check_written, compose_written
from draaiboek.exercises.rules import RULES, RULES_FILE, page_rules
from draaiboek.exercises.schema import Rules

GOLDEN = Path(__file__).parent / "golden"
EXERCISES = Path(__file__).resolve().parents[1] / "src" / "draaiboek" / "exercises"
SCRIPT = EXERCISES / "static" / "formatief.js"
ANSWERS = yaml.safe_load((GOLDEN / "answers.yml").read_text(encoding="utf-8"))
WRITTEN = yaml.safe_load((GOLDEN / "formatief.yml").read_text(encoding="utf-8"))["cases"]
COMPOSED = [{"parts": ["De moeder was moe.", "Ik voelde haast.", "", "Ze keek toe."],
             "spec": {"model": "vijf-vragen"}},
            {"parts": ["Ik las de brief samen."], "spec": {"soort": "casus"}},
            {"parts": [], "spec": {"model": "gibbs"}}]


def test_the_rules_file_follows_its_schema() -> None:
    Rules.model_validate(json.loads((EXERCISES / RULES_FILE).read_text(encoding="utf-8")))
    assert page_rules() == RULES and page_rules() is not RULES


@pytest.mark.parametrize("case", ANSWERS["cases"], ids=lambda c: repr(c["raw"]))
def test_every_answer_form_has_one_defined_result(case) -> None:
    answer = parse_answer(case["raw"], ANSWERS["letters"])
    assert (answer.letter, answer.kind) == (case["letter"], case["kind"])
    assert answer.message and answer.message[0].isupper()
    raw = case["raw"] or ""
    if answer.kind != "ingevuld" and raw.strip():
        # never echo the learner's answer back (the old parser shouted "ANTWOORD B")
        assert raw.strip().upper() not in answer.message


@pytest.mark.parametrize("case", ANSWERS["cells"], ids=lambda c: c["source"][:30])
def test_notebook_self_check_and_grading_read_a_cell_alike(case) -> None:
    """The kernel (via the input transformer), the self-check and grading's rebuilt line."""
    letters = ANSWERS["letters"]
    assert answer_letter("k1", case["source"], letters) == case["letter"]
    found = answer_line(case["source"], ["k1"])
    in_kernel = parse_answer(found[1], letters).letter if found else None
    assert in_kernel == case["letter"]
    rebuilt = canonical_line(case["source"], {"k1"})
    graded = parse_answer(answer_line(rebuilt, ["k1"])[1], letters) if rebuilt else None
    assert (graded.letter if graded else None) == case["letter"]
    if rebuilt:
        compile(rebuilt, "<regel>", "exec")  # the rebuilt line is plain, safe Python


def test_grading_line_keeps_the_meaning_of_every_form() -> None:
    for case in ANSWERS["cases"]:
        source = f"k1 = {case['raw'] or ''}"
        rebuilt = canonical_line(source, {"k2", "k1"})
        original = parse_answer(answer_line(source, ["k1"])[1], "ABCD")
        again = parse_answer(answer_line(rebuilt, ["k1"])[1], "ABCD")
        assert (again.letter, again.kind) == (original.letter, original.kind), source


@pytest.mark.parametrize("case", WRITTEN, ids=lambda c: c["name"])
def test_written_answer_golden_corpus(case) -> None:
    result = check_written(case["text"], case["spec"])
    got = {"words": result["words"], "steps": [s["covered"] for s in result["steps"]],
           "ready": result["ready"]}
    assert got == case["expect"]
    assert result["minWords"] == case["spec"].get("min_woorden", 0)
    assert all(s["hint"] for s in result["steps"])


def test_a_composed_answer_checks_like_the_notebook_cell() -> None:
    text = compose_written(["De moeder was moe en de was lag overal."] * 5,
                           {"model": "vijf-vragen"})
    result = check_written(text, {"model": "vijf-vragen", "min_woorden": 10})
    assert result["ready"] and result["words"] == 45


@pytest.mark.skipif(shutil.which("node") is None, reason="node ontbreekt: JS-corpus overgeslagen")
def test_the_page_script_gives_the_same_results(tmp_path: Path) -> None:
    cases = {"answers": [{"raw": c["raw"], "letters": ANSWERS["letters"]}
                         for c in ANSWERS["cases"]],
             "written": [{"text": c["text"], "spec": c["spec"]} for c in WRITTEN],
             "composed": COMPOSED}
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    run = subprocess.run(["node", str(GOLDEN / "run_formatief.js"), str(SCRIPT),
                          str(EXERCISES / RULES_FILE), str(tmp_path / "cases.json")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    js = json.loads(run.stdout)
    python_answers = [asdict(parse_answer(c["raw"], ANSWERS["letters"])) for c in ANSWERS["cases"]]
    assert js["answers"] == python_answers
    assert js["written"] == [check_written(c["text"], c["spec"]) for c in WRITTEN]
    assert js["composed"] == [compose_written(c["parts"], c["spec"]) for c in COMPOSED]


def test_the_page_gets_rules_script_specs_and_examples_on_request() -> None:
    from draaiboek.exercises.loader import load_exercises
    from draaiboek.exercises.page import javascript, page_data

    item = load_exercises(Path(__file__).resolve().parents[1])[0]
    assert "window" in javascript() and "DraaiboekFormatief" in javascript()
    data = page_data(item)
    assert data["regels"] == RULES and set(data["voorbeelden"]) == {"r1", "r2", "c1"}
    assert data["vragen"]["r1"]["model"] == "vijf-vragen"
    assert "voorbeelden" not in page_data(item, examples=False)
