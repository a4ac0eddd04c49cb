"""Read in submissions as they arrive: a folder, a zip or mails (`.eml`), by mail or downloaded
from an LMS (Moodle, Canvas, Smartschool). Each file is matched to a learner — by the LMS's
own name for it (Canvas user id and sortable name, Moodle's full name and participant id),
else by the learner's id, e-mail or name in the file's name, folders or the mail's sender —
and to an assignment by the notebook's own metadata. What cannot be used is reported with the
file, the name found in it, and what to do; everything else is still read in.

Of several versions of one learner's assignment the newest is kept, also across read-ins: a
version is dated by the first of: the time the LMS recorded (Moodle's and Canvas's download
zips, nbgrader's `timestamp.txt`), the mail's date, the zip entry's time, the file's time.
Grades already given stay in the gradebook. A notebook that needs no repair is kept
byte for byte as it came. A submission after the assignment's deadline (nbgrader's due date,
`uitdelen --deadline`) is read in and told as late.

Submissions from a course on JupyterHub (`hub.py`) come in as candidates of their own: the hub
user name decides the learner, exactly, and nbgrader's `timestamp.txt` and
`submission_secret.txt` are kept with the notebook (nbgrader finds feedback by the secret)."""

from __future__ import annotations

import email
import email.policy
import email.utils
import io
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

import yaml

from ..exercises.answers import answer_id
from ..exercises.formative import QuestionCheck, check_notebook
from .coursedir import Course, CourseError
from .learners import Learner, course_learners

SKIP = re.compile(r"(^|/)(__MACOSX|\.ipynb_checkpoints)(/|$)|(^|/)\.|(^|/)timestamp\.txt$")
# Moodle 4.1+ download: "<full name>_<participant id>_assignsubmission_<plugin>[_<file>]"
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)(?:_|$)")
# Canvas download: "<sortable name>[_LATE]_<user id>_<attachment id>_<original name>"
CANVAS = re.compile(r"^(?P<name>[^\W_]+)(?P<late>_late)?_(?P<uid>\d+)_(?P<att>\d+)_(?P<rest>.+)$",
                    re.IGNORECASE)
LMS_FILE = "lms.yml"

# How a version was dated, best first.
LMS_TIME, MAIL_DATE, ZIP_TIME, FILE_TIME = ("tijd in de leeromgeving", "maildatum",
                                            "tijd in de zip", "bestandstijd")
HUB_TIME = "inlevertijd in Jupyter"


