"""A course on JupyterHub: assignments, submissions and feedback travel through nbgrader's
exchange folder on the hub server instead of by zip and mail.

    <uitwisseling>/                              writable for everyone (mode 0777), made by the
                                                 administrator (or by us when we may)
    <uitwisseling>/<cursus_id>/outbound/<opdracht>/   released: learners fetch it in JupyterLab
    <uitwisseling>/<cursus_id>/inbound/<cursist>+<opdracht>+<tijd>+<willekeurig>/
                                                 submitted: the notebook, timestamp.txt and
                                                 submission_secret.txt
    <uitwisseling>/<cursus_id>/feedback/<md5(secret + notebook)>.html   fetched as feedback

Releasing and releasing feedback go through nbgrader's own exchange classes, so the folders get
nbgrader's documented modes and learners' nbgrader finds what we put there. Collecting does not
use nbgrader's collect: each submission goes through the course's one read-in (`intake.py`), so
learner matching, repair, newest-wins and its messages are the same as for a zip.

The learners' side needs one settings file, `learner_config_text`, installed by the
administrator in the learner environment (e.g. `/etc/jupyter/nbgrader_config.py`)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .coursedir import Course, CourseError, Hub

DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"
LEARNER_CONFIG = Path("voor-de-hub") / "nbgrader_config.py"
# nbgrader forbids '+' and '*' in ids; a course id is also a folder name in the exchange.
COURSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SUBMISSION = re.compile(r"^(?P<user>[^+]+)\+(?P<assignment>[^+]+)\+(?P<time>[^+]+)(\+[^+]*)?$")
SECRET = "submission_secret.txt"
STAMP = "timestamp.txt"


def learner_config_text(exchange_root: str, course_id: str) -> str:
    """The learners' `nbgrader_config.py`: the exchange, the course, and the learner's id from
    the hub. nbgrader's own user name lookup takes the operating system's user unless it is
    `jovyan`; on a hub where all learners share one system user only JUPYTERHUB_USER tells
    them apart, and where each has their own system user both agree."""
    return "\n".join([
        "# nbgrader settings for the learners of a Draaiboek course on JupyterHub.",
        "# Made by 'draaiboek cursus maak --hub'. Install it in the learners' environment,",
        "# e.g. as /etc/jupyter/nbgrader_config.py (see deploy/README.md).",
        "import os",
        "c = get_config()  # noqa: F821",
        f"c.Exchange.root = {exchange_root!r}",
        f"c.CourseDirectory.course_id = {course_id!r}",
        "c.CourseDirectory.student_id = os.environ.get('JUPYTERHUB_USER', '*')",
    ]) + "\n"


def write_learner_config(folder: Path, hub: Hub) -> Path:
    path = folder / LEARNER_CONFIG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(learner_config_text(hub.uitwisseling, hub.cursus_id), encoding="utf-8")
    return path


def make_hub(folder: Path, exchange: str | None, course_id: str | None) -> Hub:
    """The hub settings for a new course from what the trainer typed (or the defaults)."""
    course_id = course_id or folder.resolve().name
    if not COURSE_ID.match(course_id):
        raise CourseError(f"De cursus-id '{course_id}' kan niet: nbgrader staat alleen letters, "
                          "cijfers, '-', '_' en '.' toe, en geen '+' of '*'. Kies er een met "
                          "--cursus-id, bijvoorbeeld 'genk-voorjaar'.")
    exchange = exchange or DEFAULT_EXCHANGE
    if not os.path.isabs(exchange):
        raise CourseError(f"De uitwisselingsmap '{exchange}' moet een volledig pad zijn (dat "
                          f"begint met /), bijvoorbeeld {DEFAULT_EXCHANGE}: de cursisten op de "
                          "hub zoeken ze op precies die plek.")
    return Hub(os.path.normpath(exchange), course_id)


def hub_name_problem(learner_id: str) -> str | None:
    """Why an id cannot be a JupyterHub user name, or None. JupyterHub writes every user name
    in lower case (its Authenticator.normalize_username): an id with capitals would never
    match the name a learner's work arrives under."""
    if learner_id != learner_id.lower():
        return (f"de id '{learner_id}' heeft hoofdletters. JupyterHub schrijft elke "
                f"gebruikersnaam in kleine letters, dus het werk van deze cursist komt binnen "
                f"als '{learner_id.lower()}'.")
    return None


