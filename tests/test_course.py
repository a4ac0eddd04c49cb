"""The trainer's course cycle as a trainer runs it: create, learners, release, read in, grade
in parallel, rubric, feedback, export, report, erase — and the hostile-submission suite:
nothing a learner hands in can cost another learner a grade, change a manual grade, read the
answer keys or write the gradebook."""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from draaiboek.course.coursedir import CourseError, create_course
from draaiboek.course.feedback import write_feedback
from draaiboek.course.grading import grade
from draaiboek.course.intake import read_in
from draaiboek.course.learners import erase_learner, import_learners, read_learners
from draaiboek.course.release import release_assignment
from draaiboek.course.report import export_csv, write_report
from draaiboek.course.rubric import assess, assessments, questions, to_grade
from draaiboek.course.sandbox import bwrap_available
from draaiboek.course.scores import assignment_scores
from draaiboek.exercises.answers import answer_id
from draaiboek.exercises.rules import MODELS
from draaiboek.problems import ContentError

ROOT = Path(__file__).resolve().parents[1]
AID = "h01-thuiscompagnie-in-een-notendop"
KEYS = {"k1": "C", "k2": "A", "k3": "B", "k4": "D", "k5": "B", "k6": "C"}
WRONG = {"A": "B", "B": "C", "C": "D", "D": "A"}
LEARNERS = """id;voornaam;achternaam;email
c01;Anouk;Claes;anouk.claes@voorbeeld.be
c02;Bram;Jacobs;bram@voorbeeld.be
c03;Chaima;Bouzid;chaima@voorbeeld.be
c04;Dirk;Peeters;dirk@voorbeeld.be
"""
REFLECTION_WORDS = ("ik vroeg eerst wat de moeder zelf wilde doen en ik wachtte rustig af "
                    "want zij kent haar gezin het best ")
shielded = pytest.mark.skipif(not bwrap_available(), reason="bubblewrap (bwrap) ontbreekt: "
                              "'apt-get install bubblewrap' (.ci/run doet dat)")


def run(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "draaiboek", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=900)


def clean_failure(result: subprocess.CompletedProcess) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    return " ".join(output.split())


def filled(released: dict, letters: dict[str, str], text: str = REFLECTION_WORDS * 3) -> dict:
    """A learner's notebook: the given letters, and text under every step heading."""
    notebook = copy.deepcopy(released)
    for cell in notebook["cells"]:
        qid = answer_id(cell)
        if qid in letters:
            cell["source"] = "".join(cell["source"]).replace('"?"', f'"{letters[qid]}"', 1)
        elif qid and cell["cell_type"] == "markdown":
            steps = next((s for _, s in MODELS.values()
                          if all(f"**{step}" in "".join(cell["source"]) for step in s)), [])
            cell["source"] = ("\n\n".join(f"**{step}:** {text}" for step in steps)
                              if steps else f"Mijn antwoord: {text}")
    return notebook


def cell_of(notebook: dict, grade_id: str) -> dict:
    return next(c for c in notebook["cells"]
                if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id
                or answer_id(c) == grade_id)


def knowledge_points(course, learner: str) -> dict[str, float]:
    score = assignment_scores(course, AID)[learner]
    return {q: s.score for q, s in score.questions.items() if q in KEYS}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cursus")
    course = create_course(folder / "groep", ROOT, "nederland", "Testgroep")
    csv_file = folder / "cursisten.csv"
    csv_file.write_text(LEARNERS, encoding="utf-8")
    import_learners(course, csv_file)
    release_assignment(course, AID)
    return course


@pytest.fixture(scope="module")
def released(course) -> dict:
    return json.loads(course.released(AID).read_text(encoding="utf-8"))


