"""Hub load benchmark (issue 17): 30 learners on one local JupyterHub (127.0.0.1, the same
set-up as tests/test_hub.py) fetch an assignment, answer it and all submit at the same moment
through nbgrader's server extension; then the trainer collects with `draaiboek cursus ophalen`.
Reports spawn time, submit latency (median/max) and collect time, and fails when a submission
is lost (every learner must be read in). Needs node/npm for configurable-http-proxy.

    .venv/bin/python benchmarks/hub.py [--cursisten 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from draaiboek.course.coursedir import open_course  # noqa: E402
from draaiboek.course.rubric import load_exercise  # noqa: E402
from tests.hub.livehub import (  # noqa: E402
    HubUnavailable, LiveHub, answer, install_proxy, trainer_command)

AID = "h01-thuiscompagnie-in-een-notendop"
COURSE_ID = "hub-last"


def trainer(cwd: Path, *args: str) -> str:
    done = trainer_command(cwd, *args)
    if done.returncode != 0:
        sys.exit(f"draaiboek cursus {' '.join(args)} mislukte:\n{done.stdout[-2000:]}\n"
                 f"{done.stderr[-2000:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cursisten", type=int, default=30)
    args = parser.parse_args()
    try:
        install_proxy()
    except HubUnavailable as reason:
        sys.exit(str(reason))
    names = [f"cursist{number + 1:02d}" for number in range(args.cursisten)]
    with tempfile.TemporaryDirectory(prefix="draaiboek-hub-bench-") as temp:
        folder = Path(temp)
        (folder / "cursisten.csv").write_text(
            "id;voornaam;achternaam;email\n" + "".join(
                f"{name};Cursist;{name[-2:]};{name}@voorbeeld.be\n" for name in names),
            encoding="utf-8")
        trainer(folder, "maak", str(folder / "cursus"), "--groep", "Hub last", "--hub",
                "--uitwisseling", str(folder / "exchange"), "--cursus-id", COURSE_ID,
                "--cursisten", str(folder / "cursisten.csv"))
        course_dir = folder / "cursus"
        trainer(course_dir, "uitdelen", "h01")
        course = open_course(course_dir)
        keys = {c.id: c.juist for c in load_exercise(course, AID).exercise.kennisvragen}

        with LiveHub(folder / "hub", course_dir / "voor-de-hub") as hub:
            hub.create_users(names)
            start = time.monotonic()
            ready = hub.start_servers(names, timeout=900)
            spawn_all = time.monotonic() - start
            learners = [hub.learner(name) for name in names]

            def prepare(learner) -> None:
                learner.action("fetch", COURSE_ID, AID)
                path = f"{AID}/{AID}.ipynb"
                learner.save_notebook(path, answer(learner.read_notebook(path), keys,
                                                   set(list(keys)[:3]), learner.name))

            with ThreadPoolExecutor(8) as pool:
                list(pool.map(prepare, learners))
            barrier = threading.Barrier(len(learners))

            def submit(learner) -> float:
                barrier.wait()
                began = time.monotonic()
                listed = learner.action("submit", COURSE_ID, AID)
                took = time.monotonic() - began
                assert any(a["status"] == "submitted" for a in listed), listed
                return took

            start = time.monotonic()
            with ThreadPoolExecutor(len(learners)) as pool:
                latencies = list(pool.map(submit, learners))
            submit_all = time.monotonic() - start
        inbound = list((folder / "exchange" / COURSE_ID / "inbound").iterdir())
        print(f"{len(names)} cursisten op één JupyterHub (127.0.0.1), {os.cpu_count()} kernen:",
              flush=True)
        print(f"  servers starten (allemaal tegelijk gevraagd): {spawn_all:6.1f} s tot de laatste "
              f"klaar was; per server mediaan {statistics.median(ready.values()):.1f} s, "
              f"max {max(ready.values()):.1f} s")
        print(f"  inleveren (allemaal tegelijk): mediaan {statistics.median(latencies):.2f} s, "
              f"max {max(latencies):.2f} s, alles samen {submit_all:.1f} s")

        start = time.monotonic()
        trainer(course_dir, "ophalen")
        collect = time.monotonic() - start
        # read in, and as that learner's own work (their signed answers)
        read_in = [name for name in names if course.submitted(name, AID).is_file()
                   and f"({name})" in course.submitted(name, AID).read_text(encoding="utf-8")]
        left = hub.leftovers()

    print(f"  draaiboek cursus ophalen: {collect:.1f} s")
    print(f"  in de uitwisseling: {len(inbound)}, ingelezen: {len(read_in)} van {len(names)}")
    if len(inbound) != len(names) or len(read_in) != len(names):
        missing = sorted(set(names) - set(read_in))
        sys.exit(f"VERLOREN: {len(names) - len(read_in)} inzendingen niet ingelezen: {missing}")
    if left:
        sys.exit(f"Processen van de hub draaien nog: {left}")


if __name__ == "__main__":
    main()
