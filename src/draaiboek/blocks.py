"""Fenced blocks in MyST Markdown as the book's parser sees them, for the static check.

markdown-it reads a fence as raw text up to the first closing fence (same character, at
least as long, nothing after it); MyST then parses a directive's text again. Two silent
mistakes follow from that rule and are found here with their line:
- a directive inside a plain code fence (the README example copied with its outer fence)
  shows as a grey code box with "```{only} ..." in every edition;
- a fence that is never closed swallows the rest of the page.
`{only}` expressions are checked too: a malformed one, or one naming a tag no build sets.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .problems import Problem

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z][\w:-]*)\}\s*(?P<arg>.*)$")
EDITION_TAGS = ("editie_cursist", "editie_trainer")
SPHINX_TAGS = ("html", "format_html", "builder_html")


@dataclass(frozen=True)
class Block:
    """A directive block: ```{name} argument ... ```."""

    file: str
    line: int
    end: int
    name: str
    argument: str
    body: str
    depth: int


def scan(text: str, file: str, first_line: int = 1, depth: int = 0
         ) -> tuple[list[Block], list[Problem]]:
    """Every directive block in a MyST text (nested ones too), and the fence mistakes."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match or (match.group("fence")[0] == "`" and "`" in match.group("info")):
            index += 1
            continue
        fence, info = match.group("fence"), match.group("info").strip()
        start = index
        index += 1
        closed = False
        while index < len(lines):
            inner = _FENCE.match(lines[index])
            if (inner and inner.group("fence")[0] == fence[0]
                    and len(inner.group("fence")) >= len(fence)
                    and not inner.group("info").strip()):
                closed = True
                break
            index += 1
        body_lines = lines[start + 1:index]
        line = start + first_line
        if not closed:
            problems.append(Problem(
                file,
                f"het blok dat hier opent met {fence} wordt nergens gesloten: de rest van de "
                "pagina valt erin en verdwijnt of wordt grijze code.",
                f"Sluit het blok met een regel met alleen {fence}. Staat er een blok in een "
                "blok? Geef het buitenste blok dan een teken meer (bijvoorbeeld ````).",
                line))
        directive = _DIRECTIVE.match(info)
        if directive:
            body = "\n".join(body_lines)
            blocks.append(Block(file, line, index + first_line, directive.group("name"),
                                directive.group("arg").strip(), body, depth))
            inner_blocks, inner_problems = scan(body, file, line + 1, depth + 1)
            blocks += inner_blocks
            problems += inner_problems
        else:
            for offset, body_line in enumerate(body_lines, 1):
                inner = _FENCE.match(body_line)
                if inner and _DIRECTIVE.match(inner.group("info").strip()):
                    problems.append(Problem(
                        file,
                        f"'{body_line.strip()}' staat in een codeblok (geopend op regel {line} "
                        f"met {fence}{info}) en wordt dus als grijze code getoond, in elke "
                        "editie.",
                        f"Haal de regel {fence}{info} op regel {line} en de sluitende "
                        f"{fence} weg.",
                        line + offset))
                    break
        index += 1
    return blocks, problems


def tag_names(expression: str) -> list[str]:
    """The tag names in an `{only}` expression; ValueError when it is malformed."""
    from jinja2 import nodes
    from sphinx.util.tags import _ENV, BooleanParser

    try:
        parser = BooleanParser(_ENV, expression, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise ValueError("chunk after expression")
    except Exception as exc:  # jinja2's TemplateSyntaxError and the check above
        raise ValueError(str(exc)) from None
    every = [expr, *expr.find_all(nodes.Node)]  # find_all leaves out the node itself
    if not all(isinstance(node, (nodes.Name, nodes.Not, nodes.And, nodes.Or))
               for node in every):
        raise ValueError("not a condition")
    return [node.name for node in every if isinstance(node, nodes.Name)]


def only_problems(block: Block, known: list[str]) -> list[Problem]:
    """A malformed `{only}` expression, or one naming a tag no build sets."""
    expression = block.argument
    example = next((k for k in known if k.startswith("regio_")), "regio_vlaanderen")
    if not expression:
        return [Problem(block.file, "het {only}-blok zegt niet voor welke regio het is.",
                        f"Schrijf bijvoorbeeld ```{{only}} {example}", block.line)]
    try:
        names = tag_names(expression)
    except ValueError:
        dutch = re.search(r"\b(of|en|niet)\b", expression)
        fix = ("Gebruik de Engelse woorden or, and en not: bijvoorbeeld "
               f"```{{only}} {example} or regio_nederland" if dutch else
               f"Schrijf een regionaam, eventueel met and, or, not en haakjes: "
               f"```{{only}} {example}")
        return [Problem(block.file, f"'{expression}' is geen geldige voorwaarde voor "
                        "{only}: het blok zou in geen enkele editie verschijnen.", fix,
                        block.line)]
    problems = []
    for name in names:
        if name in known:
            continue
        close = difflib.get_close_matches(name, known, n=1) or difflib.get_close_matches(
            f"regio_{name}", known, n=1)
        hint = f" Bedoel je '{close[0]}'?" if close else ""
        regions = ", ".join(k for k in known if k.startswith("regio_"))
        problems.append(Problem(
            block.file,
            f"'{name}' in {{only}} is geen regio of editie: dit blok zou nooit getoond "
            f"worden.{hint}",
            f"Schrijf regio_ en de naam van een profiel ({regions}), of editie_trainer.",
            block.line))
    return problems


def known_tags(region_ids: list[str]) -> list[str]:
    return [f"regio_{r}" for r in region_ids] + list(EDITION_TAGS) + list(SPHINX_TAGS)
