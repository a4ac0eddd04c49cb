"""What the workbook page needs from the exercise engine (thin glue for the Sphinx
extension): the rules of the formative checks as data, the script that applies them
(`window.DraaiboekFormatief`), and each question's spec."""

from __future__ import annotations

from importlib.resources import files

from .loader import LoadedExercise
from .notebook import question_specs
from .rules import page_rules

SCRIPT = "static/formatief.js"


def javascript() -> str:
    """static/formatief.js, to ship with the book."""
    return files(__package__).joinpath(SCRIPT).read_text(encoding="utf-8")


def page_data(loaded: LoadedExercise, examples: bool = True) -> dict:
    """Rules and question specs for one exercise's page; the example answers only when the
    build shows them (a trainer-led course can keep them back)."""
    ex = loaded.exercise
    data = {"regels": page_rules(), "vragen": question_specs(loaded)}
    if examples:
        data["voorbeelden"] = {part.id: part.voorbeeld for part in ex.written_parts}
    return data


__all__ = ["javascript", "page_data", "page_rules"]
