"""Grading reflections against their rubric. The rubric comes from the exercise's YAML (the
one source); the trainer chooses a level per criterion and may add a comment. The choice is
kept in `beoordelingen/<opdracht>/<id>.yml` together with a fingerprint of the answer it was
given for, and written to nbgrader's gradebook as the manual score and comment, so that
nbgrader's own formgrader, feedback and export see it too. Autograding again never changes a
manual score; for answers that did not change we also put back the "graded" mark that
nbgrader clears."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..exercises.answers import answer_id
from ..exercises.formative import QuestionCheck, check_notebook
from ..exercises.loader import LoadedExercise, parse_exercise
from ..exercises.schema import CaseQuestion, Criterion, Reflection
from ..regions import load_region, localise
from .coursedir import Course, CourseError


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    text: str
    points: int
    criteria: list[Criterion]


@dataclass
class Assessment:
    levels: dict[str, int]
    comment: str
    answer: str  # fingerprint of the answer it was given for

    @property
    def score(self) -> int:
        return sum(self.levels.values())


def load_exercise(course: Course, assignment: str) -> LoadedExercise:
    path = course.project / "exercises" / f"{assignment}.yml"
    if not path.is_file():
        raise CourseError(f"{path} ontbreekt: de cursus verwijst naar het project in "
                          f"{course.project}. Zet het project terug, of pas 'project:' aan in "
                          f"{course.root / 'cursus.yml'}.")
    return parse_exercise(path.read_text(encoding="utf-8"), str(path))


def _case_title(course: Course, case_id: str) -> str:
    """The title of the case a question is about (what the learner saw), not its file id."""
    path = course.project / "regions" / course.regio / "cases" / f"{case_id}.yml"
    if not path.is_file():
        path = course.project / "cases" / f"{case_id}.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return str(data.get("titel") or case_id)
    except (OSError, yaml.YAMLError):
        return case_id


def _notebook_order(course: Course, assignment: str) -> dict[str, int]:
    """Question id → position of its answer cell in the handed-out notebook."""
    path = course.released(assignment)
    if not path.is_file():
        return {}
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    return {qid: index for index, cell in enumerate(cells) for qid in [answer_id(cell)] if qid}


@functools.lru_cache(maxsize=32)  # asked for every answer saved; the exercise does not change
def questions(course: Course, assignment: str) -> tuple[Question, ...]:
    """The rubric-graded questions of an assignment, in the course's region's words, in the
    order of the notebook, with the titles the learner saw."""
    exercise = load_exercise(course, assignment).exercise
    region = load_region(course.project, course.regio)
    result = []
    for part in exercise.written_parts:
        title = (f"Reflectie: {part.titel}" if isinstance(part, Reflection)
                 else f"Vraag bij de casus '{_case_title(course, part.casus)}'"
                 if isinstance(part, CaseQuestion) else "")
        criteria = [Criterion(criterium=localise(c.criterium, region), niveaus=[
            lv.model_copy(update={"beschrijving": localise(lv.beschrijving, region)})
            for lv in c.niveaus]) for c in part.rubriek]
        result.append(Question(part.id, localise(title, region),
                               localise(part.vraag.strip(), region), part.punten, criteria))
    order = _notebook_order(course, assignment)
    return tuple(sorted(result, key=lambda q: order.get(q.id, len(order))))


def submitted_notebook(course: Course, assignment: str, learner: str) -> dict:
    path = course.submitted(learner, assignment)
    if not path.is_file():
        raise CourseError(f"Er is geen inzending van {learner} voor {assignment}.")
    return json.loads(path.read_text(encoding="utf-8"))


def answers(notebook: dict) -> dict[str, str]:
    """Question id → the learner's written answer."""
    return {answer_id(cell): "".join(cell.get("source", "")) for cell in notebook.get("cells", [])
            if answer_id(cell) and cell.get("cell_type") == "markdown"}


def fingerprint(answer: str) -> str:
    return hashlib.sha256(answer.strip().encode()).hexdigest()[:16]


def _record_path(course: Course, assignment: str, learner: str) -> Path:
    return course.folder("beoordelingen", assignment, f"{learner}.yml")


