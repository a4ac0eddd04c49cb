"""`draaiboek cursus demo`: a whole course cycle on made-up submissions, in a temporary folder —
create, import learners, release, read in a zip as an LMS exports it (with one file that is
not a notebook), autograde, grade the reflections, feedback, export, report. The learners
and their answers are invented (texts from `demo_teksten.yml`); the same seed gives the same
course."""

from __future__ import annotations

import json
import random
import tempfile
import zipfile
from pathlib import Path

import yaml

from ..exercises.rules import MODELS
from .coursedir import Course, create_course

PEOPLE = [("Anouk", "Claes"), ("Bram", "Jacobs"), ("Chaima", "Bouzid"), ("Dirk", "Peeters"),
          ("Els", "Wuyts"), ("Fatma", "Yilmaz"), ("Geert", "Maes"), ("Hanne", "Goossens"),
          ("Ilse", "Vos"), ("Jonas", "Hermans"), ("Karima", "Amrani"), ("Lien", "Willems"),
          ("Mehmet", "Demir"), ("Nina", "Mertens"), ("Olga", "Nowak"), ("Pieter", "Smet")]
ASSIGNMENTS = ["h01-thuiscompagnie-in-een-notendop",
               "h02-visie-op-maatschappelijke-kwetsbaarheid", "h03-leef-en-belevingswereld"]
COMMENTS = ["Je beschrijft goed wat je deed. Schrijf de volgende keer ook waarom.",
            "Mooi hoe je stilstaat bij je eigen gevoel.",
            "Maak je plan kleiner en concreter: wat doe je bij het volgende bezoek?",
            "", "Sterk: je laat het gezin zelf kiezen."]


