"""Release an assignment: copy the exercise's source notebook into the course with the
region's words filled in, register it in the gradebook and let nbgrader make the learner
version in `release/` (answer keys and hidden tests removed). Afterwards we check the learner
version ourselves: a key that slipped through would be a leak, so we refuse rather than warn."""

from __future__ import annotations

import json
import re
from datetime import datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from ..exercises.loader import SOURCE_FOLDER
from ..regions import load_region, localise
from .coursedir import Course, CourseError


def known_assignments(course: Course) -> list[str]:
    return sorted(p.name for p in (course.project / SOURCE_FOLDER).iterdir() if p.is_dir()) \
        if (course.project / SOURCE_FOLDER).is_dir() else []


def resolve_assignment(course: Course, name: str) -> str:
    """An assignment id from what a trainer types: the full id, or `h04`, or `4`."""
    names = known_assignments(course)
    if name in names:
        return name
    short = f"h{int(name):02d}" if name.isdigit() else name.lower()
    matches = [n for n in names if n.split("-")[0] == short]
    if len(matches) == 1:
        return matches[0]
    raise CourseError(f"De opdracht '{name}' bestaat niet. Kies een van: h01 … h11, of de "
                      f"volledige naam (bijvoorbeeld {names[0] if names else 'h01-...'}).")


def localised_notebook(course: Course, assignment: str, examples: bool = False) -> dict:
    """The exercise's source notebook with the region's words. While a course runs the
    example answers stay back (`examples=False`): a learner writes first, and sees the
    example with the feedback or when the trainer hands out again with --met-voorbeelden."""
    source = course.project / SOURCE_FOLDER / assignment / f"{assignment}.ipynb"
    notebook = json.loads(source.read_text(encoding="utf-8"))
    if not examples:
        notebook["cells"] = [cell for cell in notebook["cells"]
                             if "voorbeeld" not in cell.get("metadata", {}).get("draaiboek", {})]
    region = load_region(course.project, course.regio)
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        cell["source"] = localise(text, region)
    notebook["metadata"]["draaiboek"]["regio"] = course.regio
    return notebook


ZONES = {"nederland": "Europe/Amsterdam"}  # other regions: Belgium


def zone(course: Course) -> ZoneInfo:
    return ZoneInfo(ZONES.get(course.regio, "Europe/Brussels"))


def parse_deadline(text: str, course: Course) -> datetime:
    """A deadline as a trainer types it, in the course's own time zone: '20-12-2026 23:59',
    '2026-12-20 23:59', or a date alone (then 23:59 that day). Returned in UTC."""
    text = " ".join(text.split())
    for pattern in ("%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        if "%H" not in pattern:
            moment = datetime.combine(moment.date(), time(23, 59))
        return moment.replace(tzinfo=zone(course)).astimezone(timezone.utc)
    raise CourseError(f"De deadline '{text}' kan ik niet lezen. Schrijf ze als dag-maand-jaar "
                      "uur:minuut, bijvoorbeeld --deadline '20-12-2026 23:59'.")


def deadline(course: Course, assignment: str) -> datetime | None:
    """The assignment's deadline (nbgrader's due date) in UTC, or None."""
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            due = gb.find_assignment(assignment).duedate
        except MissingEntry:
            return None
    return due.replace(tzinfo=timezone.utc) if due else None


def release_assignment(course: Course, assignment: str, examples: bool = False,
                       due: datetime | None = None) -> Path:
    """Make (or remake) the learner version of one assignment; returns its path. Example
    answers are left out unless `examples`. `due` sets the deadline (nbgrader's due date,
    which nbgrader uses for late submissions); without it an earlier deadline stays."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from .coursedir import _bin_on_path

    notebook = localised_notebook(course, assignment, examples)
    target = course.source(assignment)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    with course.gradebook() as gb:
        gb.update_or_create_assignment(assignment, **({"duedate": due} if due else {}))
    _bin_on_path()
    config = course.nbgrader_config()
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    result = api.generate_assignment(assignment, force=True)
    if not result["success"]:
        raise CourseError(f"nbgrader kon de opdracht {assignment} niet klaarzetten: "
                          f"{_last_error(result)}")
    released = course.released(assignment)
    _check_no_keys(released)
    return released


def _last_error(result: dict) -> str:
    lines = [line for line in (result.get("error") or result.get("log") or "").splitlines()
             if line.strip()]
    return lines[-1] if lines else "onbekende fout"


_KEY = re.compile(r'^juist = "[A-D]"$', re.MULTILINE)


def _check_no_keys(released: Path) -> None:
    cells = json.loads(released.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells)
    if "BEGIN HIDDEN TESTS" in text or "BEGIN SOLUTION" in text or _KEY.search(text):
        released.unlink()
        raise CourseError(f"In {released} stonden nog antwoorden. Die versie is gewist. "
                          "Meld dit aan wie het project onderhoudt.")