# --- the exchange ---------------------------------------------------------------------------

def _fix(folder: str) -> str:
    return (f"Vraag de beheerder van de server om de map te maken en voor iedereen schrijfbaar "
            f"te maken: 'sudo mkdir -p {folder} && sudo chmod 777 {folder}'. Doe daarna "
            "hetzelfde commando opnieuw.")


def _unwritable(folder: str) -> CourseError:
    return CourseError(f"In de uitwisselingsmap {folder} van JupyterHub kun je niet schrijven; "
                       f"daar halen de cursisten hun opdrachten. {_fix(folder)}")


def check_exchange(hub: Hub) -> None:
    """The exchange folder exists (we make it when we may, mode 0777 as nbgrader's docs say)
    and this user can write in it; else one message with the fix."""
    root = hub.uitwisseling
    if not os.path.isdir(root):
        try:
            os.makedirs(root)
            os.chmod(root, 0o777)
        except OSError:
            raise _unwritable(root) from None
    if not os.access(root, os.W_OK | os.X_OK):
        raise _unwritable(root)
    course = os.path.join(root, hub.cursus_id)
    if os.path.isdir(course) and not os.access(course, os.W_OK | os.X_OK):
        raise CourseError(f"De map {course} in de uitwisseling is van een andere gebruiker: "
                          f"misschien gebruikt een andere cursus de id '{hub.cursus_id}' al. "
                          "Maak je cursus opnieuw met een andere --cursus-id, of vraag de "
                          f"beheerder de map aan jou te geven: 'sudo chown -R {_user()} {course}'.")


def _user() -> str:
    import getpass

    return getpass.getuser()


