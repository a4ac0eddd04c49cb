"""The learners of a course: import from a CSV file (as exported from a spreadsheet or an LMS),
and erase one learner's data completely."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from ..problems import ContentError, Problem
from ..textfile import read_text
from .coursedir import ID_PATTERN, Course

# Dutch column names, with the English ones nbgrader and most LMSs export as synonyms.
COLUMNS = {"id": "id", "voornaam": "voornaam", "first_name": "voornaam",
           "achternaam": "achternaam", "familienaam": "achternaam", "last_name": "achternaam",
           "email": "email", "e-mail": "email", "e-mailadres": "email"}
REQUIRED = ("id", "voornaam", "achternaam")


@dataclass(frozen=True)
class Learner:
    id: str
    voornaam: str
    achternaam: str
    email: str = ""

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()


def read_learners(path: Path) -> list[Learner]:
    """Learners from a CSV with columns id, voornaam, achternaam (and optional email).
    Comma or semicolon separated (spreadsheets in Belgium and the Netherlands use `;`)."""
    file = str(path)
    try:
        text = read_text(path, file)
    except FileNotFoundError:
        raise ContentError([Problem(file, "dit bestand bestaat niet.",
                                    "Kijk de naam en de map na.")]) from None
    except ContentError as exc:  # not UTF-8 or too big: with the line, and a spreadsheet's fix
        raise ContentError([replace(p, fix="Sla het bestand op als 'CSV UTF-8' in je "
                                    "rekenblad.") if "UTF" in p.fix else p
                            for p in exc.problems]) from None
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    known = {COLUMNS[h] for h in header if h in COLUMNS}
    missing = [c for c in REQUIRED if c not in known]
    if missing:
        raise ContentError([Problem(file, f"de kolom(men) {', '.join(missing)} ontbreken "
                                    f"(gevonden: {', '.join(header) or 'niets'}).",
                                    "Zet op de eerste regel: id,voornaam,achternaam,email",
                                    line=1)])
    problems, learners, seen = [], [], {}
    for number, row in enumerate(reader, start=2):
        values = {COLUMNS[(k or "").strip().lower()]: (v or "").strip()
                  for k, v in row.items() if (k or "").strip().lower() in COLUMNS}
        if not any(values.values()):
            continue
        lid = values.get("id", "")
        if not ID_PATTERN.match(lid):
            problems.append(Problem(file, f"de id '{lid}' is leeg of bevat tekens die niet "
                                    "mogen.", "Gebruik alleen letters, cijfers, '-', '_' en "
                                    "'.', zonder spaties.", line=number))
            continue
        if lid in seen:
            problems.append(Problem(file, f"de id '{lid}' staat ook al op regel {seen[lid]}.",
                                    "Geef elke cursist een eigen id.", line=number))
            continue
        seen[lid] = number
        learners.append(Learner(lid, values.get("voornaam", ""), values.get("achternaam", ""),
                                values.get("email", "")))
    if problems:
        raise ContentError(problems)
    return learners


def import_learners(course: Course, path: Path) -> tuple[int, int]:
    """Add or update the learners of a CSV; nobody is removed. Returns (new, updated)."""
    learners = read_learners(path)
    new = updated = 0
    with course.gradebook() as gb:
        existing = {s.id for s in gb.students}
        for learner in learners:
            gb.update_or_create_student(learner.id, first_name=learner.voornaam,
                                        last_name=learner.achternaam,
                                        email=learner.email or None)
            if learner.id in existing:
                updated += 1
            else:
                new += 1
    return new, updated


def course_learners(course: Course) -> list[Learner]:
    with course.gradebook() as gb:
        return [Learner(s.id, s.first_name or "", s.last_name or "", s.email or "")
                for s in sorted(gb.students, key=lambda s: s.id)]


def erase_learner(course: Course, learner_id: str) -> list[str]:
    """Remove everything of one learner: gradebook rows, submissions, graded copies, rubric
    choices, feedback, and the exports and report (which list everyone; make them again).
    Returns what was removed, for the trainer to see."""
    from nbgrader.api import MissingEntry

    from .coursedir import CourseError

    removed = []
    with course.gradebook() as gb:
        try:
            gb.find_student(learner_id)
        except MissingEntry:
            raise CourseError(f"De cursist '{learner_id}' staat niet in deze cursus. Zie "
                              "'draaiboek cursus overzicht' voor de ids.") from None
        gb.remove_student(learner_id)
        removed.append("cijfers en opmerkingen in gradebook.db")
    _vacuum(course)  # deleted rows must not linger in the database file's free pages
    for step in ("submitted", "autograded", "feedback"):
        folder = course.folder(step, learner_id)
        if folder.exists():
            shutil.rmtree(folder)
            removed.append(f"{step}/{learner_id}/")
    # Exports and the report name every learner: they go too, to be made again.
    for path in [*course.root.glob(f"beoordelingen/*/{learner_id}.yml"),
                 *course.root.glob(f".nakijken/uitvoer/*/{learner_id}.ipynb"),
                 *(p for p in course.folder("export").glob("*") if p.is_file())]:
        path.unlink()
        removed.append(path.relative_to(course.root).as_posix())
    return removed


def _vacuum(course: Course) -> None:
    import sqlite3

    connection = sqlite3.connect(course.db_path)
    try:
        connection.execute("VACUUM")
    finally:
        connection.close()