# --- learners ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("id,naam\nc01,Anouk\n", "de kolom(men) voornaam, achternaam ontbreken"),
    ("id,voornaam,achternaam\nc01,A,B\nc01,C,D\n", "regel 3"),
    ("id;voornaam;achternaam\nc 01;A;B\n", "bevat tekens die niet mogen"),
])
def test_learner_csv_problems_name_file_line_and_fix(tmp_path: Path, text, expected) -> None:
    path = tmp_path / "cursisten.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_learners(path)
    message = str(caught.value)
    assert expected in message and "cursisten.csv" in message and "Oplossing" in message


def test_learner_csv_from_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\ufeffID;First_name;Last_name;E-mail\nx1;Ilse;Vos;ilse@v.nl\n\n",
                    encoding="utf-8")
    [learner] = read_learners(path)
    assert (learner.id, learner.naam, learner.email) == ("x1", "Ilse Vos", "ilse@v.nl")


# --- release -------------------------------------------------------------------------------

def test_release_has_no_answer_keys_and_the_region_words(course, released) -> None:
    text = json.dumps(released, ensure_ascii=False)
    assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    for key in KEYS.values():
        assert f'juist = \\"{key}\\"' not in text
    assert "{{" not in text, "region words are filled in"
    source = course.source(AID).read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" in source, "the course's teacher version keeps them"


# --- read in -------------------------------------------------------------------------------

def test_read_in_matches_files_and_reports_what_it_cannot_use(course, released,
                                                               tmp_path: Path) -> None:
    inbox = tmp_path / "mail"
    (inbox / "c03").mkdir(parents=True)
    good = json.dumps(filled(released, KEYS))
    (inbox / "Anouk Claes_311_assignsubmission_file_h01.ipynb").write_text(good)   # by name
    (inbox / "bram@voorbeeld.be - opdracht.ipynb").write_text(good)                # by e-mail
    (inbox / "c03" / "mijn-werk.ipynb").write_text(good)                           # by folder
    (inbox / "onbekend-h01.ipynb").write_text(good)
    (inbox / "c04-verslag.docx").write_bytes(b"PK\x03\x04")
    (inbox / "c04-kapot.ipynb").write_text(good[:500])
    other = copy.deepcopy(released)
    other["metadata"]["draaiboek"]["oefening"] = "h02-visie-op-maatschappelijke-kwetsbaarheid"
    (inbox / "c04-h02.ipynb").write_text(json.dumps(other))
    received, refused = read_in(course, inbox)
    assert sorted(r.learner for r in received) == ["c01", "c02", "c03"]
    problems = {r.file: r.message for r in refused}
    assert "past bij geen enkele cursist" in problems["onbekend-h01.ipynb"]
    assert "geen notebook" in problems["c04-verslag.docx"]
    assert "beschadigd" in problems["c04-kapot.ipynb"]
    assert "niet uitgedeeld" in problems["c04-h02.ipynb"]
    assert all(r.fix for r in refused)

    # From a zip, as an LMS gives it: the newest of two versions wins; wrong assignment named.
    archive = tmp_path / "lms.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(zipfile.ZipInfo("Dirk Peeters_1_h01.ipynb", (2026, 1, 1, 9, 0, 0)),
                     json.dumps(filled(released, {**KEYS, "k1": "A"})))
        out.writestr(zipfile.ZipInfo("Dirk Peeters_2_h01.ipynb", (2026, 1, 2, 9, 0, 0)), good)
        out.writestr("__MACOSX/._Dirk Peeters_2_h01.ipynb", b"\x00")
    received, refused = read_in(course, archive)
    assert [r.learner for r in received] == ["c04"] and not refused
    assert any("ouder bestand" in note for note in received[0].notes)
    stored = json.loads(course.submitted("c04", AID).read_text())
    assert '"C"' in "".join(cell_of(stored, "k1")["source"]), "the newer version is kept"
    _, refused = read_in(course, archive, "h02-visie-op-maatschappelijke-kwetsbaarheid")
    assert all("niet h02" in r.message for r in refused)


# --- the whole cycle -----------------------------------------------------------------------

