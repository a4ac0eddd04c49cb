"""Read in submissions as they arrive: a folder or a zip (by mail, or downloaded from an LMS
such as Moodle, Canvas or Smartschool). Each file is matched to a learner by what its name
and folders contain (the learner's id, e-mail or name) and to an assignment by the
notebook's own metadata. What cannot be used is reported with the file and what to do;
everything else is still read in. A new version replaces the learner's earlier submission
of that assignment; grades already given stay in the gradebook."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from ..exercises.answers import answer_id
from ..exercises.formative import QuestionCheck, check_notebook
from .coursedir import Course, CourseError
from .learners import Learner, course_learners

SKIP = re.compile(r"(^|/)(__MACOSX|\.ipynb_checkpoints)(/|$)|(^|/)\.|(^|/)timestamp\.txt$")


@dataclass
class Received:
    file: str
    learner: str
    assignment: str
    checks: list[QuestionCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ready(self) -> int:
        return sum(c.ok for c in self.checks)

    @property
    def privacy(self) -> int:
        return sum(len(c.privacy) for c in self.checks)


@dataclass
class Refused:
    file: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}\n    Oplossing: {self.fix}"


@dataclass
class _Candidate:
    name: str          # as shown to the trainer
    parts: tuple[str, ...]
    data: bytes
    moment: datetime
    refused: Refused | None = None  # this entry could not be read; the others still are


# A notebook with answers is well under a megabyte; a bigger file is refused unread.
MAX_NOTEBOOK = 20 * 1024 * 1024
_TOO_BIG = ("Vraag de cursist om alleen het .ipynb-bestand van de opdracht te sturen, zonder "
            "grote afbeeldingen of video's erin.")


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def _files(source: Path) -> Iterator[_Candidate]:
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if path.is_file() and not SKIP.search(relative):
                yield _from_file(path, relative)
    elif zipfile.is_zipfile(source):
        try:
            archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise CourseError(f"{source.name} is een beschadigd zip-bestand; er is niets uit "
                              "ingelezen. Vraag het bestand opnieuw, of pak het uit met je "
                              "computer en lees de map in.") from None
        with archive:
            for info in archive.infolist():
                parts = PurePosixPath(info.filename.replace("\\", "/")).parts
                if ".." in parts or info.filename.startswith(("/", "\\")):
                    yield _Candidate(f"{source.name}:{info.filename}", parts, b"",
                                     datetime.now(timezone.utc), Refused(
                                         f"{source.name}:{info.filename}",
                                         "de naam van dit bestand in de zip wijst naar een "
                                         "map buiten de zip (../ of /); het is niet gelezen.",
                                         "Vraag een zip waarin de bestanden gewoon in de zip "
                                         "zelf staan."))
                    continue
                if info.is_dir() or SKIP.search(info.filename):
                    continue
                yield _from_zip(archive, info, source.name)
    elif source.exists():
        yield _from_file(source, source.name)
    else:
        raise CourseError(f"{source} bestaat niet. Geef een map, een zip-bestand of een "
                          "notebook.")


def _from_file(path: Path, name: str) -> _Candidate:
    parts = PurePosixPath(name).parts
    moment = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    if path.stat().st_size > MAX_NOTEBOOK:
        return _Candidate(name, parts, b"", moment, Refused(
            name, f"dit bestand is te groot ({path.stat().st_size // 1024 ** 2} MB).", _TOO_BIG))
    return _Candidate(name, parts, path.read_bytes(), moment)


def _from_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo, zip_name: str) -> _Candidate:
    """One entry, read streaming with its declared and its real size bounded: a small zip
    that unpacks to gigabytes is refused after reading at most MAX_NOTEBOOK bytes. The
    entry's name is only used to find the learner, never as a path to write to."""
    name = f"{zip_name}:{info.filename}"
    parts = PurePosixPath(info.filename.replace("\\", "/")).parts
    try:
        moment = datetime(*info.date_time).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        moment = datetime.now(timezone.utc)
    if info.file_size > MAX_NOTEBOOK:
        return _Candidate(name, parts, b"", moment, Refused(
            name, f"dit bestand in de zip is te groot ({info.file_size // 1024 ** 2} MB "
            "uitgepakt).", _TOO_BIG))
    try:
        with archive.open(info) as entry:
            data = entry.read(MAX_NOTEBOOK + 1)
    except RuntimeError:  # encrypted
        return _Candidate(name, parts, b"", moment, Refused(
            name, "dit bestand in de zip is met een wachtwoord beveiligd.",
            "Vraag een zip zonder wachtwoord."))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            zlib.error):
        return _Candidate(name, parts, b"", moment, Refused(
            name, "dit bestand in de zip is beschadigd; de andere bestanden zijn wel "
            "gelezen.", "Vraag de cursist dit bestand opnieuw te sturen."))
    if len(data) > MAX_NOTEBOOK:
        return _Candidate(name, parts, b"", moment, Refused(
            name, "dit bestand in de zip is groter dan de zip zegt, en te groot.", _TOO_BIG))
    return _Candidate(name, parts, data, moment)


