"""What each learner scored on each assignment, read from nbgrader's gradebook: the one place
scores live. Feedback, export, report and the overview all read it through here."""

from __future__ import annotations

from dataclasses import dataclass, field

from .coursedir import Course


@dataclass
class QuestionScore:
    id: str
    score: float | None
    max_score: float
    to_grade: bool  # a written answer the trainer has not graded yet
    comment: str = ""  # the comment in the gradebook (ours, or edited in the formgrader)


@dataclass
class AssignmentScore:
    learner: str
    assignment: str
    score: float
    max_score: float
    questions: dict[str, QuestionScore] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not any(q.to_grade for q in self.questions.values())

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


def _question_id(grade_name: str) -> str:
    return grade_name.rsplit("-", 1)[0]


def assignment_scores(course: Course, assignment: str) -> dict[str, AssignmentScore]:
    """learner → score, for learners whose submission of this assignment was autograded."""
    from nbgrader.api import MissingEntry

    result = {}
    with course.gradebook() as gb:
        try:
            submissions = gb.assignment_submissions(assignment)
        except MissingEntry:
            return {}
        for submission in submissions:
            if not course.autograded(submission.student.id, assignment).is_file():
                continue  # read in, not graded yet (or grading failed)
            item = AssignmentScore(submission.student.id, assignment, submission.score,
                                   submission.max_score)
            for notebook in submission.notebooks:
                comments = {c.name.rsplit("-", 1)[0]: c.comment or "" for c in notebook.comments}
                for grade in notebook.grades:
                    qid = _question_id(grade.name)
                    item.questions[qid] = QuestionScore(qid, grade.score, grade.max_score,
                                                        bool(grade.needs_manual_grade),
                                                        comments.get(qid, ""))
            result[submission.student.id] = item
    return result


def all_scores(course: Course) -> dict[str, dict[str, AssignmentScore]]:
    """assignment → learner → score, for every released assignment."""
    return {assignment: assignment_scores(course, assignment)
            for assignment in course.assignments()}