@shielded
def test_whole_cycle_from_grading_to_export(course, released, tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    answers = {"c01": KEYS, "c02": {**KEYS, "k1": WRONG["C"], "k2": WRONG["A"]},
               "c03": {"k1": "?"}}
    for learner, letters in answers.items():
        (inbox / f"{learner}.ipynb").write_text(json.dumps(filled(released, letters)))
    received, refused = read_in(course, inbox)
    assert len(received) == 3 and not refused
    run = grade(course, AID, learners=["c01", "c02", "c03"], again=True, timeout=5)
    assert all(o.ok for o in run.outcomes), run.outcomes
    assert sum(knowledge_points(course, "c01").values()) == 6
    assert sum(knowledge_points(course, "c02").values()) == 4
    assert sum(knowledge_points(course, "c03").values()) == 0

    # Rubric: levels and a comment go to the gradebook; nothing left to do for c01 r1.
    r1 = next(q for q in questions(course, AID) if q.id == "r1")
    levels = {c.criterium: c.maximum for c in r1.criteria}
    assess(course, AID, "c01", "r1", levels, "Sterk: je vroeg eerst toestemming.")
    assert not [t for t in to_grade(course, AID, "c01") if t.question.id == "r1"]
    assert assignment_scores(course, AID)["c01"].questions["r1"].score == r1.points
    with pytest.raises(CourseError, match="Kies voor"):
        assess(course, AID, "c01", "r2", {})

    # Grading again keeps the manual grade, and it stays marked as done.
    grade(course, AID, learners=["c01"], again=True, timeout=5)
    after = assignment_scores(course, AID)["c01"].questions["r1"]
    assert after.score == r1.points and not after.to_grade

    # Feedback: scores, levels, comment; never a key or test code.
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in write_feedback(course, AID)}
    page = pages["c01"]
    assert "Sterk: je vroeg eerst toestemming." in page
    assert r1.criteria[0].niveaus[-1].beschrijving.split(".")[0] in page
    for text in pages.values():
        assert "kennisvraag(" not in text and "juist =" not in text and "HIDDEN" not in text
    assert "niet juist" in pages["c02"]

    # Export: scores only.
    exported = export_csv(course, ";").read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(exported), delimiter=";")}
    assert float(rows["c01"]["h01"]) == 6 + r1.points
    assert "vroeg eerst" not in exported and "toestemming" not in exported
    report = write_report(course).read_text(encoding="utf-8")
    assert report.count("data:image/png;base64,") == 2 and "vroeg eerst" not in report


@shielded
def test_erasing_a_learner_leaves_no_trace(course, released, tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "c02.ipynb").write_text(json.dumps(filled(released, KEYS)))
    read_in(course, inbox)
    grade(course, AID, learners=["c02"], again=True, timeout=5)
    r2 = next(q for q in questions(course, AID) if q.id == "r2")
    assess(course, AID, "c02", "r2", {c.criterium: 0 for c in r2.criteria}, "Bram schreef dit")
    write_feedback(course, AID)
    removed = erase_learner(course, "c02")
    assert any("gradebook" in item for item in removed)
    leftovers = [p for p in course.root.rglob("*")
                 if "c02" in p.name or p.parent.name == "export"]
    assert not leftovers, leftovers
    database = course.db_path.read_bytes()
    for trace in (b"bram@voorbeeld.be", b"Jacobs", b"schreef dit"):
        assert trace not in database, trace
    assert not assessments(course, AID, "c02")
    with pytest.raises(CourseError, match="staat niet in deze cursus"):
        erase_learner(course, "c02")
    import_learners(course, _learners_file(tmp_path))  # put c02 back for other tests


def _learners_file(tmp_path: Path) -> Path:
    path = tmp_path / "weer.csv"
    path.write_text(LEARNERS, encoding="utf-8")
    return path


# --- hostile submissions -------------------------------------------------------------------

