"""The privacy screen: reflections are about real work with real families, so a text is
searched for data that could identify someone. It flags structured identifiers (phone
numbers in Belgian and Dutch forms, e-mail, IBAN with its check digits, the Belgian
national register number and the Dutch BSN with their checks, street addresses, postcodes,
dates of birth) and likely personal names. It warns; it never changes the text.

- `rules.yml` holds every pattern and word list (one schema: `rules.PrivacyRules`);
- `screening.py` is the screen itself, standard library only, taking the rules as a dict,
  so a notebook can carry its source and run it without this package;
- `static/privacy.js` is the same screen for the page (`window.DraaiboekPrivacy.screen`).

It runs where a learner or trainer reads a reflection: in the learner's self-check, in the
workbook page, when submissions are read in, and in the grading view. Precision and recall are
measured on labelled sentences in the tests; a golden corpus keeps Python and JS in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from . import screening
from .rules import KINDS, card_names, load_rules, rules_dict
from .screening import Finding

__all__ = ["Finding", "KINDS", "MESSAGES", "card_names", "default_rules", "javascript",
           "likely_names", "load_rules", "project_rules", "rules_dict", "screen", "screening_source"]


@lru_cache(maxsize=4)
def _rules_for(root: str | None) -> dict:
    return rules_dict(Path(root) if root else None)


def project_rules(root: Path | None) -> dict:
    """The rules with the method cards of a project (cached per project)."""
    return _rules_for(str(root.resolve()) if root else None)


def default_rules() -> dict:
    """The rules with the method cards of the project found from the working folder (if any)."""
    from ..project import find_root

    return project_rules(find_root())


def screen(text: str, rules: dict | None = None, known_names: Iterable[str] = (),
           year: int | None = None) -> list[Finding]:
    """Every likely identifier in a text, in order of appearance, one finding per item.
    `known_names` (the invented people of a case) are not reported."""
    return screening.screen(text, rules if rules is not None else default_rules(),
                            tuple(known_names), year)


def likely_names(text: str, rules: dict | None = None) -> set[str]:
    """The words the screen would report as a name (used to learn a case's invented cast)."""
    return {f.text for f in screen(text, rules) if f.kind == "naam"}


def _messages() -> dict[str, str]:
    return {kind: text.label for kind, text in load_rules().soorten.items()}


MESSAGES = _messages()  # kind -> what it looks like ("een telefoonnummer")


def screening_source() -> str:
    """The source of the screen, to be run as it stands in a notebook cell."""
    import inspect

    return inspect.getsource(screening)


def javascript() -> str:
    """The page's screen (`window.DraaiboekPrivacy`), to ship with the book."""
    return files(__package__).joinpath("static/privacy.js").read_text(encoding="utf-8")
