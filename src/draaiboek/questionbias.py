"""Answer-position and answer-length bias in multiple-choice questions.

A learner should not be able to score by picking the longest answer or always the same
letter. This module measures both over a chapter's questions (self-checks in the page,
knowledge questions in the exercise) and turns a biased chapter into a Dutch problem for
`draaiboek check`. `benchmarks/questions.py` uses the same measures for the whole book."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .problems import Problem

# More than this share of a chapter's questions with the right answer as the longest option.
MAX_LONGEST_SHARE = 1 / 3
# More than this share of a chapter's questions with the right answer at one position.
MAX_POSITION_SHARE = 1 / 2
# Fewer questions than this are too few to judge.
MIN_QUESTIONS = 3

LETTERS = "ABCDEF"
_TERM = re.compile(r"\{\{\s*(\w+)\s*\}\}")


@dataclass(frozen=True)
class Question:
    """One multiple-choice question as the bias measures see it."""

    id: str
    stem: str
    options: tuple[str, ...]
    correct: int  # index into options, in the author's order

    @property
    def correct_is_longest(self) -> bool:
        """The right option is strictly longer (in characters) than every other option."""
        lengths = [len(_TERM.sub(r"\1", option).strip()) for option in self.options]
        right = lengths[self.correct]
        return all(right > length for i, length in enumerate(lengths) if i != self.correct)

    @property
    def situational(self) -> bool:
        """The stem first sketches a situation, then asks ('Je komt binnen en ziet ...
        Wat doe je?'): at least one sentence before the question."""
        text = _TERM.sub(r"\1", self.stem).strip()
        sentences = [s for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]
        return len(sentences) >= 2


@dataclass(frozen=True)
class Bias:
    """The measures for one set of questions."""

    count: int
    longest: int
    positions: Counter
    situational: int

    @property
    def top_position(self) -> tuple[str, int]:
        if not self.positions:
            return ("A", 0)
        index, number = max(sorted(self.positions.items()), key=lambda kv: kv[1])
        return (LETTERS[index], number)


def measure(questions: list[Question]) -> Bias:
    return Bias(
        count=len(questions),
        longest=sum(q.correct_is_longest for q in questions),
        positions=Counter(q.correct for q in questions),
        situational=sum(q.situational for q in questions),
    )


def bias_problems(file: str, chapter: str, questions: list[Question]) -> list[Problem]:
    """Dutch problems for a chapter whose right answers give themselves away."""
    bias = measure(questions)
    if bias.count < MIN_QUESTIONS:
        return []
    problems = []
    if bias.longest > bias.count * MAX_LONGEST_SHARE:
        ids = ", ".join(q.id for q in questions if q.correct_is_longest)
        problems.append(Problem(
            file,
            f"in {chapter} is het juiste antwoord het langste in {bias.longest} van de "
            f"{bias.count} vragen ({ids}); wie gokt op het langste antwoord, scoort dan goed "
            "zonder te lezen.",
            "Maak het juiste antwoord korter of een fout antwoord even lang, tot dat in "
            "hoogstens een derde van de vragen zo is."))
    letter, number = bias.top_position
    if number > bias.count * MAX_POSITION_SHARE:
        problems.append(Problem(
            file,
            f"in {chapter} staat het juiste antwoord in {number} van de {bias.count} vragen "
            f"op plaats {letter}.",
            "Zet het juiste antwoord in meer vragen op een andere plaats (A, B, C en D "
            "ongeveer even vaak)."))
    return problems
