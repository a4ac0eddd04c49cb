"""Rubric grading benchmark: what a trainer types and reads to grade every written answer of
one assignment for a group, with `draaiboek cursus beoordelen` as it was (one learner at a
time, one prompt per criterion, the whole rubric printed before every answer) and as it is
(one question across all learners, all levels on one line, the rubric printed once per
question). Both run as the trainer's command, fed the same grades; the old one is taken from
git (`--oud`, default the commit before the change). Scaled to 40 learners × 11 assignments.
The old command must read the same exercise format as the current one: after the
five-question exercises (wb-engine, 88d2bf4) b2bdd89 no longer does; measured at ddf1ee2:
old 4.3 Enter presses and 14.3 lines of rubric per answer, new 2.0 and 0.4.

    PYTHONPATH=$PWD/src .venv/bin/python benchmarks/rubric.py [--cursisten 40]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import io
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from autograde import AID, BIN, ROOT, make_course  # noqa: E402

from draaiboek.course.coursedir import open_course  # noqa: E402
from draaiboek.course.grading import grade  # noqa: E402
from draaiboek.course.rubric import questions, to_grade  # noqa: E402


def old_source(commit: str, into: Path) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"],
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(into, filter="data")
    return into / "src"


def levels_for(question, learner_number: int) -> list[int]:
    return [sorted(lv.punten for lv in c.niveaus)[(learner_number + i) % len(c.niveaus)]
            for i, c in enumerate(question.criteria)]


def run(course: Path, source: Path, stdin: str) -> tuple[float, str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(source), "COLUMNS": "100"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "draaiboek", "cursus", "beoordelen", "h04"],
                          cwd=course, env=env, input=stdin, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"beoordelen mislukte:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cursisten", type=int, default=40)
    parser.add_argument("--oud", default="b2bdd89", help="git commit of the old command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="draaiboek-rubriek-") as temp:
        temp = Path(temp)
        root = make_course(temp, args.cursisten)
        course = open_course(root)
        grade(course, AID, timeout=5)
        todo = to_grade(course, AID)
        by_id = {q.id: q for q in questions(course, AID)}
        number = {lid: n for n, lid in enumerate(sorted({t.learner for t in todo}))}
        shutil.copytree(root, temp / "oud")
        # old: learner by learner, question id order; one line per criterion, then a comment
        old_order = sorted(todo, key=lambda t: (t.learner, t.question.id))
        old_input = "".join("".join(f"{v}\n" for v in levels_for(t.question, number[t.learner]))
                            + "\n" for t in old_order)
        new_input = "".join("".join(map(str, levels_for(t.question, number[t.learner])))
                            + "\n\n" for t in todo)  # the short form: '212'
        rubric_lines = {q.id: 1 + sum(1 + len(c.niveaus) for c in q.criteria)
                        for q in by_id.values()}
        old_seconds, old_out = run(temp / "oud", old_source(args.oud, temp / "git"), old_input)
        new_seconds, new_out = run(root, ROOT / "src", new_input)
        answers = len(todo)
        criteria = sum(len(by_id[t.question.id].criteria) for t in todo)
        for label, out, typed, seconds in (("oud", old_out, old_input, old_seconds),
                                           ("nieuw", new_out, new_input, new_seconds)):
            prompts = typed.count("\n")
            lines = len(out.splitlines())
            rubric = (sum(rubric_lines[t.question.id] for t in todo) if label == "oud"
                      else sum(rubric_lines.values()))
            print(f"{label:>5}: {answers} antwoorden ({criteria} niveaus): {prompts} keer Enter "
                  f"({prompts / answers:.1f} per antwoord), {len(typed)} toetsen, "
                  f"{rubric / answers:.1f} regels rubriek per antwoord, {lines} regels in "
                  f"totaal, {seconds:.1f} s wachten op het programma "
                  f"({seconds / answers:.2f} s per antwoord)")
        scale = 40 * 11 / args.cursisten
        print(f"Geschaald naar 40 cursisten × 11 opdrachten (×{scale:.0f}): "
              f"oud {old_input.count(chr(10)) * scale:.0f} keer Enter, "
              f"nieuw {new_input.count(chr(10)) * scale:.0f}.")


if __name__ == "__main__":
    main()
