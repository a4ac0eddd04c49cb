"""Feedback for a learner: one Dutch HTML page per assignment, with the scores, the rubric
levels the trainer chose, the trainer's comments and the learner's own answers. It is made
from the gradebook, the rubric choices and the exercise text — never from nbgrader's
feedback, which prints the hidden tests — so it cannot show an answer key: for a knowledge
check it says whether the answer was right, not which letter was. A last check refuses a
page that would contain a test cell's code. One self-contained file, readable on a phone."""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

from ..exercises.formative import answer_letter, check_notebook
from ..regions import load_region, localise
from .coursedir import Course, CourseError
from .learners import course_learners
from .rubric import answers, assessments, level_description, load_exercise, questions
from .scores import AssignmentScore, assignment_scores

_MARKDOWN = MarkdownIt("commonmark", {"html": False})  # learner text: no raw HTML
STYLE = """
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:0 auto;
padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #0b5e55}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #8a8a8a;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#e8f1ef}td{overflow-wrap:anywhere}.kennis li{margin-bottom:.75rem}
.kennis p{margin:.1rem 0}.totaal{font-size:1.2rem;font-weight:bold}
.antwoord{background:#f6f6f6;border-left:4px solid #0b5e55;padding:.25rem 1rem}
.let-op{background:#fff4d6;border-left:4px solid #8a5a00;padding:.5rem 1rem}
.opmerking{background:#e8f1ef;padding:.5rem 1rem}
"""


def _e(text) -> str:
    return html.escape(str(text))


def _points(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}".replace(".", ",")


def feedback_page(course: Course, assignment: str, learner_id: str,
                  score: AssignmentScore) -> str:
    learner = next(lr for lr in course_learners(course) if lr.id == learner_id)
    region = load_region(course.project, course.regio)
    exercise = load_exercise(course, assignment).exercise
    notebook = json.loads(
        course.submitted(learner_id, assignment).read_text(encoding="utf-8"))
    written = answers(notebook)
    chosen = assessments(course, assignment, learner_id)
    checks = {c.id: c for c in check_notebook(notebook)}
    lines = {cell_id: "".join(cell.get("source", "")) for cell in notebook.get("cells", [])
             for cell_id in [cell.get("metadata", {}).get("draaiboek", {}).get("antwoord")]
             if cell_id}
    body = [f"<h1>{_e(localise(exercise.titel, region))}</h1>",
            f"<p>Feedback voor <strong>{_e(learner.naam)}</strong> · {_e(course.groep)} · "
            f"{date.today():%d-%m-%Y}</p>",
            f"<p class='totaal'>Je score: {_points(score.score)} van "
            f"{_points(score.max_score)} punten</p>"]
    if not score.complete:
        body.append("<p class='let-op'>Je trainer heeft nog niet alles beoordeeld. De score "
                    "kan nog stijgen.</p>")
    body.append("<h2>Kennisvragen</h2><ol class='kennis'>")
    for check in exercise.kennisvragen:
        result = score.questions.get(check.id)
        got = result.score if result else None
        letter = answer_letter(check.id, lines.get(check.id, ""))
        verdict = ("juist" if got and got > 0 else
                   "niet juist – bespreek deze vraag met je trainer of lees het hoofdstuk "
                   "nog eens")
        body.append(f"<li><p>{_e(localise(check.vraag, region))}</p><p>Jouw antwoord: "
                    f"<strong>{_e(letter if letter not in (None, '', '?') else 'niet ingevuld')}"
                    f"</strong> · {_e(verdict)} · {_points(got)} van {check.punten} punt</p>"
                    "</li>")
    body.append("</ol>")
    for question in questions(course, assignment):
        result = score.questions.get(question.id)
        body.append(f"<h2>{_e(question.title)}</h2>")
        body.append(f"<p>{_e(question.text)}</p>")
        body.append("<p><strong>Jouw antwoord:</strong></p><div class='antwoord'>"
                    f"{_MARKDOWN.render(written.get(question.id, '')) or '<p>(leeg)</p>'}</div>")
        for finding in (checks[question.id].privacy if question.id in checks else []):
            body.append(f"<p class='let-op'>Let op je privacy: {_e(finding.message)}</p>")
        given = chosen.get(question.id)
        if result is None or result.to_grade:
            body.append("<p class='let-op'>Nog niet beoordeeld.</p>")
            continue
        if given is not None:
            body.append("<table><thead><tr><th scope='col'>Criterium</th><th scope='col'>"
                        "Niveau</th><th scope='col'>Punten</th></tr></thead><tbody>")
            for criterion in question.criteria:
                points = given.levels.get(criterion.criterium)
                body.append(f"<tr><td>{_e(criterion.criterium)}</td>"
                            f"<td>{_e(level_description(criterion, points))}</td>"
                            f"<td>{_points(points)} van {criterion.maximum}</td></tr>")
            body.append("</tbody></table>")
            if given.comment:
                body.append(f"<div class='opmerking'><p><strong>Opmerking van je trainer:"
                            f"</strong></p>{_MARKDOWN.render(given.comment)}</div>")
        body.append(f"<p><strong>Punten: {_points(result.score if result else None)} van "
                    f"{question.points}</strong></p>")
    page = ("<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>Feedback {_e(assignment)} – {_e(learner.naam)}</title>"
            f"<style>{STYLE}</style></head><body><main>{''.join(body)}</main></body></html>")
    _refuse_leaks(page, course, assignment)
    return page


def _refuse_leaks(page: str, course: Course, assignment: str) -> None:
    """A page with a test cell's code in it would hand out the answer keys."""
    for marker in ("BEGIN HIDDEN TESTS", "juist = &quot;", 'juist = "', "kennisvraag("):
        if marker in page:
            raise CourseError(f"De feedback voor {assignment} bevatte code van het nakijken "
                              "en is niet gemaakt. Meld dit aan wie het project onderhoudt.")


def write_feedback(course: Course, assignment: str, learners: list[str] | None = None
                   ) -> list[Path]:
    scores = assignment_scores(course, assignment)
    if not scores:
        raise CourseError(f"Voor {assignment} is nog niets nagekeken. Doe eerst 'draaiboek "
                          f"cursus nakijken {assignment}'.")
    written = []
    for learner_id, score in sorted(scores.items()):
        if learners is not None and learner_id not in learners:
            continue
        target = course.folder("feedback", learner_id, f"{assignment}.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(feedback_page(course, assignment, learner_id, score),
                          encoding="utf-8")
        written.append(target)
    return written