def assessments(course: Course, assignment: str, learner: str) -> dict[str, Assessment]:
    path = _record_path(course, assignment, learner)
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {qid: Assessment(dict(item["niveaus"]), item.get("opmerking", ""), item["antwoord"])
            for qid, item in data.items()}


def assess(course: Course, assignment: str, learner: str, question_id: str,
           levels: dict[str, int], comment: str = "", gradebook=None) -> Assessment:
    """Record the trainer's rubric levels for one answer and write them to the gradebook.
    A grading session passes its open `gradebook` (opening one costs about half a second)."""
    from nbgrader.api import MissingEntry

    question = next((q for q in questions(course, assignment) if q.id == question_id), None)
    if question is None:
        raise CourseError(f"Opdracht {assignment} heeft geen vraag '{question_id}'.")
    for criterion in question.criteria:
        allowed = sorted(lv.punten for lv in criterion.niveaus)
        if levels.get(criterion.criterium) not in allowed:
            raise CourseError(f"Kies voor '{criterion.criterium}' een van de niveaus "
                              f"{', '.join(map(str, allowed))}.")
    unknown = set(levels) - {c.criterium for c in question.criteria}
    if unknown:
        raise CourseError(f"'{sorted(unknown)[0]}' is geen criterium van vraag {question_id}.")
    answer = answers(submitted_notebook(course, assignment, learner)).get(question_id, "")
    assessment = Assessment(dict(levels), comment.strip(), fingerprint(answer))
    with (contextlib.nullcontext(gradebook) if gradebook is not None
          else course.gradebook()) as gb:
        try:
            grade = gb.find_grade(f"{question_id}-antwoord", assignment, assignment, learner)
            note = gb.find_comment(f"{question_id}-antwoord", assignment, assignment, learner)
        except MissingEntry:
            raise CourseError(f"De inzending van {learner} voor {assignment} is nog niet "
                              f"nagekeken. Doe eerst 'draaiboek cursus nakijken "
                              f"{assignment}'.") from None
        grade.manual_score = assessment.score
        grade.needs_manual_grade = False
        note.manual_comment = comment_text(question, assessment)
        gb.db.commit()
    records = {qid: _as_dict(a) for qid, a in assessments(course, assignment, learner).items()}
    records[question_id] = _as_dict(assessment)
    path = _record_path(course, assignment, learner)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return assessment


def _as_dict(assessment: Assessment) -> dict:
    return {"niveaus": assessment.levels, "opmerking": assessment.comment,
            "antwoord": assessment.answer}


def level_description(criterion: Criterion, points: int) -> str:
    return next((lv.beschrijving for lv in criterion.niveaus if lv.punten == points), "")


def comment_text(question: Question, assessment: Assessment) -> str:
    """The comment nbgrader keeps (and shows in its formgrader): levels, then the remark."""
    lines = [f"- {c.criterium}: {assessment.levels[c.criterium]} van {c.maximum} – "
             f"{level_description(c, assessment.levels[c.criterium])}"
             for c in question.criteria]
    if assessment.comment:
        lines += ["", assessment.comment]
    return "\n".join(lines)


def keep_manual_marks(course: Course, assignment: str) -> None:
    """After autograding: answers graded before and unchanged since are not 'to do' again."""
    with course.gradebook() as gb:
        for submission in gb.assignment_submissions(assignment):
            learner = submission.student.id
            done = assessments(course, assignment, learner)
            if not done:
                continue
            current = answers(submitted_notebook(course, assignment, learner))
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    qid = grade.name.removesuffix("-antwoord")
                    if qid in done and grade.manual_score is not None and \
                            done[qid].answer == fingerprint(current.get(qid, "")):
                        grade.needs_manual_grade = False
        gb.db.commit()


