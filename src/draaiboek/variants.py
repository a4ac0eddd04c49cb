"""The reader's own Dutch: words that belong to one language variant (nl-BE or nl-NL).

`regions/woorden/<taal>.yml` lists the words that belong to that variant and must not be shown
in an edition of the other variant, each with what the other variant says instead. The check
reads every content file, works out which regions show each occurrence (files of an overlay
folder only in that region; text in an `{only}` block only where its condition holds; text in a
`{{ term }}` never, because the region fills it in) and reports each occurrence that an edition
of the other variant would show, with file, line and a fix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .problems import ContentError, Problem, display_path
from .regions import (
    KEY_PATTERN,
    REGIONS_FOLDER,
    SUBSTITUTION,
    Region,
    available_regions,
    content_files,
    load_region,
)
from .yamlfile import validate_yaml
from .textfile import read_text

WORDS_FOLDER = f"{REGIONS_FOLDER}/woorden"
VARIANTS = ("nl-BE", "nl-NL")
VARIANT_NAMES = {"nl-BE": "Vlaams", "nl-NL": "Nederlands uit Nederland"}
# Notebooks generated from exercises/*.yml: their text is checked in the YAML it comes from.
GENERATED = ("exercises/source/",)

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\{only\}[ \t]*(?P<expr>.*?)\s*$")
# What a reader never sees: web addresses and the target of a Markdown link.
_HIDDEN = re.compile(r"https?://\S+|\]\([^)]*\)")
_YAML_KEY = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[\w-]+)(?=:(?:[ \t]|$))", re.MULTILINE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Word(_Strict):
    """One word (or fixed phrase) of the variant, with its forms and the other variant's word."""

    woord: str = Field(description="Het woord of de vaste uitdrukking, zoals je het schrijft.")
    vormen: list[str] = Field(default_factory=list,
                              description="Andere vormen die ook tellen (meervoud, verkleinwoord).")
    anders: str = Field(description="Wat de andere variant zegt (of een woord dat overal kan).")
    term: str = Field("", description="Een bestaande of voorgestelde term, zonder {{ }}.")
    hoofdletters: bool = Field(False, description="true: alleen precies zo geschreven "
                                                  "(voor afkortingen zoals CAW).")

    @field_validator("term")
    @classmethod
    def _term_is_a_key(cls, value: str) -> str:
        if value and not KEY_PATTERN.match(value):
            raise ValueError(f"'{value}' is geen geldige termnaam | Gebruik kleine letters, "
                             "cijfers en _ (bijvoorbeeld brooddoos).")
        return value

    def forms(self) -> list[str]:
        return list(dict.fromkeys([self.woord, *self.vormen]))


class WordList(_Strict):
    """`regions/woorden/<taal>.yml`: the words of one variant."""

    taal: Literal["nl-BE", "nl-NL"] = Field(description="De variant waar deze woorden bij horen.")
    woorden: list[Word] = Field(description="De woorden van deze variant.")


_TOKEN = re.compile(r"\w[\w'’-]*\w|\w")


@dataclass(frozen=True)
class LoadedList:
    file: str
    words: WordList
    # first token of a form -> (tokens of the form, index of the word); lower case unless
    # the word counts only in capitals
    loose: dict[str, list[tuple[tuple[str, ...], int]]]
    exact: dict[str, list[tuple[tuple[str, ...], int]]]


def _index(words: WordList) -> tuple[dict, dict]:
    loose: dict[str, list] = {}
    exact: dict[str, list] = {}
    for number, word in enumerate(words.woorden):
        for form in word.forms():
            tokens = tuple(t if word.hoofdletters else t.lower() for t in _TOKEN.findall(form))
            if tokens:
                (exact if word.hoofdletters else loose).setdefault(tokens[0], []).append(
                    (tokens, number))
    for table in (loose, exact):
        for options in table.values():
            options.sort(key=lambda option: -len(option[0]))  # the longest phrase wins
    return loose, exact


def _matches(text: str, entry: LoadedList):
    """(offset, text as written, word index) of every form of the list in the text."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    raw = [t[2] for t in tokens]
    lowered = [t.lower() for t in raw]
    for i, start in enumerate(t[0] for t in tokens):
        for table, row in ((entry.exact, raw), (entry.loose, lowered)):
            key = row[i]
            for form, number in table.get(key, ()):
                if tuple(row[i:i + len(form)]) == form:
                    end = tokens[i + len(form) - 1][1]
                    yield start, text[start:end], number
                    break


def load_word_lists(root: Path) -> list[LoadedList]:
    """Every word list in regions/woorden/, validated; ContentError with all problems."""
    loaded, problems = [], []
    folder = root / WORDS_FOLDER
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        name = display_path(path, root)
        try:
            words, _ = validate_yaml(read_text(path, name), name, WordList,
                                     "een woordenlijst moet velden bevatten (taal:, woorden:)",
                                     "Begin met 'taal: nl-BE' of 'taal: nl-NL'.")
        except ContentError as exc:
            problems += exc.problems
            continue
        if path.stem != words.taal:
            problems.append(Problem(name, f"de bestandsnaam past niet bij 'taal: {words.taal}'.",
                                    f"Noem het bestand {words.taal}.yml.", 1, "taal"))
            continue
        loaded.append(LoadedList(name, words, *_index(words)))
    if problems:
        raise ContentError(problems)
    return loaded


# --- Where a text is shown ---------------------------------------------------------------


def _texts(path: Path) -> list[tuple[str, int, str]]:
    """(text, first line, place) of a content file; a notebook cell by cell."""
    try:
        raw = read_text(path)
    except ContentError:  # told once, by the loader or page check of that file
        return []
    if path.suffix != ".ipynb":
        return [(raw, 1, "")]
    try:
        cells = json.loads(raw).get("cells", [])
    except (json.JSONDecodeError, AttributeError):
        return []
    return [("".join(c.get("source", "")), 1, f"cel {n}")
            for n, c in enumerate(cells, 1) if c.get("cell_type") == "markdown"]


def only_blocks(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, condition) of each `{only}` block, lines counted from 1.

    A block ends at a line holding only a fence of the same character, at least as long as
    the opening one, as in MyST; in a YAML block text the fences may be indented."""
    lines = text.split("\n")
    blocks: list[tuple[int, int, str]] = []
    open_: list[tuple[int, str, str]] = []  # (line, fence, condition)
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if open_:
            start, fence, expr = open_[-1]
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                open_.pop()
                blocks.append((start, number, expr))
                continue
        match = _OPEN.match(line)
        if match:
            open_.append((number, match["fence"], match["expr"]))
    blocks += [(start, len(lines), expr) for start, _, expr in open_]
    return blocks