def match_learner(parts: tuple[str, ...], learners: list[Learner]) -> list[Learner]:
    """Learners whose id, e-mail or full name appears in the file's name or folders."""
    text = _normal(" ".join(parts))
    for rule in (lambda lr: [lr.id],
                 lambda lr: [lr.email, lr.email.split("@")[0]] if lr.email else [],
                 lambda lr: [f"{lr.voornaam} {lr.achternaam}", f"{lr.achternaam} {lr.voornaam}"]):
        found = [lr for lr in learners
                 if any(key.strip() and _normal(key) in text for key in rule(lr))]
        if found:
            return found
    return []


def _notebook(candidate: _Candidate) -> tuple[dict | None, Refused | None]:
    import nbformat

    name = candidate.name
    if candidate.refused:
        return None, candidate.refused
    if not candidate.parts[-1].lower().endswith(".ipynb"):
        return None, Refused(name, "dit is geen notebook (.ipynb).",
                             "Vraag de cursist om het .ipynb-bestand te sturen (in Jupyter: "
                             "Bestand → Downloaden).")
    try:
        data = json.loads(candidate.data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (regel {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        return None, Refused(name, f"de notebook is beschadigd{where}: Jupyter kan hem niet "
                             "openen.", "Vraag de cursist de notebook opnieuw op te slaan en "
                             "opnieuw te sturen.")
    if not isinstance(data, dict):
        return None, Refused(name, "dit bestand is geen notebook: het is geen lijst van "
                             "velden zoals Jupyter die bewaart.", "Vraag de cursist het "
                             ".ipynb-bestand van de opdracht te sturen.")
    if isinstance(data.get("nbformat"), int) and data["nbformat"] < 4:
        return None, Refused(name, f"deze notebook is opgeslagen in een oud formaat "
                             f"(nbformat {data['nbformat']}); er is niets aan veranderd.",
                             "Vraag de cursist de notebook te openen in Jupyter, op te slaan "
                             "(Jupyter zet hem dan om) en opnieuw te sturen.")
    wrong = _wrong_metadata(data)
    if wrong:
        return None, Refused(name, wrong, "Vraag de cursist de opdracht opnieuw te downloaden "
                             "uit het boek, de antwoorden over te nemen en die notebook te "
                             "sturen; wijzig de metadata niet met de hand.")
    try:
        with warnings.catch_warnings():  # nbformat warns while it repairs duplicate cell ids
            warnings.simplefilter("ignore")
            nbformat.validate(nbformat.from_dict(data))
    except Exception:  # noqa: BLE001 - nbformat raises several kinds for a broken notebook
        return None, Refused(name, "dit bestand lijkt op een notebook, maar de inhoud klopt "
                             "niet.", "Vraag de cursist de notebook opnieuw op te slaan en "
                             "opnieuw te sturen.")
    return data, None


def _wrong_metadata(data: dict) -> str | None:
    """What is wrong with the metadata the course reads, or None."""
    metadata = data.get("metadata", {})
    if not isinstance(metadata, dict):
        return "de metadata van de notebook zijn geen lijst van velden."
    ours = metadata.get("draaiboek", {})
    if not isinstance(ours, dict) or not isinstance(ours.get("oefening", ""), str):
        return "de metadata 'draaiboek' van de notebook hebben de verkeerde vorm."
    cells = data.get("cells", [])
    if not isinstance(cells, list):
        return "de cellen van de notebook staan niet in een lijst."
    for number, cell in enumerate(cells, start=1):
        cell_metadata = cell.get("metadata", {}) if isinstance(cell, dict) else None
        if not isinstance(cell_metadata, dict):
            return f"cel {number} heeft de verkeerde vorm."
        for key in ("nbgrader", "draaiboek"):
            if not isinstance(cell_metadata.get(key, {}), dict):
                return f"de metadata '{key}' van cel {number} hebben de verkeerde vorm."
    return None


def _key(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or answer_id(cell)


def repair(notebook: dict, released: dict) -> list[str]:
    """Put the notebook's structure back the way it was handed out, and say what changed.
    A duplicated cell makes nbgrader refuse the whole notebook: the first copy is kept. A
    deleted cell (or one whose metadata was stripped) is put back from the learner version
    at its place, blank; grading then restores our cells' code from the gradebook. nbgrader's
    own re-insertion fails on our layout, so it is done here."""
    notes, seen, kept = [], set(), []
    for cell in notebook.get("cells", []):
        key = _key(cell)
        if key and key in seen:
            notes.append(f"cel '{key}' stond er twee keer in; de tweede is weggelaten")
            continue
        seen.add(key)
        kept.append(cell)
    order = [_key(cell) for cell in released["cells"]]
    for index, cell in enumerate(released["cells"]):
        key = order[index]
        if key is None or key in seen:
            continue
        before = next((k for k in reversed(order[:index]) if k in seen), None)
        at = next((i + 1 for i, c in enumerate(kept) if _key(c) == before), 0) if before else 0
        restored = json.loads(json.dumps(cell))
        if any(c.get("id") == restored.get("id") for c in kept):  # a stripped copy remains
            restored["id"] = f"{restored['id']}-terug"
        kept.insert(at, restored)
        seen.add(key)
        notes.append(f"cel '{key}' ontbrak en is teruggezet")
    notebook["cells"] = kept
    return notes


def read_in(course: Course, source: Path, assignment: str | None = None
            ) -> tuple[list[Received], list[Refused]]:
    released = set(course.assignments())
    learners = course_learners(course)
    if not learners:
        raise CourseError("Deze cursus heeft nog geen cursisten. Doe eerst 'draaiboek cursus "
                          "cursisten <bestand.csv>'.")
    chosen: dict[tuple[str, str], tuple[_Candidate, dict, list[str]]] = {}
    refused: list[Refused] = []
    older: list[tuple[str, str, str]] = []
    for candidate in _files(source):
        notebook, problem = _notebook(candidate)
        if problem:
            refused.append(problem)
            continue
        found = notebook.get("metadata", {}).get("draaiboek", {}).get("oefening")
        if not found:
            refused.append(Refused(candidate.name, "deze notebook is geen Draaiboek-opdracht.",
                                   "Vraag de cursist de opdracht in te leveren die jij uitdeelde."))
            continue
        if assignment and found != assignment:
            refused.append(Refused(candidate.name, f"dit is opdracht {found}, niet {assignment}.",
                                   f"Lees het bestand in zonder --opdracht, of vraag de cursist "
                                   f"om {assignment}."))
            continue
        if found not in released:
            refused.append(Refused(candidate.name, f"opdracht {found} is in deze cursus niet "
                                   "uitgedeeld.", f"Deel ze eerst uit: 'draaiboek cursus "
                                   f"uitdelen {found}', en lees dan opnieuw in."))
            continue
        matches = match_learner(candidate.parts, learners)
        if len(matches) != 1:
            what = ("past bij geen enkele cursist" if not matches else
                    "past bij meer dan één cursist: " + ", ".join(m.id for m in matches))
            refused.append(Refused(candidate.name, f"de naam van dit bestand {what}.",
                                   "Zet de id van de cursist in de bestandsnaam (bijvoorbeeld "
                                   f"{learners[0].id}-{found}.ipynb), of voeg de cursist toe "
                                   "met 'draaiboek cursus cursisten'."))
            continue
        key = (matches[0].id, found)
        notes = repair(notebook, json.loads(course.released(found).read_text(encoding="utf-8")))
        if key in chosen:
            other = chosen[key][0]
            newer, old = (candidate, other) if candidate.moment >= other.moment else \
                (other, candidate)
            older.append((old.name, *key))
            if newer is other:
                continue
        chosen[key] = (candidate, notebook, notes)
    received = []
    for (learner, found), (candidate, notebook, notes) in sorted(chosen.items()):
        notes += [f"ouder bestand {name} niet gebruikt" for name, lr, a in older
                  if (lr, a) == (learner, found)]
        if _store(course, learner, found, notebook, candidate.moment):
            notes.append("vervangt een eerdere inzending")
        received.append(Received(candidate.name, learner, found, check_notebook(notebook),
                                 notes))
    return received, refused


def _store(course: Course, learner: str, assignment: str, notebook: dict,
           moment: datetime) -> bool:
    """Write the submission atomically; returns whether it replaced an earlier one."""
    target = course.submitted(learner, assignment)
    replaced = target.is_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    for path, text in ((target, json.dumps(notebook, ensure_ascii=False, indent=1)),
                       (target.parent / "timestamp.txt",
                        moment.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))):
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    return replaced
