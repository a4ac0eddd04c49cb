"""Problems found in content files, and how they are told to a person.

Every loader reports what is wrong as `Problem`s: which file, which line, which place in the
file (a field path such as ``termen → ocmw``), what is wrong and what to do about it. A loader
that finds problems raises one `ContentError` carrying all of them, so an author sees every
problem of a file at once. Messages are Dutch, because authors and trainers read them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file."""

    file: str
    message: str
    fix: str = ""
    line: int | None = None
    place: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f", regel {self.line}"
        if self.place:
            where += f" ({self.place})"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"\n    Oplossing: {self.fix}"
        return text


class ContentError(Exception):
    """One or more problems that stop a content file from being used."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path | str, root: Path | None = None) -> str:
    """A path as an author sees it: relative to the project when possible."""
    path = Path(path)
    base = root or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def place_of(loc: Iterable[Any]) -> str:
    """A pydantic location such as ('termen', 'ocmw') as 'termen → ocmw'."""
    return " → ".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc)


def _suggestion(name: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(allowed), n=1)
    return f" Bedoel je '{close[0]}'?" if close else ""


def problems_from_validation(
    error: ValidationError,
    file: str,
    line_of: Callable[[tuple], int | None],
    model: type | None = None,
) -> list[Problem]:
    """Translate pydantic's errors into Dutch problems with a line and a fix."""
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        kind = item["type"]
        field = str(loc[-1]) if loc else ""
        parent = loc[:-1]
        if kind == "extra_forbidden":
            allowed = _allowed_fields(model, parent)
            hint = _suggestion(field, allowed)
            message = f"onbekend veld '{field}'.{hint}"
            fix = "Verwijder het veld of verbeter de schrijfwijze."
            if allowed:
                fix += " Toegelaten velden hier: " + ", ".join(sorted(allowed)) + "."
            line = line_of(loc)
        elif kind == "missing":
            message = f"het verplichte veld '{field}' ontbreekt."
            fix = f"Voeg '{field}:' toe met een waarde."
            line = line_of(parent)
        elif kind in ("string_type", "str_type"):
            message = "hier hoort tekst."
            fix = "Schrijf een tekst; zet aanhalingstekens rond tekst met een dubbele punt."
            line = line_of(loc)
        elif kind == "literal_error":
            # pydantic lists the choices with an English "or": a Dutch list says "of".
            expected = item.get("ctx", {}).get("expected", "").replace(" or ", " of ")
            message = f"de waarde {item.get('input')!r} is niet toegelaten."
            fix = f"Kies een van: {expected}."
            line = line_of(loc)
        elif kind in ("dict_type", "model_type", "mapping_type"):
            message = "hier horen velden met een naam (naam: waarde)."
            fix = "Schrijf onder deze sleutel ingesprongen regels 'naam: waarde'."
            line = line_of(loc)
        elif kind == "list_type":
            message = "hier hoort een lijst."
            fix = "Schrijf elk item op een eigen regel die begint met '- '."
            line = line_of(loc)
        elif kind in ("bool_type", "bool_parsing"):
            message = f"de waarde {item.get('input')!r} is geen ja of nee."
            fix = "Schrijf true of false."
            line = line_of(loc)
        elif kind in ("int_type", "int_parsing"):
            message = f"de waarde {item.get('input')!r} is geen geheel getal."
            fix = "Schrijf een getal zonder komma, bijvoorbeeld 3."
            line = line_of(loc)
        elif kind == "value_error":
            # Our own validators raise ValueError with a Dutch text: 'message | fix'.
            text = str(item.get("ctx", {}).get("error", item["msg"]))
            message, _, fix = text.partition(" | ")
            line = line_of(loc)
        else:
            message = f"ongeldige waarde ({item['msg']})."
            fix = "Kijk het voorbeeld in de README na."
            line = line_of(loc)
        problems.append(Problem(file, message, fix, line, place_of(loc)))
    return problems


def _allowed_fields(model: type | None, parent: tuple) -> set[str]:
    """The field names that the schema allows at `parent` (best effort)."""
    if model is None:
        return set()
    current: Any = model
    for part in parent:
        if isinstance(part, int) or current is None:
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return set()
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return set(fields) if fields else set()


def _inner_model(annotation: Any) -> Any:
    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