@dataclass
class ToGrade:
    learner: str
    question: Question
    answer: str
    check: QuestionCheck | None
    changed: bool  # graded before, but the answer changed since
    earlier: Assessment | None = None  # the levels chosen before (to redo an entry)
    pending: bool = True  # not graded yet (False: graded, offered to redo)
    score: float | None = None  # what the gradebook holds now

    @property
    def blank(self) -> bool:
        """The learner wrote nothing (beyond the bold step headings of the template)."""
        text = re.sub(r"\*\*[^*]+\*\*|Mijn antwoord:|#+ (BEGIN|END) SOLUTION", "",
                      self.answer)
        return not text.strip()


def to_grade(course: Course, assignment: str, learner: str | None = None,
             question: str | None = None, again: bool = False,
             by: str = "vraag") -> list[ToGrade]:
    """Written answers for the trainer, with their formative checks: those that still need a
    grade, and blank answers nbgrader gave 0 on its own that nobody has looked at. With
    `again` (or when a chosen learner or question has nothing left), answers already graded
    too, to redo an entry. Ordered question by question (`by="vraag"`: one question across
    all learners in a row) or learner by learner (`by="cursist"`), questions in notebook
    order."""
    from nbgrader.api import MissingEntry

    listed = questions(course, assignment)
    by_id = {q.id: q for q in listed}
    if question is not None and question not in by_id:
        raise CourseError(f"Opdracht {assignment} heeft geen vraag '{question}'. Kies uit: "
                          f"{', '.join(by_id)}.")
    position = {q.id: i for i, q in enumerate(listed)}
    rows = []
    with course.gradebook() as gb:
        try:
            submissions = gb.assignment_submissions(assignment)
        except MissingEntry:
            submissions = []
        for submission in submissions:
            sid = submission.student.id
            if learner is not None and sid != learner:
                continue
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    qid = grade.name.removesuffix("-antwoord")
                    if qid in by_id and (question is None or qid == question):
                        rows.append((sid, qid, bool(grade.needs_manual_grade),
                                     grade.manual_score is not None, grade.score))
    records = {sid: assessments(course, assignment, sid) for sid in {r[0] for r in rows}}
    notebooks = {}

    def item(sid: str, qid: str, pending: bool, score) -> ToGrade:
        if sid not in notebooks:  # read and check each submission once
            notebook = submitted_notebook(course, assignment, sid)
            notebooks[sid] = ({c.id: c for c in check_notebook(notebook)}, answers(notebook))
        checks, written = notebooks[sid]
        earlier = records[sid].get(qid)
        answer = written.get(qid, "")
        return ToGrade(sid, by_id[qid], answer, checks.get(qid),
                       earlier is not None and pending, earlier, pending, score)

    chosen = []
    for sid, qid, needs, manual, score in rows:
        entry = item(sid, qid, True, score)
        if needs or (entry.blank and not manual and qid not in records[sid]):
            chosen.append(entry)
    if not chosen and (again or learner is not None or question is not None):
        again = True
    if again:
        done = {(c.learner, c.question.id) for c in chosen}
        chosen += [item(sid, qid, False, score) for sid, qid, _, _, score in rows
                   if (sid, qid) not in done]
    if by == "cursist":
        return sorted(chosen, key=lambda c: (c.learner, position[c.question.id]))
    return sorted(chosen, key=lambda c: (position[c.question.id], c.learner))


@dataclass
class Disagreement:
    learner: str
    question: str
    gradebook: float | None
    levels: int


def disagreements(course: Course, assignment: str) -> list[Disagreement]:
    """Answers whose score in the gradebook (changed in nbgrader's formgrader, say) is not
    the sum of the rubric levels chosen here. The gradebook counts; the trainer is told."""
    from nbgrader.api import MissingEntry

    found = []
    with course.gradebook() as gb:
        try:
            submissions = gb.assignment_submissions(assignment)
        except MissingEntry:
            return []
        grades = [(s.student.id, g.name.removesuffix("-antwoord"), g.score)
                  for s in submissions for nb in s.notebooks for g in nb.grades]
    records = {}
    for sid, qid, score in grades:
        if sid not in records:
            records[sid] = assessments(course, assignment, sid)
        given = records[sid].get(qid)
        if given is not None and (score is None or abs(score - given.score) > 1e-9):
            found.append(Disagreement(sid, qid, score, given.score))
    return found
