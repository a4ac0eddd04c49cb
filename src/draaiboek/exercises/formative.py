"""Formative checks of a filled-in exercise: is every knowledge check answered in the right
form, does each reflection have text under every step of its model and enough words, and
does any answer contain data that could identify a family. The same checks run for the
learner (`zelfcontrole` in the notebook), when submissions are read in, and in the trainer's
grading view; `check_written` is ported to the page (`static/formatief.js`) and kept in step
by a golden corpus. Standard library only (embedded in every exercise notebook)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..privacy import screening
from .answers import answer_id, answer_line, missing_line_message, parse_answer
from .rules import RULES

_WORD = re.compile(r"[^\W_]+")


def privacy_rules() -> dict:
    """The privacy screen's rules: handed to this module in a notebook, else the package's
    (with the method cards of the project)."""
    embedded = globals().get("EMBEDDED_PRIVACY_RULES")
    if embedded is not None:
        return embedded
    from ..privacy import default_rules

    return default_rules()


@dataclass
class QuestionCheck:
    id: str
    ok: bool
    messages: list = field(default_factory=list)
    privacy: list = field(default_factory=list)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _words(text: str) -> str:
    """Lower-case words joined by single spaces, with a space on both ends."""
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def _heading(kop: str):
    core = re.escape(kop.rstrip(":").strip())
    return re.compile(r"^[ \t>#*_-]*" + core + r"[ \t]*:?[ \t*_]*:?", re.IGNORECASE | re.MULTILINE)


def _without_templates(text: str, rules: dict) -> str:
    """Without the template's words ("Mijn antwoord:") and nbgrader's marker lines."""
    text = "\n".join(line for line in text.split("\n")
                     if not any(line.startswith(mark) for mark in rules["markeerregels"]))
    for line in rules["sjabloonregels"]:
        text = text.replace(line, " ")
    return text


def check_written(text: str, spec: dict, rules: dict | None = None) -> dict:
    """A written answer against its question's spec (`{"model": ..., "min_woorden": ...}`,
    as in the notebook's metadata): words, steps covered (with a hint each), ready, and the
    messages. A step counts as covered when its heading has at least `min_woorden_per_stap`
    words under it, or, without a heading, when one of its keywords is in the text."""
    rules = rules or RULES
    text = _without_templates(text or "", rules)
    model = rules["modellen"].get(spec.get("model") or "")
    found = []  # (start, end, step index)
    if model:
        for index, step in enumerate(model["stappen"]):
            match = _heading(step["kop"]).search(text)
            if match:
                found.append((match.start(), match.end(), index))
    found.sort()
    under = {}
    for n, (start, end, index) in enumerate(found):
        stop = found[n + 1][0] if n + 1 < len(found) else len(text)
        under[index] = count_words(text[end:stop])
    body = text
    for start, end, _ in reversed(found):
        body = body[:start] + " " + body[end:]
    words = count_words(body)
    plain = _words(body)
    steps = []
    for index, step in enumerate(model["stappen"] if model else []):
        if index in under:
            covered = under[index] >= rules["min_woorden_per_stap"]
        else:
            covered = any(_words(k).rstrip() in plain for k in step["trefwoorden"])
        steps.append({"step": step["kop"].rstrip(":"), "covered": covered, "hint": step["hint"]})
    minimum = int(spec.get("min_woorden") or 0)
    texts = rules["berichten"]
    messages = []
    missing = [s["step"] for s in steps if not s["covered"]]
    if model and missing:
        messages.append(texts["stappen_ontbreken"].format(stappen=", ".join(missing)))
    elif model:
        messages.append(texts["stappen_klaar"].format(model=model["naam"]))
    if words == 0:
        messages.append(texts["leeg"])
    elif words < minimum:
        messages.append(texts["te_kort"].format(woorden=words, minimum=minimum))
    else:
        messages.append(texts["lang_genoeg"].format(woorden=words))
    return {"words": words, "minWords": minimum, "steps": steps,
            "ready": words >= minimum and words > 0 and not missing, "messages": messages}


def compose_written(parts: list, spec: dict, rules: dict | None = None) -> str:
    """A written answer as the notebook's answer cell holds it, from one text per step of the
    model (or one text for a question without a model): what the page hands in."""
    rules = rules or RULES
    model = rules["modellen"].get(spec.get("model") or "")
    if not model:
        return f"{rules['casus_sjabloon']} {(parts[0] if parts else '').strip()}\n"
    return "\n\n".join(f"**{step['kop']}** {(parts[i] if i < len(parts) else '').strip()}"
                        for i, step in enumerate(model["stappen"])) + "\n"


def check_notebook(notebook: dict) -> list:
    info = notebook.get("metadata", {}).get("draaiboek", {})
    questions = info.get("vragen", {})
    results = []
    for cell in notebook.get("cells", []):
        qid = answer_id(cell)
        if not qid:
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        spec = questions.get(qid, {})
        if cell.get("cell_type") == "code":
            results.append(_knowledge(qid, source, spec.get("keuzes", "ABCD")))
        else:
            results.append(_written(qid, source, spec))
    return results


def answer_letter(qid: str, source: str, letters: str = "ABCD") -> str | None:
    """The letter chosen on a knowledge check's line (None if there is no valid letter)."""
    found = answer_line(source, [qid])
    return parse_answer(found[1], letters).letter if found else None


def _knowledge(qid: str, source: str, letters: str) -> QuestionCheck:
    found = answer_line(source, [qid])
    if found is None:
        return QuestionCheck(qid, False, [missing_line_message(qid)])
    answer = parse_answer(found[1], letters)
    return QuestionCheck(qid, answer.letter is not None, [answer.message])


def _written(qid: str, source: str, spec: dict) -> QuestionCheck:
    result = check_written(source, spec)
    # The step headings and template lines are not names.
    text = _without_templates(source, RULES)
    model = RULES["modellen"].get(spec.get("model") or "")
    for step in model["stappen"] if model else []:
        text = _heading(step["kop"]).sub(" ", text)
    findings = screening.screen(text, privacy_rules(), tuple(spec.get("namen", ())))
    return QuestionCheck(qid, result["ready"] and not findings, result["messages"], findings)


def report(checks: list) -> str:
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


__all__ = ["QuestionCheck", "answer_letter", "check_notebook", "check_written",
           "compose_written", "count_words", "report"]