HOSTILE = {
    "lus": ("k1", 'k1 = "C"\nwhile True:\n    pass'),
    "exit": ("k2", 'import os\nos._exit(1)\nk2 = "A"'),
    "gelijk": ("k3", "class Altijd:\n    def __eq__(self, other):\n        return True\n"
                     "k3 = Altijd()"),
    "vals": ("k4", 'k4 = "B"\nkennisvraag = lambda *args: 1.0'),
    "lezen": ("k5", 'k5 = open("{course}/source/{aid}/{aid}.ipynb").read()'),
    "schrijven": ("k6", 'import sqlite3\nsqlite3.connect("{course}/gradebook.db").execute('
                        '"update grade set manual_score = 100")\n'
                        'open("{course}/gehackt.txt", "w").write("x")\nk6 = "C"'),
}


def _hostile_notebooks(course, released) -> dict[str, dict | str]:
    """learner → notebook (or raw text) with one attack each; every other answer right."""
    notebooks: dict[str, dict | str] = {}
    for name, (qid, code) in HOSTILE.items():
        notebook = filled(released, KEYS)
        cell_of(notebook, qid)["source"] = code.format(course=course.root, aid=AID)
        notebooks[name] = notebook
    notebook = filled(released, KEYS)                       # tampered test cell
    test = cell_of(notebook, "k1-nakijken")
    test["source"] = "print(1.0)"
    test["metadata"]["nbgrader"]["points"] = 100
    notebooks["geknoeid"] = notebook
    notebook = filled(released, {**KEYS, "k2": WRONG["A"]})  # test cells deleted / stripped
    notebook["cells"].remove(cell_of(notebook, "k2-nakijken"))
    del cell_of(notebook, "k3-nakijken")["metadata"]["nbgrader"]
    notebooks["gewist"] = notebook
    notebook = filled(released, KEYS)                       # duplicated cells
    index = notebook["cells"].index(cell_of(notebook, "k4-nakijken"))
    notebook["cells"].insert(index, copy.deepcopy(notebook["cells"][index]))
    notebook["cells"].append(copy.deepcopy(cell_of(notebook, "r1")))
    notebooks["dubbel"] = notebook
    notebook = filled(released, KEYS)                       # huge stored output
    cell_of(notebook, "k1")["outputs"] = [{"output_type": "stream", "name": "stdout",
                                           "text": "x" * 20_000_000}]
    notebooks["groot"] = notebook
    notebooks["kapot"] = json.dumps(filled(released, KEYS))[:-200]
    return notebooks


