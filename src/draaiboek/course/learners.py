"""The learners of a course: import from a list as trainers export it (a spreadsheet saved as
CSV in any of the encodings Excel writes, Moodle's or Canvas's own export), and erase one
learner's data completely."""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..problems import ContentError, Problem
from .coursedir import ID_PATTERN, Course
from .hub import hub_name_problem

# Column headers as Dutch spreadsheets, nbgrader, Moodle and Canvas write them (lowercased,
# without spaces, dashes and underscores) → our field. Several id columns may be present (a
# Canvas export has "ID" and "SIS User ID"): the first filled one in ID_COLUMNS wins.
ID_COLUMNS = ("id", "studentnummer", "cursistnummer", "leerlingnummer", "deelnemersnummer",
              "personeelsnummer", "nummer", "idnumber", "idnummer", "sisuserid", "studentid",
              "username", "gebruikersnaam", "sisloginid")
COLUMNS = {**{name: "id" for name in ID_COLUMNS},
           "voornaam": "voornaam", "firstname": "voornaam", "roepnaam": "voornaam",
           "tussenvoegsel": "tussenvoegsel", "tussenvoegsels": "tussenvoegsel",
           "voorvoegsel": "tussenvoegsel", "prefix": "tussenvoegsel",
           "achternaam": "achternaam", "familienaam": "achternaam", "lastname": "achternaam",
           "surname": "achternaam", "naam": "naam", "volledigenaam": "naam", "student": "naam",
           "fullname": "naam", "email": "email", "emailadres": "email", "emailaddress": "email",
           "mail": "email", "mailadres": "email"}
CANVAS_ID = "id"  # in a Canvas export, "ID" is Canvas's own user id


def _key(header: str) -> str:
    return re.sub(r"[\s_\-.:]+", "", header.strip().lower())


@dataclass(frozen=True)
class Learner:
    id: str
    voornaam: str
    achternaam: str  # with the tussenvoegsel in front: "de Vries"
    email: str = ""
    lms_id: str = ""  # the learner's user id in Canvas, when the list came from Canvas

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()