@dataclass
class Received:
    file: str
    learner: str
    assignment: str
    checks: list[QuestionCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    name: str = ""  # the learner's name

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
class NotUsed:
    """An older version of a submission that is kept: which file, and why."""
    file: str
    learner: str
    assignment: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass
class ReadIn:
    received: list[Received] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    older: list[NotUsed] = field(default_factory=list)

    def __iter__(self):  # `received, refused = read_in(...)`
        return iter((self.received, self.refused))


@dataclass
class _Candidate:
    name: str          # as shown to the trainer
    parts: tuple[str, ...]
    data: bytes
    moment: datetime
    dated_by: str
    sender: str = ""   # a mail's From: name and address
    lms: dict = field(default_factory=dict)  # what an LMS download name says
    refused: Refused | None = None  # this entry could not be read; the others still are
    keep: dict[str, bytes] = field(default_factory=dict)  # files stored with it, as they are
    repaired: bool = True  # False: the notebook is stored byte for byte as it came


# A notebook with answers is well under a megabyte; a bigger file is refused unread. A zip
# is read into memory once, so it has a ceiling of its own.
MAX_NOTEBOOK = 20 * 1024 * 1024
MAX_ZIP = 400 * 1024 * 1024
_TOO_BIG = ("Vraag de cursist om alleen het .ipynb-bestand van de opdracht te sturen, zonder "
            "grote afbeeldingen of video's erin.")


def _refused(name: str, parts: tuple[str, ...], moment: datetime, why: str, fix: str
             ) -> _Candidate:
    return _Candidate(name, parts, b"", moment, FILE_TIME, refused=Refused(name, why, fix))


def _outside(filename: str) -> bool:
    """A zip entry whose name points outside the zip (../ or an absolute path)."""
    return ".." in PurePosixPath(filename.replace("\\", "/")).parts \
        or filename.startswith(("/", "\\"))


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                parts: tuple[str, ...], moment: datetime) -> bytes | _Candidate:
    """One zip entry, read streaming with its declared and its real size bounded: a small
    zip that unpacks to gigabytes is refused after reading at most MAX_NOTEBOOK bytes. A
    damaged entry costs that entry only."""
    if info.file_size > MAX_NOTEBOOK:
        return _refused(name, parts, moment, f"dit bestand in de zip is te groot "
                        f"({info.file_size // 1024 ** 2} MB uitgepakt).", _TOO_BIG)
    try:
        with archive.open(info) as entry:
            data = entry.read(MAX_NOTEBOOK + 1)
    except RuntimeError:  # encrypted
        return _refused(name, parts, moment, "dit bestand in de zip is met een wachtwoord "
                        "beveiligd.", "Vraag een zip zonder wachtwoord.")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            zlib.error):
        return _refused(name, parts, moment, "dit bestand in de zip is beschadigd; de andere "
                        "bestanden zijn wel gelezen.", "Vraag de cursist dit bestand opnieuw "
                        "te sturen.")
    if len(data) > MAX_NOTEBOOK:
        return _refused(name, parts, moment, "dit bestand in de zip is groter dan de zip "
                        "zegt, en te groot.", _TOO_BIG)
    return data


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def _squash(text: str) -> str:
    return _normal(text).replace(" ", "")


def when(moment: datetime) -> str:
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


def _lms_info(parts: tuple[str, ...]) -> dict:
    for part in parts:
        found = MOODLE.match(part)
        if found:
            return {"lms": "moodle", "naam": found["name"].replace("_", " "),
                    "deelnemer": found["pid"], "soort": found["plugin"],
                    # the folder Moodle's download makes (and its feedback upload reads)
                    "map": f"{found['name']}_{found['pid']}_assignsubmission_file"}
    found = CANVAS.match(parts[-1])
    if found:
        return {"lms": "canvas", "naam": found["name"], "gebruiker": found["uid"],
                "te_laat": bool(found["late"])}
    return {}


def _expand(name: str, parts: tuple[str, ...], data: bytes, moment: datetime, dated_by: str,
            sender: str = "", depth: int = 0) -> Iterator[_Candidate]:
    """One file, or what is inside it when it is a zip or a mail."""
    lower = parts[-1].lower()
    if depth < 3 and lower.endswith(".zip") and zipfile.is_zipfile(io.BytesIO(data)):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            yield _refused(name, parts, moment, "dit is een beschadigd zip-bestand; er is niets "
                           "uit gelezen.", "Vraag het bestand opnieuw, of pak het uit met je "
                           "computer en lees de map in.")
            return
        with archive:
            infos = [i for i in archive.infolist() if not i.is_dir() and (
                _outside(i.filename) or not SKIP.search(i.filename))]
            stamps = {str(PurePosixPath(i.filename).parent): i for i in archive.infolist()
                      if PurePosixPath(i.filename).name == "timestamp.txt"}
            for info in infos:
                inner = PurePosixPath(info.filename.replace("\\", "/"))
                try:
                    entry_time = datetime(*info.date_time).astimezone(timezone.utc)
                except (ValueError, OverflowError):
                    entry_time = moment
                inner_parts = inner.parts
                entry_name = f"{name}:{info.filename}"
                if _outside(info.filename):
                    yield _refused(entry_name, inner_parts or (info.filename,), entry_time,
                                   "de naam van dit bestand in de zip wijst naar een map "
                                   "buiten de zip (../ of /); het is niet gelezen.",
                                   "Vraag een zip waarin de bestanden gewoon in de zip zelf "
                                   "staan.")
                    continue
                content = _read_entry(archive, info, entry_name, inner_parts, entry_time)
                if isinstance(content, _Candidate):
                    yield content
                    continue
                stamp = stamps.get(str(inner.parent))
                lms = _lms_info(inner_parts)
                if stamp is not None:
                    stamp_data = _read_entry(archive, stamp, entry_name, inner_parts, entry_time)
                    moment_, dated = (isinstance(stamp_data, bytes) and _stamp_time(stamp_data)) \
                        or (entry_time, ZIP_TIME)
                elif lms:
                    moment_, dated = entry_time, LMS_TIME
                else:
                    moment_, dated = entry_time, ZIP_TIME
                yield from _expand(entry_name, inner_parts, content, moment_, dated, sender,
                                   depth + 1)
        return
    if depth < 3 and lower.endswith(".eml"):
        yield from _mail(name, data, moment, dated_by, depth)
        return
    yield _Candidate(name, parts, data, moment, dated_by, sender, _lms_info(parts))


