"""The answer line of a knowledge check (`k1 = "B"`): the one parser that the notebook, the
self-check, grading and (through `static/antwoord.js`, the same rules) the page share. The
line is read as text, never executed: `k1 = C`, `“A”`, `c.` and `antwoord B` all mean one
letter, and every other form gets one defined result with a friendly Dutch message.
Standard library only (embedded in every exercise notebook)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import RULES, join_choices

UNANSWERED = RULES["antwoord"]["onbeantwoord"]  # the mark on a line not filled in yet
_LINE = re.compile(r"^[ \t]*(?P<id>[A-Za-z][A-Za-z0-9]*)[ \t]*[=:](?P<value>[^\n]*)$",
                   re.MULTILINE)
_TOKEN = re.compile(r"[^\W\d_]+|\d+|\?")


@dataclass(frozen=True)
class Answer:
    letter: str | None  # the chosen letter, or None when the answer is not one offered letter
    kind: str           # ingevuld, leeg, twee_letters, geen_keuze, geen_letter
    message: str


def parse_answer(raw, letters, rules: dict | None = None) -> Answer:
    """What a learner wrote after `k1 =` (or tapped in the page) → one letter or a reason."""
    rules = (rules or RULES)["antwoord"]
    letters = "".join(letters).upper()
    fillers = {word.lower() for word in rules["vulwoorden"]}
    tokens = [t for t in _TOKEN.findall(raw if isinstance(raw, str) else "")
              if t.lower() not in fillers and t != "?"]
    if not tokens:
        kind, letter = "leeg", None
    elif all(len(t) == 1 and t.isalpha() for t in tokens):
        chosen = sorted({t.upper() for t in tokens})
        if len(chosen) > 1:
            kind, letter = "twee_letters", None
        elif chosen[0] in letters:
            kind, letter = "ingevuld", chosen[0]
        else:
            kind, letter = "geen_keuze", None
    elif len(tokens) == 1 and tokens[0].isalpha() and all(c in letters for c in tokens[0].upper()):
        kind, letter = "twee_letters", None
    else:
        kind, letter = "geen_letter", None
    message = rules["berichten"][kind].format(letter=letter or "",
                                              keuzes=join_choices(letters, {"antwoord": rules}))
    return Answer(letter, kind, message)


def missing_line_message(qid: str, rules: dict | None = None) -> str:
    return (rules or RULES)["antwoord"]["berichten"]["geen_regel"].format(vraag=qid)


def answer_line(source: str, ids=None) -> tuple[str, str] | None:
    """(question id, answer as written) from a knowledge check's answer cell, or None when
    there is no answer line. `ids`: the knowledge checks that count (any id when None); with
    exactly one id, a cell holding nothing but a bare answer also counts. A trailing
    `# comment` is not part of the answer."""
    wanted = {i.lower() for i in ids} if ids is not None else None
    for match in _LINE.finditer(source or ""):
        qid = match["id"].lower()
        if wanted is None or qid in wanted:
            return qid, match["value"].split("#", 1)[0].strip()
    if wanted is not None and len(wanted) == 1:
        lines = [line.strip() for line in (source or "").splitlines()
                 if line.strip() and not line.strip().startswith("#")]
        if len(lines) == 1 and "=" not in lines[0] and len(lines[0]) <= 40:
            return next(iter(wanted)), lines[0].split("#", 1)[0].strip()
    return None


def canonical_line(source: str, questions) -> str | None:
    """The answer line as grading executes it: `k1 = "<answer>"` with nothing kept but
    letters, digits, spaces and question marks, and only for one of the given knowledge
    checks. `parse_answer` gives the same result for it as for what the learner wrote."""
    found = answer_line(source, questions)
    if found is None:
        return None
    qid, value = found
    safe = " ".join(re.sub(r"[^\w?]|_", " ", value).split())[:40]
    return f'{qid} = "{safe}"'


def answer_id(cell: dict) -> str | None:
    """The question a cell holds the learner's answer to (None for other cells)."""
    return cell.get("metadata", {}).get("draaiboek", {}).get("antwoord")
