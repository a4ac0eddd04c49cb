"""Autograde benchmark: `draaiboek cursus nakijken` (parallel, shielded kernel) beside plain
sequential `nbgrader autograde --force` on the same submissions, in the same run, both as the
command a trainer types (start-up included). Goal: ratio ≥ 1.8 on 2 cores.

    .venv/bin/python benchmarks/autograde.py [--cursisten 30] [--herhalingen 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from draaiboek.course.coursedir import create_course
from draaiboek.course.demo import fill_in, learners_csv, texts
from draaiboek.course.intake import read_in
from draaiboek.course.learners import import_learners
from draaiboek.course.release import release_assignment
from draaiboek.course.rubric import load_exercise

ROOT = Path(__file__).resolve().parents[1]
AID = "h04-sociaal-netwerk"
BIN = Path(sys.executable).parent


def make_course(folder: Path, count: int) -> Path:
    course = create_course(folder / "cursus", ROOT, "vlaanderen", "Benchmark")
    (folder / "cursisten.csv").write_text(learners_csv(count), encoding="utf-8")
    import_learners(course, folder / "cursisten.csv")
    released = json.loads(release_assignment(course, AID).read_text(encoding="utf-8"))
    exercise = load_exercise(course, AID).exercise
    rng = random.Random(1)
    inbox = folder / "in"
    inbox.mkdir()
    for number in range(count):
        notebook = fill_in(released, exercise, rng, 0.7, 2, texts(), leak=False)
        (inbox / f"c{number + 1:02d}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    received, refused = read_in(course, inbox)
    assert len(received) == count and not refused
    return course.root


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    start = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"{' '.join(command)} mislukte:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cursisten", type=int, default=30)
    parser.add_argument("--herhalingen", type=int, default=3, help="aantal rondes (mediaan)")
    args = parser.parse_args()
    ours, plain = [], []
    with tempfile.TemporaryDirectory(prefix="draaiboek-bench-") as temp:
        course = make_course(Path(temp), args.cursisten)
        for _ in range(args.herhalingen):
            ours.append(timed([str(BIN / "draaiboek"), "cursus", "nakijken", AID, "--opnieuw"],
                              course))
            plain.append(timed([str(BIN / "nbgrader"), "autograde", AID, "--force"], course))
        shutil.rmtree(course / ".nakijken", ignore_errors=True)
    a, b = statistics.median(ours), statistics.median(plain)
    print(f"{args.cursisten} cursisten × 1 opdracht ({AID}), mediaan van {args.herhalingen}, "
          f"{os.cpu_count()} kernen:")
    print(f"  draaiboek cursus nakijken (parallel, afgeschermd): {a:6.1f} s")
    print(f"  nbgrader autograde (na elkaar, niet afgeschermd):  {b:6.1f} s")
    print(f"  verhouding: {b / a:.2f}× (doel ≥ 1,8×)")


if __name__ == "__main__":
    main()