def _mail(name: str, data: bytes, moment: datetime, dated_by: str, depth: int
          ) -> Iterator[_Candidate]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    try:
        sent = email.utils.parsedate_to_datetime(str(message["Date"]))
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=timezone.utc)
        moment, dated_by = sent.astimezone(timezone.utc), MAIL_DATE
    except (TypeError, ValueError, IndexError):
        pass
    sender_name, address = email.utils.parseaddr(str(message.get("From", "")))
    sender = f"{sender_name} {address}".strip()
    attachments = [part for part in message.iter_attachments() if part.get_filename()]
    if not attachments:
        yield _Candidate(name, (name,), b"", moment, dated_by, sender,
                         {"lms": "mail-zonder-bijlage"})
        return
    for part in attachments:
        filename = part.get_filename()
        content = part.get_payload(decode=True) or b""
        yield from _expand(f"{name}: {filename}", (filename,), content, moment, dated_by,
                           sender, depth + 1)


def _stamp_time(data: bytes) -> tuple[datetime, str] | None:
    text = data.decode("utf-8", "replace").strip()
    for pattern in ("%Y-%m-%d %H:%M:%S.%f %Z", "%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S.%f",
                    "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=timezone.utc), LMS_TIME
        except ValueError:
            continue
    return None


def _files(source: Path) -> Iterator[_Candidate]:
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if path.is_file() and not SKIP.search(relative):
                moment = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
                dated = FILE_TIME
                stamp = path.parent / "timestamp.txt"
                if stamp.is_file() and _stamp_time(stamp.read_bytes()):
                    moment, dated = _stamp_time(stamp.read_bytes())
                limit = MAX_ZIP if path.suffix.lower() == ".zip" else MAX_NOTEBOOK
                if path.stat().st_size > limit:
                    yield _refused(relative, PurePosixPath(relative).parts, moment,
                                   f"dit bestand is te groot ({path.stat().st_size // 1024 ** 2}"
                                   " MB).", _TOO_BIG)
                    continue
                yield from _expand(relative, PurePosixPath(relative).parts, path.read_bytes(),
                                   moment, dated)
    elif source.is_file():
        moment = datetime.fromtimestamp(source.stat().st_mtime, timezone.utc)
        if source.stat().st_size > MAX_ZIP:
            raise CourseError(f"{source.name} is te groot ({source.stat().st_size // 1024 ** 2} "
                              "MB) om in te lezen. Pak het uit met je computer en lees de map "
                              "in.")
        if zipfile.is_zipfile(source) and source.suffix.lower() != ".zip":
            yield from _expand(source.name, (source.name + ".zip",), source.read_bytes(),
                               moment, FILE_TIME)
        else:
            yield from _expand(source.name, (source.name,), source.read_bytes(), moment,
                               FILE_TIME)
    else:
        raise CourseError(f"{source} bestaat niet. Geef een map, een zip-bestand, een mail "
                          "(.eml) of een notebook.")


def _full_names(learner: Learner) -> list[str]:
    """The ways a learner's name is written: "José de Vries", "de Vries José", and Canvas's
    sortable form "Vries, José de"."""
    last = learner.achternaam.split()
    prefix = [w for w in last[:-1] if w.islower()]
    core = " ".join(last[len(prefix):])
    names = [f"{learner.voornaam} {learner.achternaam}", f"{learner.achternaam} {learner.voornaam}"]
    if prefix:
        names.append(f"{core} {learner.voornaam} {' '.join(prefix)}")
    return [n for n in names if n.strip()]


def match_learner(parts: tuple[str, ...], learners: list[Learner], lms: dict | None = None,
                  sender: str = "", known: dict | None = None) -> list[Learner]:
    """The learner a file belongs to. The LMS's own ids win; else whole words of the file's
    name, folders and sender are compared with each learner's id, e-mail and full name, and
    the most specific match wins ("Anouk Claes-Peeters" over "Anouk Claes"). More than one
    learner means: ask the trainer."""
    lms = lms or {}
    if lms.get("lms") == "hub":  # the hub's user name is the learner's id, exactly
        return [lr for lr in learners if lr.id.lower() == lms["gebruiker"].lower()]
    if lms.get("lms") == "canvas":
        found = [lr for lr in learners if lr.lms_id and lr.lms_id == lms["gebruiker"]]
        if found:
            return found
        squashed = _squash(lms["naam"])
        found = [lr for lr in learners if any(_squash(n) == squashed for n in _full_names(lr))]
        if found:
            return found
    if lms.get("lms") == "moodle":
        earlier = (known or {}).get(lms["deelnemer"])
        if earlier:
            found = [lr for lr in learners if lr.id == earlier]
            if found:
                return found
        parts = (lms["naam"],)
    text = _normal(" ".join([*parts, sender]))
    scored: list[tuple[tuple[int, int], Learner]] = []
    for learner in learners:
        best = (0, 0)
        if _normal(learner.id) in text:
            best = max(best, (3, len(learner.id)))
        if learner.email:
            if _normal(learner.email) in text:
                best = max(best, (2, len(_normal(learner.email).split())))
            local = _normal(learner.email.split("@")[0])
            if len(local.split()) > 1 or len(local.strip()) > 4:
                if local in text:  # "anouk.claes": as specific as the name it spells
                    best = max(best, (1, len(local.split())))
        for name in _full_names(learner):
            if _normal(name) in text:
                best = max(best, (1, len(_normal(name).split())))
        if best > (0, 0):
            scored.append((best, learner))
    if not scored:
        return []
    top = max(score for score, _ in scored)
    return [learner for score, learner in scored if score == top]


def _notebook(candidate: _Candidate) -> tuple[dict | None, Refused | None]:
    import nbformat

    name = candidate.name
    if candidate.refused:
        return None, candidate.refused
    kind = candidate.lms.get("lms")
    if kind == "mail-zonder-bijlage":
        return None, Refused(name, "in deze mail zit geen bijlage.", "Vraag de cursist de "
                             "notebook (.ipynb) als bijlage te sturen.")
    if kind == "moodle" and candidate.lms.get("soort") != "file":
        return None, Refused(name, "dit is tekst die de cursist in Moodle zelf typte, geen "
                             "notebook.", "Zet in de opdracht in Moodle 'Bestandsinzendingen' "
                             "aan en vraag de cursist de notebook (.ipynb) te uploaden.")
    if kind == "canvas" and candidate.parts[-1].lower().endswith(("_text.html", "_link.html")):
        return None, Refused(name, "dit is tekst of een link die de cursist in Canvas zelf "
                             "typte, geen notebook.", "Laat in de opdracht in Canvas 'Bestand "
                             "uploaden' toe en vraag de cursist de notebook (.ipynb) te "
                             "uploaden.")
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




def lms_ids(course: Course) -> dict:
    """What the read-ins learned about the LMS: Moodle's participant id and full name per
    assignment and learner (Moodle's feedback zip needs them), Canvas user ids."""
    path = course.root / LMS_FILE
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _remember(course: Course, learned: dict) -> None:
    if not learned:
        return
    data = lms_ids(course)
    for (kind, assignment, learner), value in learned.items():
        data.setdefault(kind, {}).setdefault(assignment, {})[learner] = value
    path = course.root / LMS_FILE
    path.write_text("# Wat het inlezen leerde over de leeromgeving (voor de feedback-zip).\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=True),
                    encoding="utf-8")


def _existing(course: Course, learner: str, assignment: str) -> tuple[datetime, str] | None:
    path = course.submitted(learner, assignment).parent / "herkomst.json"
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        return datetime.fromisoformat(data["tijd"]), data["bestand"]
    stamp = path.parent / "timestamp.txt"
    if stamp.is_file():
        found = _stamp_time(stamp.read_bytes())
        if found:
            return found[0], "de inzending die er al was"
    return None


def read_in(course: Course, source: Path | None, assignment: str | None = None,
            candidates: Iterator[_Candidate] | None = None) -> ReadIn:
    """Read in what is in `source` (a folder, zip, mail or notebook), or the given
    `candidates` (submissions collected from JupyterHub)."""
    released = set(course.assignments())
    learners = course_learners(course)
    if not learners:
        raise CourseError("Deze cursus heeft nog geen cursisten. Doe eerst 'draaiboek cursus "
                          "cursisten <bestand.csv>'.")
    by_id = {lr.id: lr for lr in learners}
    known_pids = {assignment_: {str(value.get("deelnemer")): value.get("id")
                                for value in ids.values()}
                  for assignment_, ids in lms_ids(course).get("moodle", {}).items()}
    chosen: dict[tuple[str, str], tuple[_Candidate, dict, list[str]]] = {}
    result = ReadIn()
    learned: dict = {}
    for candidate in (_files(source) if candidates is None else candidates):
        notebook, problem = _notebook(candidate)
        if problem:
            result.refused.append(problem)
            continue
        found = notebook.get("metadata", {}).get("draaiboek", {}).get("oefening")
        if not found:
            result.refused.append(Refused(candidate.name, "deze notebook is geen "
                                          "Draaiboek-opdracht.", "Vraag de cursist de "
                                          "opdracht in te leveren die jij uitdeelde."))
            continue
        expected = assignment or candidate.lms.get("opdracht")
        if expected and found != expected:
            result.refused.append(Refused(
                candidate.name, f"dit is opdracht {found}, niet {expected}.",
                f"Vraag de cursist opdracht {expected} opnieuw op te halen in Jupyter en in "
                "te leveren." if candidate.lms.get("lms") == "hub" else
                f"Lees het bestand in zonder --opdracht, of vraag de cursist om {expected}."))
            continue
        if found not in released:
            result.refused.append(Refused(
                candidate.name, f"opdracht {found} is in deze cursus niet uitgedeeld.",
                f"Deel ze eerst uit: 'draaiboek cursus uitdelen {found}', en lees dan opnieuw "
                "in."))
            continue
        matches = match_learner(candidate.parts, learners, candidate.lms, candidate.sender,
                                known_pids.get(found, {}))
        if not matches and candidate.lms.get("lms") == "hub":
            user = candidate.lms["gebruiker"]
            result.refused.append(Refused(
                candidate.name, f"de JupyterHub-gebruiker '{user}' staat niet in de lijst met "
                "cursisten.", f"Zet '{user}' als id in je lijst met cursisten, doe 'draaiboek "
                "cursus cursisten <lijst>' en haal dan opnieuw op."))
            continue
        if len(matches) != 1:
            seen = candidate.lms.get("naam") or candidate.sender or candidate.parts[-1]
            what = (f"past bij geen enkele cursist (naam in het bestand: {seen})"
                    if not matches else "past bij meer dan één cursist: "
                    + ", ".join(f"{m.id} ({m.naam})" for m in matches))
            result.refused.append(Refused(
                candidate.name, f"dit bestand {what}.",
                "Zet de id van de cursist in de bestandsnaam (bijvoorbeeld "
                f"{(matches or learners)[0].id}-{found.split('-')[0]}.ipynb) en lees het "
                "opnieuw in, of voeg de cursist toe met 'draaiboek cursus cursisten'."))
            continue
        learner = matches[0]
        key = (learner.id, found)
        if candidate.lms.get("lms") == "moodle":
            learned[("moodle", found, learner.id)] = {
                "id": learner.id, "naam": candidate.lms["naam"],
                "deelnemer": int(candidate.lms["deelnemer"]), "map": candidate.lms["map"]}
        elif candidate.lms.get("lms") == "canvas":
            learned[("canvas", found, learner.id)] = {"id": learner.id,
                                                       "gebruiker": candidate.lms["gebruiker"]}
        notes = repair(notebook, json.loads(course.released(found).read_text(encoding="utf-8")))
        candidate.repaired = bool(notes)
        if key in chosen:
            other = chosen[key][0]
            newer, old = ((candidate, other) if candidate.moment >= other.moment
                          else (other, candidate))
            result.older.append(NotUsed(
                old.name, learner.id, found, f"ouder ({old.dated_by} {when(old.moment)}) dan "
                f"{newer.name} ({newer.dated_by} {when(newer.moment)}); die is gebruikt."))
            if newer is other:
                continue
        chosen[key] = (candidate, notebook, notes)
    deadlines: dict[str, datetime | None] = {}
    for (learner, found), (candidate, notebook, notes) in sorted(chosen.items()):
        existing = _existing(course, learner, found)
        if existing and existing[0] > candidate.moment:
            result.older.append(NotUsed(
                candidate.name, learner, found, f"ouder ({candidate.dated_by} "
                f"{when(candidate.moment)}) dan wat er al is ingelezen: {existing[1]} "
                f"({when(existing[0])}); dat blijft."))
            continue
        if any((item.learner, item.assignment) == (learner, found) for item in result.older):
            notes.append(f"nieuwste versie gebruikt ({candidate.dated_by} "
                         f"{when(candidate.moment)})")
        if existing and existing[0] == candidate.moment:
            notes.append("dezelfde versie als eerder ingelezen")
        elif existing:
            notes.append(f"vervangt een oudere inzending ({existing[1]}, {when(existing[0])})")
        if found not in deadlines:
            from .release import deadline

            deadlines[found] = deadline(course, found)
        due = deadlines[found]
        if due and candidate.moment > due:
            notes.append(f"te laat: ingeleverd {when(candidate.moment)} ({candidate.dated_by}), "
                         f"deadline {when(due)}")
        _store(course, learner, found, notebook, candidate)
        result.received.append(Received(candidate.name, learner, found,
                                        check_notebook(notebook), notes,
                                        by_id[learner].naam))
    _remember(course, learned)
    return result


# Files of an earlier version that must not outlive it: nbgrader would release feedback for
# the earlier submission's secret.
_VERSION_FILES = ("submission_secret.txt",)


def _store(course: Course, learner: str, assignment: str, notebook: dict,
           candidate: _Candidate) -> None:
    """Write the submission atomically, with its time and where it came from. A notebook that
    needed no repair is written as it came, byte for byte; files the candidate keeps (nbgrader's
    timestamp.txt and submission_secret.txt) too."""
    target = course.submitted(learner, assignment)
    target.parent.mkdir(parents=True, exist_ok=True)
    origin = {"bestand": candidate.name, "tijd": candidate.moment.isoformat(),
              "gedateerd": candidate.dated_by}
    as_it_came = candidate.data and not candidate.repaired
    files = {target.name: candidate.data if as_it_came else
             json.dumps(notebook, ensure_ascii=False, indent=1).encode("utf-8"),
             "timestamp.txt": candidate.moment.strftime("%Y-%m-%d %H:%M:%S.%f UTC").encode(),
             **candidate.keep,
             "herkomst.json": json.dumps(origin, ensure_ascii=False).encode("utf-8")}
    for name in _VERSION_FILES:
        if name not in files and (target.parent / name).exists():
            (target.parent / name).unlink()
    for name, data in files.items():
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target.parent / name)
