"""The answer line of a knowledge check (`k1 = "B"`): the one parser the notebook, the
self-check and grading share. Standard library only."""

from __future__ import annotations

import re

UNANSWERED = "?"  # the mark on an answer line the learner has not filled in yet
_ANSWER = re.compile(r'^\s*(?P<id>[a-z][a-z0-9]*)\s*=\s*(?P<q>["\']?)(?P<value>[^"\'#\n]*?)'
                     r'(?P=q)\s*(?:#.*)?$', re.MULTILINE)


def answer_line(source: str) -> tuple[str, str] | None:
    """(question id, answer as written) from a knowledge check's answer cell, or None when
    the line is broken. Grading runs only the line rebuilt from this, never the cell itself:
    whatever else a cell contains is not executed."""
    match = _ANSWER.search(source)
    return (match["id"], match["value"].strip()) if match else None


def canonical_line(source: str, questions: set[str]) -> str | None:
    """The answer line as grading executes it: `k1 = "B"` with nothing but letters kept, and
    only for one of the given knowledge checks."""
    found = answer_line(source)
    if found is None or found[0] not in questions:
        return None
    qid, value = found
    return f'{qid} = "{re.sub(r"[^A-Za-z?]", "", value)[:4]}"'


def answer_id(cell: dict) -> str | None:
    """The question a cell holds the learner's answer to (None for other cells)."""
    return cell.get("metadata", {}).get("draaiboek", {}).get("antwoord")
