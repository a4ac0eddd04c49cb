"""Reading YAML so that every value can be traced back to its line.

Loaders first read (this module), then parse (a pydantic schema). Reading keeps the node tree
that PyYAML composes, so that a problem at a field path such as ('termen', 'ocmw') can be told
with the line the author sees in the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from pydantic import BaseModel, ValidationError

from .problems import ContentError, Problem, problems_from_validation


@dataclass
class YamlDocument:
    """Parsed YAML data plus a way to find the line of any field path."""

    data: Any
    root: yaml.Node | None
    file: str
    first_line: int = 1

    def line_of(self, loc: tuple) -> int | None:
        """The line of the field at `loc`, or of the nearest enclosing field."""
        node = self.root
        line = None
        for part in loc:
            if node is None:
                break
            found = _child(node, part)
            if found is None:
                break
            key_node, node = found
            line = (key_node or node).start_mark.line
        if line is None and self.root is not None:
            line = self.root.start_mark.line
        return None if line is None else line + self.first_line


def _child(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return None, node.value[part]
    return None


# libyaml's loader when PyYAML has it (ten times faster), with the same marks and errors.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str, file: str, first_line: int = 1) -> YamlDocument:
    """Read YAML text; raise a ContentError that names file and line on any syntax error."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
        _refuse_aliases(root, text, file, first_line)
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        what = exc.problem or "de YAML-opmaak klopt niet"
        raise ContentError(
            [
                Problem(
                    file,
                    f"fout in de YAML-opmaak: {_dutch_yaml_problem(what)}.",
                    "Kijk na of deze regel en de regel erboven goed zijn ingesprongen "
                    "(met spaties, geen tabs) en of tekst met een dubbele punt tussen "
                    "aanhalingstekens staat.",
                    line,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(file, "fout in de YAML-opmaak.",
                                    "Kijk de opmaak na met het voorbeeld in de README.",
                                    first_line)]) from None
    except RecursionError:
        raise ContentError([Problem(file, "de YAML is te diep genest.",
                                    "Schrijf lijsten en velden hoogstens een paar niveaus "
                                    "diep.", first_line)]) from None
    doc = YamlDocument(data, root, file, first_line)
    duplicates = list(_duplicate_keys(root, doc))
    if duplicates:
        raise ContentError(duplicates)
    return doc


MAX_DEPTH = 40  # the deepest real content (a case's choices and effects) is about 6


def _refuse_aliases(root: yaml.Node | None, text: str, file: str, first_line: int) -> None:
    """Content files use no anchors and aliases (&naam / *naam): a reused node is refused
    before anything walks the tree, so nested aliases cannot make a small file expand into
    billions of values. The walk visits every node once."""
    seen: set[int] = set()
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ContentError([Problem(
                file, f"de YAML is hier meer dan {MAX_DEPTH} niveaus diep genest.",
                "Schrijf lijsten en velden hoogstens een paar niveaus diep; kijk na of er "
                "haakjes [ ] of { } te veel staan.", node.start_mark.line + first_line)])
        if id(node) in seen:
            line = next((event.start_mark.line for event in yaml.parse(text, Loader=_LOADER)
                         if isinstance(event, yaml.AliasEvent)), node.start_mark.line)
            raise ContentError([Problem(
                file, "hier staat een verwijzing (*naam) naar een ander stuk YAML "
                "(anker &naam); dat kan niet in een inhoudsbestand.",
                "Schrijf de waarde voluit op elke plaats waar ze nodig is.",
                line + first_line)])
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += ((key, depth + 1), (value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack += ((item, depth + 1) for item in node.value)


def validate_yaml(text: str, file: str, model: type[BaseModel], what: str,
                  fix: str = "Kijk het voorbeeld in de README na.", first_line: int = 1):
    """Read YAML and validate it against a schema: (object, document). `what` tells what
    such a file holds, for the message when the file is not a set of fields."""
    doc = read_yaml(text, file, first_line)
    if not isinstance(doc.data, dict):
        raise ContentError([Problem(file, f"{what}.", fix, first_line)])
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        raise ContentError(problems_from_validation(exc, file, doc.line_of, model)) from None


def _duplicate_keys(node: yaml.Node | None, doc: YamlDocument):
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + doc.first_line
            if name in seen:
                yield Problem(
                    doc.file,
                    f"de sleutel '{name}' staat twee keer in dezelfde lijst "
                    f"(eerst op regel {seen[name]}).",
                    "Houd er één over; anders geldt stil alleen de laatste.",
                    line,
                )
            else:
                seen[name] = line
            yield from _duplicate_keys(value, doc)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, doc)


_YAML_WORDS = {
    "mapping values are not allowed": "er staat een dubbele punt op een plaats waar "
    "dat niet mag",
    "could not find expected ':'": "er ontbreekt een dubbele punt na een sleutel",
    "did not find expected key": "een regel staat niet goed ingesprongen",
    "found character '\\t' that cannot start any token": "er staat een tab; gebruik spaties",
    "did not find expected '-' indicator": "een lijst-item staat niet goed ingesprongen",
    "found undefined alias": "er staat een * aan het begin van een waarde",
    "expected ',' or ']'": "een lijst tussen [ ] klopt niet; zet tekst met een vraagteken, "
    "komma of dubbele punt tussen aanhalingstekens, of schrijf elk item op een eigen regel",
    "expected ',' or '}'": "velden tussen { } kloppen niet; schrijf elk veld op een eigen regel",
    "tab character": "er staat een tab; gebruik spaties",
    "found character that cannot start any token": "er staat een teken dat hier niet kan "
    "(vaak een tab, of een @ of ` aan het begin van een waarde); gebruik spaties en zet de "
    "tekst tussen aanhalingstekens",
    "found unexpected end of stream": "een tekst tussen aanhalingstekens wordt niet gesloten",
    "found unknown escape character": "na een \\ tussen dubbele aanhalingstekens staat een "
    "teken dat niet kan; gebruik enkele aanhalingstekens",
    "did not find expected node content": "hier ontbreekt een waarde",
    "expected <block end>": "een regel staat niet goed ingesprongen",
    "found unexpected ':'": "er staat een dubbele punt op een plaats waar dat niet mag",
    "did not find expected alphabetic or numeric character": "na een & of * staat geen naam",
    "found duplicate anchor": "een anker (&naam) staat twee keer",
    "expected a comment or a line break": "na een waarde staat nog tekst op de regel",
    "could not find expected": "hier ontbreekt een teken dat de opmaak nodig heeft",
    "did not find expected": "hier ontbreekt een teken dat de opmaak nodig heeft",
}


def _dutch_yaml_problem(text: str) -> str:
    for english, dutch in _YAML_WORDS.items():
        if english in text:
            return dutch
    return "de opmaak klopt hier niet"