@shielded
def test_hostile_submissions_cost_nobody_else_anything(tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("vijandig")
    course = create_course(folder / "groep", ROOT, "vlaanderen", "Vijandig")
    released_path = release_assignment(course, AID)
    released = json.loads(released_path.read_text(encoding="utf-8"))
    hostile = _hostile_notebooks(course, released)
    learners = ["goed1", "goed2", *hostile]
    (folder / "l.csv").write_text("id,voornaam,achternaam\n" + "".join(
        f"{lid},Cursist,{lid.capitalize()}\n" for lid in learners), encoding="utf-8")
    import_learners(course, folder / "l.csv")
    inbox = folder / "in"
    inbox.mkdir()
    for lid in ("goed1", "goed2"):
        (inbox / f"{lid}.ipynb").write_text(json.dumps(filled(released, KEYS)))
    for lid, notebook in hostile.items():
        text = notebook if isinstance(notebook, str) else json.dumps(notebook)
        (inbox / f"{lid}.ipynb").write_text(text)
    received, refused = read_in(course, inbox)
    assert [r.file for r in refused] == ["kapot.ipynb"], "malformed JSON is refused"
    dubbel = next(r for r in received if r.learner == "dubbel")
    assert any("twee keer" in note for note in dubbel.notes)
    # A broken file that reaches submitted/ some other way fails for that learner alone.
    broken = course.submitted("kapot", AID)
    broken.parent.mkdir(parents=True)
    broken.write_text(hostile["kapot"])

    # A manual grade given before must survive everything below.
    grade(course, AID, learners=["goed2"], timeout=3)
    r1 = next(q for q in questions(course, AID) if q.id == "r1")
    assess(course, AID, "goed2", "r1", {c.criterium: c.maximum for c in r1.criteria}, "Top")
    before_keys = (ROOT / "exercises" / f"{AID}.yml").read_bytes()

    run = grade(course, AID, again=True, timeout=3)
    outcome = {o.learner: o for o in run.outcomes}
    assert not outcome["kapot"].ok and "beschadigd" in outcome["kapot"].message
    assert all(o.ok for lid, o in outcome.items() if lid != "kapot"), run.outcomes
    full = dict.fromkeys(KEYS, 1.0)
    for lid in ("goed1", "goed2", "lus", "exit", "geknoeid", "dubbel", "groot"):
        assert knowledge_points(course, lid) == full, lid
    assert knowledge_points(course, "gelijk")["k3"] == 0, "an object equal to all is no answer"
    assert knowledge_points(course, "vals")["k4"] == 0, "a broken answer line scores nothing"
    assert sum(knowledge_points(course, "vals").values()) == 5, "and costs only that question"
    assert knowledge_points(course, "lezen")["k5"] == 0
    assert knowledge_points(course, "schrijven")["k6"] == 1.0
    assert knowledge_points(course, "gewist") == {**full, "k2": 0.0}, "deleted tests come back"
    assert assignment_scores(course, AID)["geknoeid"].max_score == \
        assignment_scores(course, AID)["goed1"].max_score, "points cannot be changed"

    manual = assignment_scores(course, AID)["goed2"].questions["r1"]
    assert manual.score == r1.points and not manual.to_grade
    assert not (course.root / "gehackt.txt").exists()
    assert (ROOT / "exercises" / f"{AID}.yml").read_bytes() == before_keys
    graded = course.autograded("groot", AID)
    assert graded.stat().st_size < 2_000_000, "stored output is not carried along"


@shielded
def test_the_shielded_kernel_cannot_see_keys_or_write_the_course(course, tmp_path) -> None:
    """The second wall on its own: code run in the grading kernel, as if it got through."""
    import nbformat
    from nbclient import NotebookClient

    from draaiboek.course.grading import grading_config
    from draaiboek.course.sandbox import KERNEL_NAME

    grading_config(course, 10, True)
    probe = f'''
import os, pathlib
course = pathlib.Path({str(course.root)!r})
project = pathlib.Path({str(ROOT)!r})
seen = {{
  "bron": (course / "source").exists() and any((course / "source").iterdir()),
  "cijfers": (course / "gradebook.db").exists(),
  "sleutels": (project / "exercises" / "{AID}.yml").exists(),
  "eigen map": pathlib.Path.cwd().exists(),
}}
for target in (course / "x.txt", project / "x.txt", pathlib.Path.cwd() / "x.txt"):
    try:
        target.write_text("x")
        seen[str(target)] = "geschreven"
    except OSError as exc:
        seen[str(target)] = type(exc).__name__
print(seen)
'''
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    workdir = course.submitted("c01", AID).parent
    workdir.mkdir(parents=True, exist_ok=True)
    NotebookClient(notebook, kernel_name=KERNEL_NAME, timeout=60,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    seen = eval(notebook.cells[0].outputs[0]["text"])  # noqa: S307 - our own probe's dict
    assert seen["bron"] is False and seen["cijfers"] is False and seen["sleutels"] is False
    assert seen["eigen map"] is True
    course_file, own_file = str(course.root / "x.txt"), str(workdir / "x.txt")
    assert seen[course_file] != "geschreven" and seen[own_file] != "geschreven", seen
    # Elsewhere a write fails, or lands in a private folder that disappears with the kernel.
    assert not (course.root / "x.txt").exists() and not (ROOT / "x.txt").exists()
    assert not (workdir / "x.txt").exists()


# --- the command ---------------------------------------------------------------------------

@shielded
def test_the_trainer_command_from_start_to_report(tmp_path: Path) -> None:
    folder = tmp_path / "cursus"
    bad_csv = tmp_path / "fout.csv"
    bad_csv.write_text("id,naam\nc01,Anouk\n", encoding="utf-8")
    good_csv = tmp_path / "cursisten.csv"
    good_csv.write_text(LEARNERS, encoding="utf-8")
    result = run(ROOT, "cursus", "maak", str(folder), "--regio", "nederland", "--groep", "CLI")
    assert result.returncode == 0, result.stderr
    message = clean_failure(run(folder, "cursus", "cursisten", str(bad_csv)))
    assert "fout.csv" in message and "ontbreken" in message
    assert run(folder, "cursus", "cursisten", str(good_csv)).returncode == 0
    message = clean_failure(run(folder, "cursus", "uitdelen", "h99"))
    assert "bestaat niet" in message
    assert run(folder, "cursus", "uitdelen", "h01").returncode == 0
    released = json.loads((folder / "release" / AID / f"{AID}.ipynb").read_text())
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "c01.ipynb").write_text(json.dumps(filled(released, KEYS)))
    (inbox / "c02.ipynb").write_text(json.dumps(filled(released, {"k1": "A"})))
    (inbox / "iemand.ipynb").write_text(json.dumps(filled(released, KEYS)))
    message = clean_failure(run(folder, "cursus", "inlezen", str(inbox)))
    assert "iemand.ipynb" in message and "2 inzending(en) ingelezen" in message
    result = run(folder, "cursus", "nakijken", "h01", "--tijdslimiet", "5")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 van 6" in " ".join(result.stdout.split())
    levels = "\n".join(["2", "2", "2", "2", "Goed zo", "1", "1", "1", "1", ""]) + "\n"
    result = run(folder, "cursus", "beoordelen", "h01", "--cursist", "c01", stdin=levels * 3)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bewaard" in result.stdout
    for command in (["feedback", "h01"], ["exporteer"], ["rapport"], ["overzicht"]):
        result = run(folder, "cursus", *command)
        assert result.returncode == 0, result.stdout + result.stderr
    assert (folder / "feedback" / "c01" / f"{AID}.html").is_file()
    assert (folder / "export" / "rapport.html").is_file()
    result = run(folder, "cursus", "wis", "c02", "--ja")
    assert result.returncode == 0 and not (folder / "submitted" / "c02").exists()


@shielded
@pytest.mark.browser
def test_demo_runs_the_whole_cycle_and_its_pages_are_accessible(tmp_path: Path,
                                                                browser) -> None:
    from axe_playwright_python.sync_playwright import Axe

    result = run(tmp_path, "cursus", "demo", "--map", str(tmp_path / "demo"), "--cursisten", "3")
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output
    course = tmp_path / "demo" / "cursus"
    assert "9. Rapport" in output and (course / "export" / "rapport.html").is_file()
    assert "privacymelding" in output and "geen notebook" in " ".join(output.split())
    feedback = sorted((course / "feedback").glob("*/*.html"))
    assert feedback
    for path, width in ((feedback[0], 360), (course / "export" / "rapport.html", 1280)):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(path.as_uri())
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
        assert result.violations_count == 0, result.generate_report()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways"
        page.close()


def test_without_bubblewrap_grading_refuses_unless_told(course, monkeypatch, tmp_path) -> None:
    from click.testing import CliRunner

    from draaiboek.course import commands

    monkeypatch.setattr("draaiboek.course.sandbox.bwrap_available", lambda: False)
    result = CliRunner().invoke(commands.cursus, ["--cursus", str(course.root), "nakijken",
                                                  "h01"])
    assert isinstance(result.exception, CourseError)
    assert "bubblewrap" in str(result.exception) and "--zonder-afscherming" in str(
        result.exception)