def texts() -> dict:
    path = Path(__file__).with_name("demo_teksten.yml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def learners_csv(count: int) -> str:
    rows = ["id;voornaam;achternaam;email"]
    for number in range(count):
        first, last = PEOPLE[number % len(PEOPLE)]
        if number >= len(PEOPLE):
            last = f"{last}-{number // len(PEOPLE) + 1}"
        rows.append(f"c{number + 1:02d};{first};{last};"
                    f"{first.lower()}.{last.lower()}@voorbeeld.be")
    return "\n".join(rows) + "\n"


def fill_in(released: dict, exercise, rng: random.Random, skill: float, effort: int,
            bank: dict, leak: bool) -> dict:
    """A learner's filled-in copy of a released notebook."""
    notebook = json.loads(json.dumps(released))
    keys = {k.id: k for k in exercise.kennisvragen}
    models = {r.id: r.model for r in exercise.reflecties}
    for cell in notebook["cells"]:
        qid = cell.get("metadata", {}).get("draaiboek", {}).get("antwoord")
        if qid in keys:
            check = keys[qid]
            letter = check.juist if rng.random() < skill else rng.choice(
                [x for x in check.keuzes if x != check.juist])
            cell["source"] = "".join(cell["source"]).replace('"?"', f'"{letter}"', 1)
        elif qid in models:
            _, steps = MODELS[models[qid]]
            parts = []
            for step in steps:
                chosen = rng.sample(bank["stappen"][models[qid]][step], k=effort)
                parts.append(f"**{step}:** " + " ".join(chosen))
            if leak:
                parts[0] += " Ik belde de moeder op 0470 12 34 56."
            cell["source"] = "\n\n".join(parts) + "\n"
        elif qid:
            cell["source"] = "Mijn antwoord: " + " ".join(rng.sample(bank["casus"], k=effort)) \
                + "\n"
    return notebook


def lms_zip(course: Course, target: Path, rng: random.Random, bank: dict) -> Path:
    """Submissions as an LMS download: '<name>_<number>_assignsubmission_file_<file>'."""
    from .learners import course_learners
    from .rubric import load_exercise

    learners = course_learners(course)
    profile = {lr.id: (0.45 + 0.5 * rng.random(), rng.choice([1, 2, 2, 3])) for lr in learners}
    with zipfile.ZipFile(target, "w") as archive:
        for index, assignment in enumerate(course.assignments()):
            released = json.loads(course.released(assignment).read_text(encoding="utf-8"))
            exercise = load_exercise(course, assignment).exercise
            for number, learner in enumerate(learners):
                if index and rng.random() < 0.12 * index:
                    continue  # not every learner hands in every assignment
                skill, effort = profile[learner.id]
                notebook = fill_in(released, exercise, rng, skill, effort, bank,
                                   leak=(number == 1 and index == 0))
                name = (f"{learner.voornaam} {learner.achternaam}_{4000 + number}"
                        f"_assignsubmission_file_{assignment}.ipynb")
                archive.writestr(name, json.dumps(notebook, ensure_ascii=False))
        archive.writestr(f"{learners[0].voornaam} {learners[0].achternaam}_4000_"
                         "assignsubmission_file_verslag.docx", b"PK\x03\x04 geen notebook")
    return target


def grade_reflections(course: Course, assignment: str, rng: random.Random) -> int:
    """Stand in for the trainer: choose levels from how complete the answer is."""
    from .rubric import assess, to_grade

    todo = to_grade(course, assignment)
    for item in todo:
        quality = 1.0 if item.check and item.check.ok else 0.5
        levels = {}
        for criterion in item.question.criteria:
            points = sorted(level.punten for level in criterion.niveaus)
            position = min(len(points) - 1, int(quality * len(points) * rng.uniform(0.6, 1.0)))
            levels[criterion.criterium] = points[position]
        assess(course, assignment, item.learner, item.question.id, levels, rng.choice(COMMENTS))
    return len(todo)


def run_demo(project: Path, folder: Path | None, count: int, console) -> Path:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .feedback import write_feedback
    from .grading import grade
    from .intake import read_in
    from .learners import import_learners
    from .release import release_assignment
    from .report import export_csv, write_report
    from .sandbox import bwrap_available

    rng = random.Random(2026)
    base = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="draaiboek-demo-"))
    base.mkdir(parents=True, exist_ok=True)
    course = create_course(base / "cursus", project, "vlaanderen", "Demogroep")
    console.print(f"1. Cursus gemaakt: {course.root}")
    csv = base / "cursisten.csv"
    csv.write_text(learners_csv(count), encoding="utf-8")
    new, _ = import_learners(course, csv)
    console.print(f"2. {new} verzonnen cursisten ingelezen uit {csv.name}")
    for assignment in ASSIGNMENTS:
        release_assignment(course, assignment)
    console.print(f"3. {len(ASSIGNMENTS)} opdrachten uitgedeeld (release/)")
    archive = lms_zip(course, base / "inzendingen.zip", rng, texts())
    received, refused = read_in(course, archive)
    flagged = sum(1 for item in received if item.privacy)
    console.print(f"4. {len(received)} inzendingen ingelezen uit {archive.name}; "
                  f"{len(refused)} bestand geweigerd; {flagged} met een privacymelding")
    for item in refused:
        console.print(f"   ✗ {item.file}: {item.message}")
    shielded = bwrap_available()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console) as progress:
        for assignment in ASSIGNMENTS:
            handed_in = sum(1 for item in received if item.assignment == assignment)
            task = progress.add_task(f"5. nakijken {assignment.split('-')[0]}",
                                     total=2 * handed_in)
            run = grade(course, assignment, shielded=shielded,
                        progress=lambda *_, task=task: progress.advance(task))
            failed = [o.learner for o in run.outcomes if not o.ok]
            if failed:
                progress.console.print(f"   niet gelukt: {', '.join(failed)}")
    if not shielded:
        console.print("   [red]Let op: bubblewrap ontbreekt, dus dit nakijken was niet "
                      "afgeschermd.[/red]")
    graded = sum(grade_reflections(course, a, rng) for a in ASSIGNMENTS)
    console.print(f"6. {graded} reflecties beoordeeld met de rubriek (door de demo)")
    pages = sum(len(write_feedback(course, a)) for a in ASSIGNMENTS)
    console.print(f"7. {pages} feedbackpagina's in {course.folder('feedback')}")
    console.print(f"8. Scores voor de leeromgeving: {export_csv(course)}")
    report = write_report(course)
    console.print(f"9. Rapport: {report}")
    return report
