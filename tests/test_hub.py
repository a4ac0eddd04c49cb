"""A course on a real JupyterHub on 127.0.0.1 (issue 17): the trainer makes a hub course and
hands out an assignment to the exchange; three learners, each with their own single-user server
and token, fetch it through nbgrader's server extension, answer in the notebook through
Jupyter's contents API and submit (one of them twice); the trainer collects, grades and releases
feedback with `draaiboek cursus ophalen/nakijken/feedback`; the learners fetch their feedback
and find it in their home. Each learner's score is what they answered.

JupyterHub comes from PyPI (test extras), configurable-http-proxy from npm (tests/hub, `npm ci`
on first use; skipped with the reason where node/npm is missing). See tests/hub/livehub.py."""

from __future__ import annotations

import contextlib
import subprocess
import time
from pathlib import Path

import pytest

from draaiboek.course.coursedir import open_course
from draaiboek.course.grading import auto_scores
from draaiboek.course.rubric import load_exercise
from draaiboek.course.sandbox import bwrap_available
from tests.hub.livehub import HubUnavailable, LiveHub, answer, install_proxy, trainer_command

pytestmark = [pytest.mark.hub]

AID = "h01-thuiscompagnie-in-een-notendop"
COURSE_ID = "hub-proef"
# Which knowledge checks each learner gets right, per submission (the last one counts).
PLANS = {"anna": [{"k1", "k2", "k3", "k4", "k5", "k6"}],
         "bram": [{"k1", "k2", "k3"}],
         "chaima": [set(), {"k1", "k2", "k3", "k4", "k5"}]}
LEARNERS_CSV = ("id;voornaam;achternaam;email\n"
                "anna;Anna;Claes;anna@voorbeeld.be\n"
                "bram;Bram;Jacobs;bram@voorbeeld.be\n"
                "chaima;Chaima;Bouzid;chaima@voorbeeld.be\n")


@pytest.fixture(scope="session")
def proxy():
    try:
        return install_proxy()
    except HubUnavailable as reason:
        pytest.skip(str(reason))


@pytest.fixture
def timings():
    """Seconds per step, printed at the end (pytest -s, or in the report of a failure)."""
    measured: dict[str, float] = {}
    yield measured
    print("hub test: " + ", ".join(f"{step} {took:.1f} s" for step, took in measured.items()))


@contextlib.contextmanager
def timed(timings: dict[str, float], step: str):
    start = time.monotonic()
    yield
    timings[step] = time.monotonic() - start


def trainer(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    done = trainer_command(cwd, *args, timeout=600)
    assert done.returncode == 0, f"cursus {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def test_three_learners_fetch_answer_submit_and_get_feedback_on_a_live_hub(proxy, tmp_path,
                                                                         timings):
    exchange = tmp_path / "exchange"
    (tmp_path / "cursisten.csv").write_text(LEARNERS_CSV, encoding="utf-8")
    with timed(timings, "maak + uitdelen"):
        trainer(tmp_path, "maak", str(tmp_path / "cursus"), "--groep", "Hub proef", "--hub",
                "--uitwisseling", str(exchange), "--cursus-id", COURSE_ID,
                "--cursisten", str(tmp_path / "cursisten.csv"))
        course_dir = tmp_path / "cursus"
        trainer(course_dir, "uitdelen", "h01")
    course = open_course(course_dir)
    exercise = load_exercise(course, AID).exercise
    keys = {check.id: check.juist for check in exercise.kennisvragen}
    points = {check.id: check.punten for check in exercise.kennisvragen}
    learner_config = course_dir / "voor-de-hub"
    assert (learner_config / "nbgrader_config.py").is_file()

    start = time.monotonic()
    with LiveHub(tmp_path / "hub", learner_config) as hub:
        timings["hub start"] = time.monotonic() - start
        hub.create_users(PLANS)
        with timed(timings, "3 servers"):
            hub.start_servers(PLANS)
        learners = {name: hub.learner(name) for name in PLANS}

        with timed(timings, "fetch, answer, submit (4x)"):
            for name, learner in learners.items():
                listed = learner.assignments(COURSE_ID)
                assert [(a["assignment_id"], a["status"]) for a in listed] == [(AID, "released")]
                fetched = learner.action("fetch", COURSE_ID, AID)
                assert [a["status"] for a in fetched] == ["fetched"]
                path = f"{AID}/{AID}.ipynb"
                assert (learner.home / path).is_file()
                for number, right in enumerate(PLANS[name]):
                    notebook = answer(learner.read_notebook(path), keys, right, author=name)
                    learner.save_notebook(path, notebook)
                    listed = learner.action("submit", COURSE_ID, AID)
                    submitted = [a for a in listed if a["status"] == "submitted"]
                    assert len(submitted) == 1 and submitted[0]["student_id"] == name
                    assert len(submitted[0]["submissions"]) == number + 1
        inbound = sorted(p.name.split("+")[0] for p in (exchange / COURSE_ID / "inbound")
                         .iterdir())
        assert inbound == ["anna", "bram", "chaima", "chaima"]

        with timed(timings, "ophalen"):
            collected = trainer(course_dir, "ophalen")
        for name in PLANS:
            assert f"({name})" in course.submitted(name, AID).read_text(encoding="utf-8"), \
                collected.stdout
        assert "oudere versie" in collected.stdout  # chaima's first submission, not used
        with timed(timings, "nakijken"):
            trainer(course_dir, "nakijken", "h01",
                    *([] if bwrap_available() else ["--zonder-afscherming"]))
        scores = auto_scores(course, AID)
        for name, plan in PLANS.items():
            expected = sum(points[qid] for qid in plan[-1])
            assert scores[name] == (expected, sum(points.values())), (name, scores)
        with timed(timings, "feedback"):
            trainer(course_dir, "feedback", "h01")

        for name, learner in learners.items():
            listed = learner.action("fetch_feedback", COURSE_ID, AID)
            submitted = next(a for a in listed if a["status"] == "submitted")
            assert submitted["submissions"][-1]["has_local_feedback"], (name, submitted)
            pages = sorted((learner.home / AID / "feedback").glob(f"*/{AID}.html"))
            assert pages, f"{name}: geen feedback in {learner.home / AID}"
            assert pages[-1].read_bytes() == course.folder("feedback", name,
                                                           f"{AID}.html").read_bytes()

    assert hub.leftovers() == [], "processen van de hub draaien nog"


def test_without_node_the_hub_test_says_why_it_is_skipped(monkeypatch):
    monkeypatch.setattr("tests.hub.livehub.shutil.which", lambda name: None)
    with pytest.raises(HubUnavailable, match="node/npm ontbreekt.*installeer nodejs en npm"):
        install_proxy()