def _exchange(kind, course: Course, **settings):
    """One of nbgrader's exchange classes, configured for this course."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    config = course.nbgrader_config()
    for key, value in settings.items():
        section, name = key.split(".")
        setattr(config[section], name, value)
    coursedir = CourseDirectory(config=config)
    # nbgrader logs in English, and as an error before it fails: our own message says it.
    log = logging.getLogger("draaiboek.hub.nbgrader")
    log.propagate = False
    log.handlers = [logging.NullHandler()]
    return kind(coursedir=coursedir, authenticator=Authenticator(config=config), config=config,
                log=log)


def _run(exchange, what: str) -> None:
    from nbgrader.exchange import ExchangeError

    try:
        exchange.start()
    except ExchangeError as exc:
        text = str(exc)
        if "own the directory" in text:
            folder = text.rsplit(": ", 1)[-1].strip()
            raise CourseError(f"{what} lukte niet: de map {folder} in de uitwisseling is van "
                              "een andere gebruiker (nbgrader schrijft alleen in mappen van "
                              "wie uitdeelt). Vraag de beheerder: 'sudo chown -R "
                              f"{_user()} {folder}', of maak je cursus opnieuw met een andere "
                              "--cursus-id.") from None
        if "permission" in text.lower():
            raise CourseError(f"{what} lukte niet: de uitwisselingsmap {exchange.root} is niet "
                              f"van jou en niet voor iedereen schrijfbaar. "
                              f"{_fix(exchange.root)}") from None
        raise CourseError(f"{what} lukte niet; nbgrader meldt: {text}") from None
    except PermissionError as exc:
        raise CourseError(f"{what} lukte niet: in {exc.filename or exchange.root} kun je niet "
                          f"schrijven. {_fix(exc.filename or exchange.root)}") from None


def publish(course: Course, assignment: str) -> Path:
    """Put the learner version of one assignment in the exchange, replacing an earlier one.
    Submissions already made stay in `inbound/`: releasing never touches them."""
    from nbgrader.exchange.default import ExchangeReleaseAssignment

    hub = _need_hub(course)
    check_exchange(hub)
    exchange = _exchange(ExchangeReleaseAssignment, course,
                         **{"CourseDirectory.assignment_id": assignment,
                            "ExchangeReleaseAssignment.force": True})
    _run(exchange, f"De opdracht {assignment} in de uitwisseling zetten")
    return Path(hub.uitwisseling, hub.cursus_id, "outbound", assignment)


def _need_hub(course: Course) -> Hub:
    if course.hub is None:
        raise CourseError("Deze cursus is niet voor JupyterHub gemaakt (in cursus.yml staat "
                          "geen hub:). Lees het werk van de cursisten in met 'draaiboek cursus "
                          "inlezen', of maak een cursus met 'draaiboek cursus maak --hub'.")
    return course.hub


# --- collecting -----------------------------------------------------------------------------

@dataclass
class Submission:
    """One folder in `inbound/`: who submitted which assignment when."""
    folder: Path
    user: str
    assignment: str
    moment: datetime | None


def inbound(course: Course) -> Path:
    hub = _need_hub(course)
    return Path(hub.uitwisseling, hub.cursus_id, "inbound")


def submissions(course: Course, assignments: list[str] | None = None) -> list[Submission]:
    """The submissions in the exchange, oldest first, as nbgrader's submit names them:
    `<user>+<assignment>+<timestamp>[+<random>]`, the time also in timestamp.txt."""
    from nbgrader.utils import parse_utc

    folder = inbound(course)
    if not folder.is_dir():
        return []
    if not os.access(folder, os.R_OK | os.X_OK):
        raise CourseError(f"De map {folder} met de inzendingen kun je niet lezen. Vraag de "
                          f"beheerder: 'sudo chown -R {_user()} {folder}' (de map hoort van wie de "
                          "opdrachten uitdeelde).")
    found = []
    for path in sorted(folder.iterdir()):
        match = SUBMISSION.match(path.name)
        if not path.is_dir() or not match:
            continue
        if assignments and match["assignment"] not in assignments:
            continue
        moment = None
        for text in ((path / STAMP).read_text(encoding="utf-8", errors="replace").strip()
                     if (path / STAMP).is_file() else "", match["time"]):
            try:
                moment = parse_utc(text).replace(tzinfo=timezone.utc) if text else None
            except (ValueError, OverflowError, TypeError):
                moment = None
            if moment:
                break
        found.append(Submission(path, match["user"], match["assignment"], moment))
    return sorted(found, key=lambda s: (s.moment or datetime.min.replace(tzinfo=timezone.utc),
                                        s.folder.name))


def display_name(submission: Submission, moment: datetime, notebook: str,
                 nth: int | None = None) -> str:
    """How a submission is named to the trainer: who, which of their submissions (when a
    learner handed in more than once: two can fall in one second), when to the second, and
    the notebook."""
    which = f", {nth}e inzending" if nth else ""
    shown = f"{submission.user} in Jupyter{which}, {moment.astimezone():%d-%m-%Y %H.%M.%S}"
    return f"{shown}: {notebook}" if notebook else shown


def _ordinals(found: list[Submission]) -> dict[Path, int]:
    """1, 2, ... for the submissions of a learner who handed in one assignment more than
    once, in the order nbgrader's times give."""
    groups: dict[tuple[str, str], list[Submission]] = {}
    for submission in found:
        groups.setdefault((submission.user, submission.assignment), []).append(submission)
    ordinals = {}
    for group in groups.values():
        if len(group) > 1:
            ordered = sorted(group, key=lambda s: (s.moment or datetime.min.replace(
                tzinfo=timezone.utc), s.folder.name))
            ordinals.update({s.folder: index for index, s in enumerate(ordered, 1)})
    return ordinals


