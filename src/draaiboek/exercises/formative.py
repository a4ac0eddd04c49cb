"""Formative checks of a filled-in exercise notebook: is every knowledge check answered in
the right form, does each reflection have text under every step of its model and enough
words, and does any answer contain data that could identify a family. The same checks run
for the learner (`zelfcontrole` in the notebook), when submissions are read in, and in the
trainer's grading view."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..privacy import Finding, screen
from .answers import UNANSWERED, answer_id, answer_line
from .rules import MODELS, steps_covered


@dataclass
class QuestionCheck:
    id: str
    ok: bool
    messages: list[str] = field(default_factory=list)
    privacy: list[Finding] = field(default_factory=list)


def check_notebook(notebook: dict) -> list[QuestionCheck]:
    info = notebook.get("metadata", {}).get("draaiboek", {})
    questions = info.get("vragen", {})
    results = []
    for cell in notebook.get("cells", []):
        qid = answer_id(cell)
        if not qid:
            continue
        source = "".join(cell.get("source", ""))
        spec = questions.get(qid, {})
        if cell.get("cell_type") == "code":
            results.append(_knowledge(qid, source, spec.get("keuzes", "ABCD")))
        else:
            results.append(_written(qid, source, spec))
    return results


def answer_letter(qid: str, source: str) -> str | None:
    """The answer on a knowledge check's line as written (None if the line is broken)."""
    found = answer_line(source)
    return found[1].upper() if found and found[0] == qid else None


def _knowledge(qid: str, source: str, letters: str) -> QuestionCheck:
    value = answer_letter(qid, source)
    if value is None:
        return QuestionCheck(qid, False, [f"De regel '{qid} = \"...\"' is veranderd. Zet hem "
                                          f"terug: {qid} = \"{UNANSWERED}\" en vul één letter in."])
    if value in ("", UNANSWERED):
        return QuestionCheck(qid, False, ["Nog niet ingevuld."])
    if value not in letters:
        return QuestionCheck(qid, False, [f"'{value}' is geen keuze. Schrijf één "
                                          f"letter: {', '.join(letters)}."])
    return QuestionCheck(qid, True, [f"Ingevuld: {value}."])


def _written(qid: str, source: str, spec: dict) -> QuestionCheck:
    messages = []
    words = len(re.findall(r"\w+", source))
    model = spec.get("model")
    ok = True
    if model:
        covered = steps_covered(source, model)
        template_words = len(re.findall(r"\w+", " ".join(covered)))
        words -= template_words
        empty = [step for step, n in covered.items() if n < 3]
        if empty:
            ok = False
            messages.append("Schrijf nog iets bij: " + ", ".join(empty) + ".")
        else:
            messages.append(f"Alle stappen van {MODELS[model][0]} hebben tekst.")
    minimum = spec.get("min_woorden", 0)
    if words < minimum:
        ok = False
        messages.append(f"Je schreef {words} woorden; minstens {minimum} is de bedoeling.")
    else:
        messages.append(f"{words} woorden: lang genoeg.")
    # The step headings of the template are not names.
    findings = screen(re.sub(r"\*\*[^*:]+:\*\*", " ", source), spec.get("namen", ()))
    if findings:
        ok = False
    return QuestionCheck(qid, ok, messages, findings)


def report(checks: list[QuestionCheck]) -> str:
    """The self-check as plain text for the learner."""
    lines = []
    for check in checks:
        mark = "✓" if check.ok else "!"
        lines.append(f"{mark} Vraag {check.id}: " + " ".join(check.messages))
        for finding in check.privacy:
            lines.append(f"    Let op je privacy: {finding.message}")
    done = sum(c.ok for c in checks)
    lines.append(f"\n{done} van de {len(checks)} vragen zijn klaar om in te leveren.")
    return "\n".join(lines)
