"""A course on JupyterHub without a hub: the trainer's commands against a tmp exchange folder,
learners simulated with nbgrader's own exchange classes (fetch, submit, fetch feedback),
configured from the learner config file `cursus maak --hub` writes. The live hub is
tests/test_hub.py's."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest.mock
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime, timezone
from pathlib import Path

import pytest

from draaiboek.course.coursedir import nbgrader_config_text, open_course
from draaiboek.course.hub import learner_config_text
from draaiboek.course.learners import course_learners
from draaiboek.course.sandbox import bwrap_available
from draaiboek.course.scores import assignment_scores

sys.path.insert(0, str(Path(__file__).parent))
from test_course import KEYS, LEARNERS, WRONG, filled  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
AID = "h01-thuiscompagnie-in-een-notendop"
OTHER = "h02-visie-op-maatschappelijke-kwetsbaarheid"
HUB_LEARNERS = LEARNERS  # c01..c04: lower-case ids, possible hub user names


def cli(*args: str) -> tuple[int, str]:
    """`draaiboek ...` in-process, as `main()` runs it (Dutch messages, exit codes); returns
    the exit code and the output with its whitespace folded (wide enough for whole rows)."""
    from draaiboek import cli as entry
    from draaiboek.course import commands

    out, err = io.StringIO(), io.StringIO()
    for console in (commands.console, commands.err, entry.console, entry.err):
        console.width = 400
    code = 0
    with redirect_stdout(out), redirect_stderr(err), \
            unittest.mock.patch.object(sys, "argv", ["draaiboek", *args]):
        try:
            entry.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, " ".join((out.getvalue() + err.getvalue()).split())


def learner(kind, course_folder: Path, user: str, home: Path, assignment: str):
    """One of nbgrader's exchange classes as a learner's JupyterLab runs it: the settings
    file the trainer gives the administrator, JUPYTERHUB_USER set by the hub."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    old = os.environ.get("JUPYTERHUB_USER")
    os.environ["JUPYTERHUB_USER"] = user
    try:
        config = PyFileConfigLoader("nbgrader_config.py",
                                    path=str(course_folder / "voor-de-hub")).load_config()
    finally:
        if old is None:
            os.environ.pop("JUPYTERHUB_USER")
        else:
            os.environ["JUPYTERHUB_USER"] = old
    home.mkdir(parents=True, exist_ok=True)
    config.Exchange.cache = str(home / ".cache")
    config.Exchange.assignment_dir = str(home)
    config.CourseDirectory.root = str(home)
    config.CourseDirectory.assignment_id = assignment
    return kind(coursedir=CourseDirectory(config=config),
                authenticator=Authenticator(config=config), config=config)


def fetch(course_folder: Path, user: str, homes: Path, assignment: str = AID) -> Path:
    from nbgrader.exchange.default import ExchangeFetchAssignment

    home = homes / user
    learner(ExchangeFetchAssignment, course_folder, user, home, assignment).start()
    return home / assignment / f"{assignment}.ipynb"


def submit(course_folder: Path, user: str, homes: Path, assignment: str = AID) -> None:
    from nbgrader.exchange.default import ExchangeSubmit

    learner(ExchangeSubmit, course_folder, user, homes / user, assignment).start()