def decode_list(data: bytes) -> tuple[str, str]:
    """The text of a list and the encoding it was in: UTF-8 or UTF-16 with a byte-order mark
    (Excel's 'CSV UTF-8' and 'Unicode-tekst'), UTF-8, else Windows-1252 (Excel's plain 'CSV
    (puntkomma)' in Belgium and the Netherlands)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if len(data) > 1 and data[1:2] == b"\x00" and data[0:1] != b"\x00":
        return data.decode("utf-16-le"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _split_name(full: str) -> tuple[str, str]:
    """'Vries, José de' (Canvas's sortable name) or 'José de Vries' → (first, last)."""
    if "," in full:
        last, first = (part.strip() for part in full.split(",", 1))
        words = first.split()
        # Canvas puts the tussenvoegsel after the first name: "Vries, José de"
        prefix = [w for w in words[1:] if w.islower()]
        if prefix and words[-len(prefix):] == prefix:
            return " ".join(words[:-len(prefix)]), " ".join([*prefix, last])
        return first, last
    words = full.split()
    return (words[0], " ".join(words[1:])) if words else ("", "")


def read_learners(path: Path, hub: bool = False) -> list[Learner]:
    """Learners from a list with an id, first and last name (or one name column), and
    optionally a tussenvoegsel and an e-mail address. Comma, semicolon or tab separated. In a
    course on JupyterHub (`hub`) each id must be the learner's user name on the hub."""
    file = str(path)
    try:
        if path.stat().st_size > 20 * 1024 * 1024:
            raise ContentError([Problem(file, "dit bestand is te groot voor een lijst met "
                                        "cursisten.", "Geef het CSV-bestand met de cursisten.")])
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError([Problem(file, "dit bestand bestaat niet.",
                                    "Kijk de naam en de map na.")]) from None
    except IsADirectoryError:
        raise ContentError([Problem(file, "dit is een map, geen bestand.",
                                    "Geef het CSV-bestand met de cursisten.")]) from None
    text, _ = decode_list(data)
    if path.suffix.lower() in (".xlsx", ".xls", ".ods") or "\x00" in text:
        raise ContentError([Problem(file, "dit is een rekenblad, geen CSV-bestand.",
                                    "Sla het in je rekenblad op als 'CSV (puntkomma)' of "
                                    "'CSV UTF-8' en geef dat bestand.", line=1)])
    lines = text.splitlines()
    first = lines[0] if lines else ""
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first))
    rows = list(reader)
    header = [_key(name) for name in (rows[0] if rows else [])]
    fields = {COLUMNS[h] for h in header if h in COLUMNS}
    canvas = "sisuserid" in header or "sisloginid" in header
    has_name = "naam" in fields or {"voornaam", "achternaam"} <= fields
    missing = [c for c, ok in (("id (of studentnummer)", "id" in fields),
                               ("voornaam en achternaam (of naam)", has_name)) if not ok]
    if missing:
        found = ", ".join(name.strip() for name in (rows[0] if rows else []) if name.strip())
        raise ContentError([Problem(file, f"de kolom {' en de kolom '.join(missing)} "
                                    f"ontbreekt (gevonden: {found or 'niets'}).",
                                    "Zet op de eerste regel bijvoorbeeld: Studentnummer;"
                                    "Voornaam;Tussenvoegsel;Achternaam;E-mailadres", line=1)])
    problems, learners, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        cells = {h: (row[i] if i < len(row) else "").strip() for i, h in enumerate(header)}
        if not any(cells.values()):
            continue
        if canvas and cells.get("student", "").strip() in ("Points Possible",
                                                           "Student, Test"):
            continue  # Canvas's second row, and its test student
        ids = [h for h in ID_COLUMNS if h in cells and not (canvas and h == CANVAS_ID)]
        lid = next((cells[h] for h in ids if cells[h]), "")
        if canvas and not lid:
            lid = cells.get(CANVAS_ID, "")
        values = {COLUMNS[h]: v for h, v in cells.items() if h in COLUMNS and COLUMNS[h] != "id"}
        first_name, last_name = values.get("voornaam", ""), values.get("achternaam", "")
        if not (first_name or last_name) and values.get("naam"):
            first_name, last_name = _split_name(values["naam"])
        prefix = values.get("tussenvoegsel", "")
        if prefix and not last_name.lower().startswith(prefix.lower() + " "):
            last_name = f"{prefix} {last_name}".strip()
        if not ID_PATTERN.match(lid):
            problems.append(Problem(file, f"de id '{lid}' is leeg of bevat tekens die niet "
                                    "mogen.", "Gebruik alleen letters, cijfers, '-', '_' en "
                                    "'.', zonder spaties.", line=number))
            continue
        if lid in seen:
            problems.append(Problem(file, f"de id '{lid}' staat ook al op regel {seen[lid]}.",
                                    "Geef elke cursist een eigen id.", line=number))
            continue
        hub_problem = hub_name_problem(lid) if hub else None
        if hub_problem:
            problems.append(Problem(file, hub_problem, "Zet als id precies de gebruikersnaam "
                                    f"waarmee de cursist inlogt op JupyterHub, in kleine "
                                    f"letters: '{lid.lower()}'.", line=number))
            continue
        seen[lid] = number
        learners.append(Learner(lid, first_name, last_name, values.get("email", ""),
                                cells.get(CANVAS_ID, "") if canvas else ""))
    if problems:
        raise ContentError(problems)
    return learners


def import_learners(course: Course, path: Path) -> tuple[int, int]:
    """Add or update the learners of a list; nobody is removed. Returns (new, updated)."""
    learners = read_learners(path, hub=course.hub is not None)
    new = updated = 0
    with course.gradebook() as gb:
        existing = {s.id for s in gb.students}
        for learner in learners:
            extra = {"lms_user_id": learner.lms_id} if learner.lms_id else {}
            gb.update_or_create_student(learner.id, first_name=learner.voornaam,
                                        last_name=learner.achternaam,
                                        email=learner.email or None, **extra)
            if learner.id in existing:
                updated += 1
            else:
                new += 1
    return new, updated


def course_learners(course: Course) -> list[Learner]:
    with course.gradebook() as gb:
        return [Learner(s.id, s.first_name or "", s.last_name or "", s.email or "",
                        s.lms_user_id or "")
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
    lms = course.root / "lms.yml"  # Moodle participant ids and names from read-ins
    if lms.is_file():
        import yaml

        data = yaml.safe_load(lms.read_text(encoding="utf-8")) or {}
        found = False
        for by_assignment in data.values():
            for by_learner in by_assignment.values():
                found = by_learner.pop(learner_id, None) is not None or found
        if found:
            lms.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True),
                           encoding="utf-8")
            removed.append("lms.yml (naam en nummer in de leeromgeving)")
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
