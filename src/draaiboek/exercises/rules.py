"""The rules of the formative checks as data (`rules.json`): the reflection models with their
step headings, hints and keywords, minimum lengths, template lines, and the Dutch messages of
the answer line. Standard library only: this module is embedded in every exercise notebook,
where the compiler hands it the data as `EMBEDDED_RULES` (there is no file beside it there).
The page reads the same data (`page_rules`) through `static/formatief.js`."""

from __future__ import annotations

import json
from pathlib import Path

RULES_FILE = "rules.json"


def _load() -> dict:
    embedded = globals().get("EMBEDDED_RULES")
    if embedded is not None:
        return embedded
    return json.loads(Path(__file__).with_name(RULES_FILE).read_text(encoding="utf-8"))


RULES: dict = _load()
# model id → (display name, step names); the step name is the heading without its colon.
MODELS = {key: (model["naam"], [step["kop"].rstrip(":") for step in model["stappen"]])
          for key, model in RULES["modellen"].items()}


def page_rules() -> dict:
    """The rules as the page's script (`DraaiboekFormatief`) takes them."""
    return json.loads(json.dumps(RULES))


def join_choices(letters, rules: dict | None = None) -> str:
    """'A, B, C of D'."""
    letters = list(letters)
    word = (rules or RULES)["antwoord"]["of"]
    if len(letters) < 2:
        return "".join(letters)
    return ", ".join(letters[:-1]) + f" {word} " + letters[-1]
