"""Files for an LMS, in the layouts their importers read (research notes §6):

- `export/moodle-cijfers.csv` for Moodle's grade import (Cijfers → Importeren → CSV-bestand):
  UTF-8 with a byte-order mark, comma separated, `.` as decimal sign (Moodle reads numbers
  with the importer's language decimal sign; `.` is always accepted), an empty cell where
  there is no grade (Moodle skips it). Map "ID-nummer" to the user field "ID-nummer" (or
  "E-mailadres" to "E-mailadres") and each assignment column to its grade item.
- `export/canvas-cijfers.csv` for Canvas's gradebook import: the columns Canvas's own export
  starts with — Student, ID, SIS User ID, SIS Login ID, Section — then one column per
  assignment, and the "Points Possible" row under the header.
- `export/moodle-feedback-<opdracht>.zip` for "Meerdere feedbackbestanden uploaden in een
  zip": one folder per learner named exactly as in Moodle's download
  (`<full name>_<participant id>_assignsubmission_file`), holding the feedback page. Moodle
  finds the learner by the participant id in the folder name, which only Moodle's download
  tells us: `inlezen` keeps it in `lms.yml`.
Scores only; never a word a learner wrote (the feedback page masks what the privacy screen
flags)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .coursedir import Course, CourseError
from .intake import lms_ids
from .learners import course_learners
from .scores import all_scores

EXPORT = "export"
BOM = "\ufeff"


def _short(assignment: str) -> str:
    return assignment.split("-")[0]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _write(target: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    target.parent.mkdir(exist_ok=True)
    target.write_text(BOM + out.getvalue(), encoding="utf-8")
    return target


def _columns(course: Course, assignments: list[str]) -> dict[str, str]:
    from .rubric import load_exercise

    titles = {}
    for assignment in assignments:
        try:
            title = load_exercise(course, assignment).exercise.titel
            titles[assignment] = f"{_short(assignment)} {title}"
        except CourseError:
            titles[assignment] = assignment
    return titles


def _grid(course: Course):
    scores = all_scores(course)
    if not scores:
        raise CourseError("Er is nog geen opdracht uitgedeeld, dus er zijn geen cijfers.")
    assignments = list(scores)
    maxima = {a: max((s.max_score for s in scores[a].values()), default=0) for a in assignments}
    return scores, assignments, maxima


def export_moodle(course: Course) -> Path:
    scores, assignments, _ = _grid(course)
    titles = _columns(course, assignments)
    rows = [["ID-nummer", "E-mailadres", "Voornaam", "Achternaam",
             *(titles[a] for a in assignments)]]
    for learner in course_learners(course):
        rows.append([learner.id, learner.email, learner.voornaam, learner.achternaam,
                     *(_number(scores[a][learner.id].score) if learner.id in scores[a] else ""
                       for a in assignments)])
    return _write(course.folder(EXPORT, "moodle-cijfers.csv"), rows)


def _sortable(first: str, last: str) -> str:
    return f"{last}, {first}" if last else first


def canvas_columns(path: Path, assignments: list[str]) -> dict[str, str]:
    """Assignment columns as Canvas names them in its own gradebook export, `Name (id)`:
    with those headers the import updates the existing assignments instead of making new
    ones. A column belongs to an assignment when its name holds the chapter (h01)."""
    from .learners import decode_list

    text, _ = decode_list(path.read_bytes())
    first = text.splitlines()[0] if text.strip() else ""
    header = next(csv.reader(io.StringIO(first),
                             delimiter=";" if first.count(";") > first.count(",") else ","))
    found = {}
    for assignment in assignments:
        short = _short(assignment)
        number = str(int(short[1:])) if short[1:].isdigit() else short
        matches = [h for h in header if re.search(r"\(\d+\)\s*$", h) and (
            re.search(rf"\b{short}\b", h, re.IGNORECASE)
            or re.search(rf"\b(hoofdstuk|h)\s*0*{number}\b", h, re.IGNORECASE))]
        if len(matches) == 1:
            found[assignment] = matches[0].strip()
    return found


def export_canvas(course: Course, columns_from: Path | None = None) -> Path:
    scores, assignments, maxima = _grid(course)
    titles = _columns(course, assignments)
    if columns_from is not None:
        titles.update(canvas_columns(columns_from, assignments))
    learned = {}
    for by_learner in lms_ids(course).get("canvas", {}).values():
        for learner_id, value in by_learner.items():
            learned[learner_id] = str(value.get("gebruiker", ""))
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
             *(titles[a] for a in assignments)],
            ["    Points Possible", "", "", "", "", *(_number(maxima[a]) for a in assignments)]]
    for learner in course_learners(course):
        rows.append([_sortable(learner.voornaam, learner.achternaam),
                     learner.lms_id or learned.get(learner.id, ""), learner.id, "", "",
                     *(_number(scores[a][learner.id].score) if learner.id in scores[a] else ""
                       for a in assignments)])
    return _write(course.folder(EXPORT, "canvas-cijfers.csv"), rows)


@dataclass
class FeedbackZip:
    assignment: str
    path: Path | None
    learners: list[str] = field(default_factory=list)
    without_id: list[str] = field(default_factory=list)  # feedback, but no Moodle id known


def moodle_feedback_zip(course: Course, assignment: str) -> FeedbackZip:
    known = lms_ids(course).get("moodle", {}).get(assignment, {})
    names = {lr.id: lr.naam for lr in course_learners(course)}
    pages = sorted(course.root.glob(f"feedback/*/{assignment}.html"))
    result = FeedbackZip(assignment, None)
    entries = []
    for page in pages:
        learner = page.parent.name
        info = known.get(learner)
        if not info:
            result.without_id.append(f"{learner} ({names.get(learner, '?')})")
            continue
        folder = info.get("map") or (f"{str(info['naam']).replace('_', ' ')}_"
                                     f"{info['deelnemer']}_assignsubmission_file")
        entries.append((f"{folder}/feedback-{_short(assignment)}.html", page.read_bytes()))
        result.learners.append(learner)
    if entries:
        target = course.folder(EXPORT, f"moodle-feedback-{_short(assignment)}.zip")
        target.parent.mkdir(exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
        result.path = target
    return result