def answer(path: Path, letters: dict[str, str]) -> None:
    released = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(filled(released, letters), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


def shown(folder: Path, nth: int | None = None) -> str:
    """How the trainer sees a submission folder named: user (with which of their
    submissions, when there are several) and time from nbgrader's timestamp.txt."""
    from draaiboek.course.hub import Submission, display_name

    moment = datetime.strptime((folder / "timestamp.txt").read_text(encoding="utf-8"),
                               "%Y-%m-%d %H:%M:%S.%f UTC").replace(tzinfo=timezone.utc)
    user, assignment = folder.name.split("+")[:2]
    return display_name(Submission(folder, user, assignment, moment), moment, "", nth)


def inbound_folders(exchange: Path, course_id: str, user: str) -> list[Path]:
    return sorted((exchange / course_id / "inbound").glob(f"{user}+{AID}+*"))


@pytest.fixture(scope="module")
def hub_course(tmp_path_factory):
    """maak --hub → cursisten → uitdelen, as the trainer types it."""
    base = tmp_path_factory.mktemp("hub")
    exchange = base / "exchange"
    (base / "cursisten.csv").write_text(HUB_LEARNERS, encoding="utf-8")
    code, out = cli("cursus", "maak", str(base / "groep"), "--regio", "nederland", "--groep",
                    "Hubgroep", "--hub", "--uitwisseling", str(exchange), "--cursus-id",
                    "hubgroep")
    assert code == 0, out
    code, out = cli("cursus", "--cursus", str(base / "groep"), "cursisten",
                    str(base / "cursisten.csv"))
    assert code == 0, out
    code, out = cli("cursus", "--cursus", str(base / "groep"), "uitdelen", "h01",
                    "--deadline", "31-12-2099 23:59")
    assert code == 0, out
    assert str(exchange / "hubgroep" / "outbound" / AID) in out and "ophalen" in out
    return base / "groep", exchange, base / "homes"


# --- settings ------------------------------------------------------------------------------

def test_maak_hub_writes_settings_configs_and_exchange_modes(hub_course) -> None:
    folder, exchange, _ = hub_course
    course = open_course(folder)
    assert course.hub is not None and course.hub.uitwisseling == str(exchange)
    assert course.hub.cursus_id == "hubgroep" and course.course_id == "hubgroep"
    config = (folder / "nbgrader_config.py").read_text(encoding="utf-8")
    assert f"c.Exchange.root = {str(exchange)!r}" in config
    assert "c.CourseDirectory.course_id = 'hubgroep'" in config and ".uitwisseling" not in config
    assert (folder / "voor-de-hub" / "nbgrader_config.py").read_text(encoding="utf-8") \
        == learner_config_text(str(exchange), "hubgroep")
    # nbgrader's documented modes: root 0777, course and outbound 0755, inbound 2733
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(exchange) == 0o777
    assert mode(exchange / "hubgroep") == 0o755
    assert mode(exchange / "hubgroep" / "outbound") == 0o755
    assert mode(exchange / "hubgroep" / "inbound") == 0o2733


def test_a_course_without_hub_is_unchanged(tmp_path: Path) -> None:
    code, out = cli("cursus", "maak", str(tmp_path / "k"), "--regio", "nederland", "--groep", "G")
    assert code == 0, out
    assert (tmp_path / "k" / "nbgrader_config.py").read_text(encoding="utf-8") \
        == nbgrader_config_text("k")
    assert "'.uitwisseling'" in nbgrader_config_text("k")
    assert not (tmp_path / "k" / "voor-de-hub").exists()
    assert "\nhub:" not in (tmp_path / "k" / "cursus.yml").read_text(encoding="utf-8")
    code, out = cli("cursus", "maak", str(tmp_path / "l"), "--groep", "G", "--cursus-id", "x")
    assert code == 1 and "zet er --hub bij" in out


def test_learner_config_takes_the_hub_user() -> None:
    text = learner_config_text("/srv/nbgrader/exchange", "genk")
    namespace = {"get_config": lambda: config}
    from traitlets.config import Config

    config = Config()
    old = os.environ.get("JUPYTERHUB_USER")
    os.environ["JUPYTERHUB_USER"] = "anouk"
    try:
        exec(compile(text, "nbgrader_config.py", "exec"), namespace)
    finally:
        if old is None:
            os.environ.pop("JUPYTERHUB_USER")
        else:
            os.environ["JUPYTERHUB_USER"] = old
    assert config.Exchange.root == "/srv/nbgrader/exchange"
    assert config.CourseDirectory.course_id == "genk"
    assert config.CourseDirectory.student_id == "anouk"


@pytest.mark.parametrize("course_id", ["a+b", "-x", "met spatie"])
def test_a_course_id_nbgrader_cannot_use_is_refused(tmp_path: Path, course_id) -> None:
    code, out = cli("cursus", "maak", str(tmp_path / "k"), "--groep", "G", "--hub",
                    "--uitwisseling", str(tmp_path / "ex"), "--cursus-id", course_id)
    assert code == 1 and f"De cursus-id '{course_id}' kan niet" in out
    assert "Traceback" not in out and not (tmp_path / "k").exists()


def test_learner_ids_must_be_hub_user_names(hub_course, tmp_path: Path) -> None:
    folder, _, _ = hub_course
    path = tmp_path / "lijst.csv"
    path.write_text("id;voornaam;achternaam\nc05;Eva;Smit\nFenna.B;Fenna;Bakker\n",
                    encoding="utf-8")
    code, out = cli("cursus", "--cursus", str(folder), "cursisten", str(path))
    assert code == 1, out
    assert ("lijst.csv, regel 3: de id 'Fenna.B' heeft hoofdletters. JupyterHub schrijft elke "
            "gebruikersnaam in kleine letters, dus het werk van deze cursist komt binnen als "
            "'fenna.b'.") in out
    assert "Oplossing: Zet als id precies de gebruikersnaam waarmee de cursist inlogt op " \
           "JupyterHub, in kleine letters: 'fenna.b'." in out
    assert "c05" not in {lr.id for lr in course_learners(open_course(folder))}  # none of it


# --- the cycle -----------------------------------------------------------------------------

def test_full_cycle_fetch_submit_collect_grade_feedback(hub_course) -> None:
    folder, exchange, homes = hub_course
    letters = {"c01": KEYS, "c02": {k: WRONG[v] for k, v in KEYS.items()}, "c03": KEYS}
    for user, chosen in letters.items():
        answer(fetch(folder, user, homes), chosen)
        submit(folder, user, homes)
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 0, out
    assert "3 inzendingen ingelezen" in out and "nakijken h01" in out
    course = open_course(folder)
    for user in letters:
        (source,) = inbound_folders(exchange, "hubgroep", user)
        stored = course.submitted(user, AID).parent
        for name in (f"{AID}.ipynb", "timestamp.txt", "submission_secret.txt"):
            assert (stored / name).read_bytes() == (source / name).read_bytes(), (user, name)
    # again: nothing new, nothing changes
    before = course.submitted("c01", AID).read_bytes()
    code, out = cli("cursus", "--cursus", str(folder), "ophalen", "h01")
    assert code == 0 and "3 inzendingen waren al opgehaald" in out
    assert "Er is niets nieuws ingeleverd" in out
    assert course.submitted("c01", AID).read_bytes() == before

    grade = ["cursus", "--cursus", str(folder), "nakijken", "h01"]
    if not bwrap_available():
        grade.append("--zonder-afscherming")
    code, out = cli(*grade)
    assert code == 0, out
    assert "3 nagekeken" in out and "in orde" in out
    scores = assignment_scores(course, AID)
    points = {user: sum(scores[user].questions[q].score for q in KEYS) for user in letters}
    assert points == {"c01": 6, "c02": 0, "c03": 6}
    code, out = cli("cursus", "--cursus", str(folder), "feedback", "h01")
    assert code == 0, out
    assert "In de uitwisseling voor 3 cursisten" in out and "Fetch Feedback" in out

    from nbgrader.exchange.default import ExchangeFetchFeedback

    for user, name in (("c01", "Anouk Claes"), ("c02", "Bram Jacobs"), ("c03", "Chaima Bouzid")):
        learner(ExchangeFetchFeedback, folder, user, homes / user, AID).start()
        pages = list((homes / user / AID / "feedback").glob(f"*/{AID}.html"))
        assert len(pages) == 1, (user, pages)
        text = pages[0].read_text(encoding="utf-8")
        assert f"Feedback voor <strong>{name}</strong>" in text
        assert text == course.folder("feedback", user, f"{AID}.html").read_text(encoding="utf-8")
    assert not list(folder.glob(".hub-feedback-*"))


# --- bad input -----------------------------------------------------------------------------

@pytest.fixture()
def fresh(tmp_path: Path):
    """A hub course of its own for a bad-input case: h01 released, c01..c04."""
    exchange = tmp_path / "exchange"
    (tmp_path / "cursisten.csv").write_text(HUB_LEARNERS, encoding="utf-8")
    code, out = cli("cursus", "maak", str(tmp_path / "groep"), "--regio", "nederland",
                    "--groep", "G", "--cursisten", str(tmp_path / "cursisten.csv"), "--hub",
                    "--uitwisseling", str(exchange))
    assert code == 0, out
    code, out = cli("cursus", "--cursus", str(tmp_path / "groep"), "uitdelen", "h01")
    assert code == 0, out
    return tmp_path / "groep", exchange, tmp_path / "homes"


def test_a_learner_who_submits_twice_newest_wins_and_is_told(fresh) -> None:
    folder, exchange, homes = fresh
    path = fetch(folder, "c01", homes)
    answer(path, {k: WRONG[v] for k, v in KEYS.items()})
    submit(folder, "c01", homes)
    answer(path, KEYS)
    submit(folder, "c01", homes)
    first, second = inbound_folders(exchange, "groep", "c01")
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 0, out
    assert "1 inzending ingelezen" in out and "1 oudere versie niet gebruikt" in out
    assert f"{shown(first, 1)}: {AID}.ipynb: ouder (inlevertijd in Jupyter" in out
    assert f"dan {shown(second, 2)}: {AID}.ipynb (inlevertijd in Jupyter" in out
    assert "c01 in Jupyter, 1e inzending" in out and "c01 in Jupyter, 2e inzending" in out
    assert "nieuwste versie gebruikt" in out
    course = open_course(folder)
    assert course.submitted("c01", AID).read_bytes() == (second / f"{AID}.ipynb").read_bytes()
    # a third submission later replaces it, and is told so
    answer(path, {**KEYS, "k1": WRONG[KEYS["k1"]]})
    submit(folder, "c01", homes)
    third = inbound_folders(exchange, "groep", "c01")[-1]
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 0, out
    assert "vervangt een oudere inzending" in out and "2 inzendingen waren al opgehaald" in out
    assert course.submitted("c01", AID).read_bytes() == (third / f"{AID}.ipynb").read_bytes()


def test_late_work_is_read_in_and_told_and_rerelease_keeps_submissions(fresh) -> None:
    folder, exchange, homes = fresh
    answer(fetch(folder, "c01", homes), KEYS)
    submit(folder, "c01", homes)
    # the trainer releases again with a deadline that has passed: the submission stays
    code, out = cli("cursus", "--cursus", str(folder), "uitdelen", "h01", "--deadline",
                    "01-02-2020 17:00")
    assert code == 0 and "Deadline: 01-02-2020 17:00" in out, out
    assert len(inbound_folders(exchange, "groep", "c01")) == 1
    assert (exchange / "groep" / "outbound" / AID / f"{AID}.ipynb").is_file()
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 0, out
    assert "1 inzending ingelezen" in out
    assert "te laat: ingeleverd" in out and "(inlevertijd in Jupyter), deadline 01-02-2020 17:00" in out
    from nbgrader.api import Gradebook  # nbgrader's own due date, for its late penalty

    with Gradebook(open_course(folder).db_url) as gb:
        assert gb.find_assignment(AID).duedate == datetime(2020, 2, 1, 16, 0)
    code, out = cli("cursus", "--cursus", str(folder), "uitdelen", "h01", "--deadline",
                    "morgen")
    assert code == 1 and "De deadline 'morgen' kan ik niet lezen" in out


def test_an_assignment_not_released_is_told_and_skipped(fresh) -> None:
    folder, exchange, homes = fresh
    from draaiboek.course.release import localised_notebook

    answer(fetch(folder, "c02", homes), KEYS)
    submit(folder, "c02", homes)
    # h02 is in the exchange (a colleague put it there by hand) but not released here
    notebook = localised_notebook(open_course(folder), OTHER)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    stray = exchange / "groep" / "inbound" / f"c02+{OTHER}+{stamp}+abc"
    stray.mkdir()
    (stray / f"{OTHER}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (stray / "timestamp.txt").write_text(stamp, encoding="utf-8")
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 3, out
    assert (f"{shown(stray)}: {OTHER}.ipynb: opdracht {OTHER} is in deze cursus niet uitgedeeld. "
            f"Oplossing: Deel ze eerst uit: 'draaiboek cursus uitdelen {OTHER}'") in out
    assert "Deels gelukt: 1 ingelezen, 1 niet" in out and "haal opnieuw op" in out
    assert not open_course(folder).submitted("c02", OTHER).exists()
    assert "Traceback" not in out


def test_a_notebook_edited_outside_jupyter_gets_the_read_in_messages(fresh) -> None:
    folder, exchange, homes = fresh
    path = fetch(folder, "c03", homes)
    answer(path, KEYS)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    removed = next(c for c in notebook["cells"]
                   if c["metadata"].get("nbgrader", {}).get("grade_id") == "k2-nakijken")
    notebook["cells"].remove(removed)  # deleted in another editor, which Jupyter prevents
    path.write_text(json.dumps(notebook), encoding="utf-8")
    submit(folder, "c03", homes)
    path = fetch_again = fetch(folder, "c04", homes)
    fetch_again.write_text('{"cells": [', encoding="utf-8")  # saved half by another editor
    submit(folder, "c04", homes)
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 3, out
    assert "cel 'k2-nakijken' ontbrak en is teruggezet" in out
    (c04,) = inbound_folders(exchange, "groep", "c04")
    assert (f"{shown(c04)}: {AID}.ipynb: de notebook is beschadigd (regel 1): Jupyter kan hem "
            "niet openen. Oplossing: Vraag de cursist de notebook opnieuw op te slaan en "
            "opnieuw te sturen.") in out
    course = open_course(folder)
    repaired = json.loads(course.submitted("c03", AID).read_text(encoding="utf-8"))
    assert any(c["metadata"].get("nbgrader", {}).get("grade_id") == "k2-nakijken"
               for c in repaired["cells"])
    (c03,) = inbound_folders(exchange, "groep", "c03")
    assert (course.submitted("c03", AID).parent / "submission_secret.txt").read_bytes() \
        == (c03 / "submission_secret.txt").read_bytes()


def test_an_unknown_hub_user_is_told_with_the_fix(fresh) -> None:
    folder, exchange, homes = fresh
    answer(fetch(folder, "zz99", homes), KEYS)
    submit(folder, "zz99", homes)
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 1, out
    assert ("de JupyterHub-gebruiker 'zz99' staat niet in de lijst met cursisten. Oplossing: "
            "Zet 'zz99' als id in je lijst met cursisten, doe 'draaiboek cursus cursisten "
            "<lijst>' en haal dan opnieuw op.") in out
    assert "Er is niets ingelezen." in out and "Traceback" not in out


def test_a_submission_without_the_notebook_is_told(fresh) -> None:
    folder, exchange, homes = fresh
    fetch(folder, "c01", homes).unlink()  # deleted in JupyterLab, then Submit
    (homes / "c01" / AID / "aantekeningen.txt").write_text("klad", encoding="utf-8")
    submit(folder, "c01", homes)
    (c01,) = inbound_folders(exchange, "groep", "c01")
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 1, out
    assert (f"{shown(c01)}: in deze inzending staat geen notebook. Oplossing: Vraag de "
            "cursist de opdracht opnieuw op te halen in Jupyter, in te vullen en in te "
            "leveren.") in out


def test_nothing_submitted_yet_is_told(fresh) -> None:
    folder, exchange, homes = fresh
    code, out = cli("cursus", "--cursus", str(folder), "ophalen")
    assert code == 0 and "Er is nog niets ingeleverd." in out
    course = open_course(folder)
    with course.gradebook() as gb:
        students = {s.id for s in gb.students}
    assert students == {"c01", "c02", "c03", "c04"}


def test_ophalen_in_a_course_without_hub_says_what_to_do(tmp_path: Path) -> None:
    code, out = cli("cursus", "maak", str(tmp_path / "k"), "--groep", "G")
    code, out = cli("cursus", "--cursus", str(tmp_path / "k"), "ophalen")
    assert code == 1 and "niet voor JupyterHub gemaakt" in out and "inlezen" in out


# --- an exchange the trainer cannot write --------------------------------------------------

def _as_other_user() -> list[str]:
    """Run as 'nobody' when the tests run as root (root may write anywhere)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    return []


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                    reason="as root, a read-only folder needs setpriv to be tested")
def test_an_unwritable_exchange_gets_one_message_with_the_fix(hub_course) -> None:
    folder, _, _ = hub_course
    base = Path(tempfile.mkdtemp(prefix="draaiboek-hub-"))
    try:
        os.chmod(base, 0o777)
        locked = base / "alleen-lezen"
        locked.mkdir()
        os.chmod(locked, 0o555)
        course = base / "groep"
        shutil.copytree(folder, course, ignore=shutil.ignore_patterns("autograded", ".nakijken"))
        settings = (course / "cursus.yml").read_text(encoding="utf-8")
        (course / "cursus.yml").write_text(settings.replace(
            str(open_course(folder).hub.uitwisseling), str(locked)), encoding="utf-8")
        for path in [course, *course.rglob("*")]:
            os.chmod(path, 0o777 if path.is_dir() else 0o666)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(base)}
        for args in (["uitdelen", "h01"], ["uitdelen", "h01", "--deadline", "01-01-2030"]):
            result = subprocess.run([*_as_other_user(), sys.executable, "-m", "draaiboek",
                                     "cursus", "--cursus", str(course), *args],
                                    capture_output=True, text=True, env=env, timeout=300)
            out = " ".join((result.stdout + result.stderr).split())
            assert result.returncode == 1, out
            assert "Traceback" not in out
            assert (f"In de uitwisselingsmap {locked} van JupyterHub kun je niet schrijven; "
                    "daar halen de cursisten hun opdrachten.") in out, out
            assert f"'sudo mkdir -p {locked} && sudo chmod 777 {locked}'" in out
        if os.geteuid() == 0:  # the course's folder in the exchange is root's, 0755
            real = base / "uitwisseling"
            (real / "hubgroep").mkdir(parents=True)
            os.chmod(real, 0o777)
            (course / "cursus.yml").write_text(settings.replace(
                str(open_course(folder).hub.uitwisseling), str(real)), encoding="utf-8")
            result = subprocess.run([*_as_other_user(), sys.executable, "-m", "draaiboek",
                                     "cursus", "--cursus", str(course), "uitdelen", "h01"],
                                    capture_output=True, text=True, env=env, timeout=300)
            out = " ".join((result.stdout + result.stderr).split())
            assert result.returncode == 1 and "Traceback" not in out, out
            assert (f"De map {real}/hubgroep in de uitwisseling is van een andere gebruiker: "
                    "misschien gebruikt een andere cursus de id 'hubgroep' al.") in out, out
            assert f"'sudo chown -R nobody {real}/hubgroep'" in out
        missing = locked / "nog-niet"
        (course / "cursus.yml").write_text(settings.replace(
            str(open_course(folder).hub.uitwisseling), str(missing)), encoding="utf-8")
        result = subprocess.run([*_as_other_user(), sys.executable, "-m", "draaiboek", "cursus",
                                 "--cursus", str(course), "uitdelen", "h01"],
                                capture_output=True, text=True, env=env, timeout=300)
        out = " ".join((result.stdout + result.stderr).split())
        assert result.returncode == 1 and f"sudo mkdir -p {missing}" in out, out
    finally:
        os.chmod(base / "alleen-lezen", 0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_hub_course_config_works_for_every_learner(tmp_path: Path) -> None:
    """The learner settings installed for everyone set the learner id to the hub user; the
    course's own nbgrader_config.py sets it back, so hand-run nbgrader in the course folder
    (and the formgrader) sees every learner, not only the trainer."""
    from draaiboek.course.coursedir import Hub, nbgrader_config_text

    text = nbgrader_config_text("groep", Hub("/srv/nbgrader/exchange", "groep"))
    assert "c.CourseDirectory.student_id = '*'" in text
    assert "student_id" not in nbgrader_config_text("groep")