def _candidates(course: Course, found: list[Submission], skipped: list[Submission]):
    """Each submission as the read-in's input: the assignment's notebook (or, when a learner
    renamed it, every notebook in the folder), dated by nbgrader's timestamp, with its
    timestamp.txt and submission_secret.txt kept as they are. A submission read in before
    (or older than the one read in) is left out and counted in `skipped`."""
    import json

    from .intake import HUB_TIME, MAX_NOTEBOOK, _Candidate, _refused

    ordinals = _ordinals(found)
    for submission in found:
        folder = submission.folder
        nth = ordinals.get(folder)
        origin = course.submitted(submission.user, submission.assignment).parent / "herkomst.json"
        if origin.is_file():
            try:
                earlier = json.loads(origin.read_text(encoding="utf-8"))
                stored = datetime.fromisoformat(earlier["tijd"])
            except (ValueError, KeyError, TypeError):
                earlier, stored = {}, None
            if earlier.get("gedateerd") == HUB_TIME and stored and submission.moment \
                    and submission.moment <= stored:
                skipped.append(submission)  # read in before, or older than what was
                continue
        moment = submission.moment or datetime.fromtimestamp(folder.stat().st_mtime, timezone.utc)
        lms = {"lms": "hub", "gebruiker": submission.user, "opdracht": submission.assignment}

        def refused(name: str, parts: tuple[str, ...], why: str, fix: str) -> _Candidate:
            candidate = _refused(name, parts, moment, why, fix)
            candidate.lms = dict(lms)
            return candidate

        try:
            keep = {name: (folder / name).read_bytes() for name in (STAMP, SECRET)
                    if (folder / name).is_file()}
            own = folder / f"{submission.assignment}.ipynb"
            notebooks = [own] if own.is_file() else sorted(
                p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        except OSError:
            yield refused(display_name(submission, moment, "", nth), (folder.name,),
                          f"deze inzending kun je niet lezen ({folder}).",
                          f"Vraag de beheerder: 'sudo chmod -R a+rX {folder}'.")
            continue
        if not notebooks:
            yield refused(display_name(submission, moment, "", nth), (folder.name,),
                          "in deze inzending staat geen notebook.", "Vraag de cursist de "
                          "opdracht opnieuw op te halen in Jupyter, in te vullen en in te "
                          "leveren.")
            continue
        for path in notebooks:
            relative = path.relative_to(folder).as_posix()
            name = display_name(submission, moment, relative, nth)
            parts = (folder.name, *path.relative_to(folder).parts)
            try:
                size = path.stat().st_size
                data = path.read_bytes() if size <= MAX_NOTEBOOK else b""
            except OSError:
                yield refused(name, parts, f"deze notebook kun je niet lezen ({path}).",
                              f"Vraag de beheerder: 'sudo chmod -R a+rX {folder}'.")
                continue
            if size > MAX_NOTEBOOK:
                yield refused(name, parts, f"deze notebook is te groot ({size // 1024 ** 2} "
                              "MB).", "Vraag de cursist grote afbeeldingen of video's uit de "
                              "notebook te halen en opnieuw in te leveren.")
                continue
            yield _Candidate(name, parts, data, moment, HUB_TIME, lms=dict(lms),
                             keep=dict(keep))


@dataclass
class Collected:
    result: object  # intake.ReadIn
    found: int  # submissions in the exchange for the chosen assignments
    skipped: list[Submission]  # read in by an earlier 'ophalen'


def collect(course: Course, assignments: list[str] | None = None) -> Collected:
    """Read in what learners submitted through the hub: every submission goes through the
    course's read-in, so matching, repair, newest-wins and lateness are told as for a zip."""
    from .intake import ReadIn, read_in

    _need_hub(course)
    folder = inbound(course)
    if not folder.is_dir():
        raise CourseError(f"In de uitwisseling is nog niets uitgedeeld voor deze cursus ({folder} "
                          "bestaat niet). Deel eerst uit: 'draaiboek cursus uitdelen h01'.")
    found = submissions(course, assignments)
    skipped: list[Submission] = []
    candidates = list(_candidates(course, found, skipped))
    result = read_in(course, None, candidates=iter(candidates)) if candidates else ReadIn()
    return Collected(result, len(found), skipped)


# --- feedback -------------------------------------------------------------------------------

def release_feedback(course: Course, assignment: str, pages: list[Path]) -> list[str]:
    """Put each learner's feedback page in the exchange under the name nbgrader's
    fetch_feedback looks for: the md5 of the submission's secret and the notebook's name.
    nbgrader's own release_feedback computes it, from a staging copy of our pages in
    nbgrader's layout. Returns the learners whose feedback went out; a learner whose work did
    not come through the hub (no submission_secret.txt) gets the page another way."""
    from nbgrader.exchange.default import ExchangeReleaseFeedback

    hub = _need_hub(course)
    check_exchange(hub)
    staging = Path(tempfile.mkdtemp(prefix=".hub-feedback-", dir=course.root))
    released = []
    try:
        for page in pages:
            learner = page.parent.name
            submitted = course.submitted(learner, assignment).parent
            if not (submitted / SECRET).is_file() or not (submitted / STAMP).is_file():
                continue
            target = staging / learner / assignment
            target.mkdir(parents=True)
            shutil.copyfile(page, target / f"{assignment}.html")
            for name in (SECRET, STAMP):
                shutil.copyfile(submitted / name, target / name)
            released.append(learner)
        if released:
            exchange = _exchange(ExchangeReleaseFeedback, course,
                                 **{"CourseDirectory.assignment_id": assignment,
                                    "CourseDirectory.feedback_directory": staging.name})
            _run(exchange, f"De feedback voor {assignment} in de uitwisseling zetten")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return released
