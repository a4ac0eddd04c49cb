"""Developer tool: how much the multiple-choice questions give their answers away.

    PYTHONPATH=src python benchmarks/questions.py [ROOT]

Over all self-checks (book/*.md) and exercise knowledge questions (exercises/*.yml): the
share where the right option is the longest, the spread of the right option over the
positions A-D (author's order, which the notebooks keep), the share of stems that set a
situation before asking, per chapter and in total; and how many case feedback texts use
"maar"."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from draaiboek.exercises.check import knowledge_questions
from draaiboek.exercises.loader import load_exercises
from draaiboek.questionbias import LETTERS, Question, measure
from draaiboek.selfchecks import as_question, selfchecks_in_page


def chapters(root: Path) -> dict[str, list[Question]]:
    found: dict[str, list[Question]] = {}
    for page in sorted((root / "book").glob("h*.md")):
        found.setdefault(page.stem[:3], []).extend(
            as_question(c) for c in selfchecks_in_page(page, root))
    for item in load_exercises(root):
        found.setdefault(item.id[:3], []).extend(knowledge_questions(item.exercise))
    return found


def feedback_texts(root: Path) -> list[str]:
    texts = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "feedback" and isinstance(value, str):
                    texts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((root / "cases").glob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return texts


def row(name: str, questions: list[Question]) -> str:
    bias = measure(questions)
    n = bias.count or 1
    spread = " ".join(f"{LETTERS[i]} {100 * bias.positions.get(i, 0) / n:3.0f}%" for i in range(4))
    return (f"{name:<7} {bias.count:>4} {100 * bias.longest / n:>8.0f}% {spread}   "
            f"{100 * bias.situational / n:>5.0f}%")


def main(root: Path) -> None:
    found = chapters(root)
    print(f"{'chapter':<7} {'n':>4} {'longest':>9} {'position of the right option':<28} situational")
    everything = []
    for name, questions in sorted(found.items()):
        print(row(name, questions))
        everything += questions
    print(row("total", everything))
    texts = feedback_texts(root)
    maar = sum(bool(re.search(r"\bmaar\b", t, re.IGNORECASE)) for t in texts)
    formula = sum(bool(re.search(r"(^|[.!?]\s+)Maar\b|^[^.]*, maar\b", t)) for t in texts)
    print(f"\ncase feedback texts: {len(texts)}, containing 'maar': {maar}, "
          f"turning on it (a sentence opening with 'Maar', or ', maar' in the first): {formula}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve())
