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


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def _files(source: Path) -> Iterator[_Candidate]:
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if path.is_file() and not SKIP.search(relative):
                moment = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
                yield _Candidate(relative, PurePosixPath(relative).parts, path.read_bytes(),
                                 moment)
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                if info.is_dir() or SKIP.search(info.filename):
                    continue
                moment = datetime(*info.date_time).astimezone(timezone.utc)
                yield _Candidate(f"{source.name}:{info.filename}",
                                 PurePosixPath(info.filename).parts, archive.read(info), moment)
    elif source.exists():
        yield _Candidate(source.name, (source.name,), source.read_bytes(),
                         datetime.fromtimestamp(source.stat().st_mtime, timezone.utc))
    else:
        raise CourseError(f"{source} bestaat niet. Geef een map, een zip-bestand of een "
                          "notebook.")


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
    try:
        with warnings.catch_warnings():  # nbformat warns while it repairs duplicate cell ids
            warnings.simplefilter("ignore")
            nbformat.validate(nbformat.from_dict(data))
    except Exception:  # noqa: BLE001 - nbformat raises several kinds for a broken notebook
        return None, Refused(name, "dit bestand lijkt op een notebook, maar de inhoud klopt "
                             "niet.", "Vraag de cursist de notebook opnieuw op te slaan en "
                             "opnieuw te sturen.")
    return data, None


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