@lru_cache(maxsize=None)
def _holds(expr: str, tags: tuple[str, ...]) -> bool:
    """Whether an `{only}` condition holds for a region with these tags (as Sphinx says)."""
    from sphinx.util.tags import Tags

    try:
        return bool(Tags(list(tags)).eval_condition(expr))
    except Exception:  # a broken condition is reported by the build; show the text here
        return True


_YAML_COMMENT = re.compile(r"^[ \t]*#[^\n]*", re.MULTILINE)


def _masked(text: str, yaml: bool) -> str:
    """The text with `{{ term }}`s, hidden parts and YAML keys blanked out (same length and
    lines), so that only what a reader sees is searched."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    text = _HIDDEN.sub(blank, SUBSTITUTION.sub(blank, text))
    if not yaml:
        return text
    # Whole-line YAML comments are for authors, not readers (a starter profile from
    # `draaiboek regio nieuw` lists every term of the parent as a comment).
    text = _YAML_COMMENT.sub(blank, text)
    return _YAML_KEY.sub(lambda m: m["lead"] + " " * len(m["key"]), text)


def _regions_of(path: Path, root: Path, regions: list[Region]) -> list[Region]:
    """The regions whose editions show this file."""
    rel = path.relative_to(root).parts
    if rel[0] != REGIONS_FOLDER:
        return regions
    owner = rel[1] if len(rel) > 2 else Path(rel[1]).stem
    own_file = f"{REGIONS_FOLDER}/{owner}.yml"
    return [r for r in regions if own_file in r.files]


# --- The check -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    file: str
    line: int
    place: str
    form: str
    word: Word
    taal: str
    shown_in: tuple[Region, ...]


def find_occurrences(root: Path, lists: list[LoadedList], regions: list[Region],
                     files: list[Path] | None = None) -> list[Occurrence]:
    """Every word of a variant that an edition of another variant would show."""
    found: list[Occurrence] = []
    if files is None:
        files = [p for p in content_files(root)
                 if not display_path(p, root).startswith(GENERATED)]
        files += [root / REGIONS_FOLDER / f"{rid}.yml" for rid in available_regions(root)]
    for path in files:
        name = display_path(path, root)
        readers = _regions_of(path, root, regions)
        if not readers:
            continue
        for text, first, place in _texts(path):
            blocks = only_blocks(text)
            masked = _masked(text, path.suffix in (".yml", ".yaml"))
            line_starts = [0] + [m.end() for m in re.finditer("\n", masked)]
            for entry in lists:
                others = [r for r in readers if r.taal != entry.words.taal]
                if not others:
                    continue
                for offset, form, index in _matches(masked, entry):
                    line = _line_at(line_starts, offset)
                    shown = tuple(r for r in others
                                  if all(_holds(expr, r.tags) for start, end, expr in blocks
                                         if start <= line <= end))
                    if shown:
                        found.append(Occurrence(name, line + first - 1, place, form,
                                                entry.words.woorden[index], entry.words.taal,
                                                shown))
    return found


def _line_at(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if starts[mid] <= offset:
            low = mid
        else:
            high = mid - 1
    return low + 1


def _problem(occ: Occurrence, regions: list[Region]) -> Problem:
    editions = ", ".join(r.naam for r in occ.shown_in)
    other = "nl-NL" if occ.taal == "nl-BE" else "nl-BE"
    key = occ.word.term or re.sub(r"[^a-z0-9]+", "_", occ.word.woord.lower()).strip("_")
    own = [f"regio_{r.id}" for r in regions if r.taal == occ.taal]
    condition = " or ".join(own) if own else " and ".join(f"not regio_{r.id}"
                                                          for r in occ.shown_in)
    return Problem(
        occ.file,
        f"'{occ.form}' is {VARIANT_NAMES[occ.taal]}, maar staat ook in de editie {editions} "
        f"({VARIANT_NAMES[other]}: '{occ.word.anders}').",
        f"Gebruik een woord dat in beide varianten kan, of een term, bv. {{{{ {key} }}}}, "
        f"of zet het in een {{only}}-blok: ```{{only}} {condition}",
        occ.line,
        occ.place,
    )


def check_variants(root: Path) -> list[Problem]:
    """Each word of one variant that an edition of the other would show, as a problem."""
    try:
        lists = load_word_lists(root)
    except ContentError as exc:
        return exc.problems
    regions = []
    for region_id in available_regions(root):
        try:
            regions.append(load_region(root, region_id))
        except ContentError:
            continue  # check_regions reports it
    return [_problem(occ, regions) for occ in find_occurrences(root, lists, regions)]
