"""The structure of a page in Markdown (MyST), checked before Sphinx reads it.

MyST silently takes an unclosed fence as running to the end of the page (or of the block
around it), so one forgotten ``` drops the rest of a chapter from the book without a warning.
Sphinx takes a malformed `{only}` expression as one that does not hold. Both are refused
here, naming the line where the block OPENED, so the build stops and the previous book stays.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .problems import ContentError, Problem, display_path
from .textfile import read_text

# CommonMark fences (``` and ~~~) plus MyST's colon fence (:::), up to three spaces in.
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[^}\s]*)\}\s*(?P<argument>.*)$")
UNREADABLE = "het hele bestand"
PAGE_FOLDERS = ("book", "methods", "cases", "regions")


def structure_problems(text: str, name: str, first_line: int = 1) -> list[Problem]:
    """Unclosed blocks and malformed `{only}` expressions in the Markdown `text`."""
    return list(_check(text.split("\n"), name, first_line, None))


def _check(lines: list[str], name: str, first_line: int, outer: tuple[str, int] | None):
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index])
        if not match or (match.group("fence")[0] == "`" and "`" in match.group("info")):
            index += 1
            continue
        fence, info = match.group("fence"), match.group("info").strip()
        opened = first_line + index
        directive = _DIRECTIVE.match(info)
        if directive and directive.group("name") == "only":
            yield from _only_problems(directive.group("argument").strip(), name, opened)
        end = index + 1
        closer = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        while end < len(lines) and not closer.match(lines[end]):
            end += 1
        if end >= len(lines):
            label = f"{fence}{info}" if info else fence
            if outer is None:
                yield Problem(
                    name,
                    f"het blok '{label}' dat hier begint, wordt nergens gesloten: alles tot "
                    "het einde van de pagina valt erin en verdwijnt uit het boek.",
                    f"Sluit het blok met {fence} op een eigen regel, direct na de laatste "
                    "regel die erin hoort.",
                    opened,
                )
            else:  # the outer block took the closing line of a later block
                yield Problem(
                    name,
                    f"het blok {outer[0]} dat hier begint, wordt niet gesloten waar het "
                    f"hoort: het loopt door tot over het blok '{label}' op regel {opened}, "
                    "en wat ertussen staat, verdwijnt uit het boek.",
                    f"Sluit het blok met {fence} op een eigen regel, direct na de laatste "
                    "regel die erin hoort (een blok binnen een blok: geef het buitenste "
                    "een langere rij, bv. ```` ).",
                    outer[1],
                )
            return
        if directive:  # a directive's body is Markdown again: check it too
            yield from _check(lines[index + 1:end], name, opened + 1,
                              (f"'{fence}{info}'", opened))
        index = end + 1


def _only_problems(expression: str, name: str, line: int):
    from sphinx.util.tags import Tags

    if not expression:
        yield Problem(name, "bij dit {only}-blok staat geen voorwaarde.",
                      "Schrijf de regio achter {only}, bv. ```{only} regio_vlaanderen.",
                      line, "{only}")
        return
    try:
        Tags([]).eval_condition(expression)
    except Exception:  # noqa: BLE001 - jinja2 raises several kinds for a malformed expression
        yield Problem(
            name, f"de voorwaarde '{expression}' van dit {{only}}-blok klopt niet.",
            "Schrijf regio's met 'and', 'or', 'not' en haakjes, bv. "
            "```{only} regio_vlaanderen or regio_brussel.",
            line, "{only}")


def page_files(root: Path) -> list[Path]:
    """Every Markdown page of the book."""
    found: list[Path] = []
    for folder in PAGE_FOLDERS:
        base = root / folder
        if base.is_dir():
            found += [p for p in base.rglob("*.md") if "_build" not in p.parts]
    return sorted(found)


def check_pages(root: Path) -> list[Problem]:
    """Encoding and block structure of every page; each problem once."""
    problems: list[Problem] = []
    for path in page_files(root):
        name = display_path(path, root)
        try:
            text = read_text(path, name)
        except ContentError as exc:
            problems += [replace(p, place=UNREADABLE) for p in exc.problems]
            continue
        problems += structure_problems(text, name)
    return problems
