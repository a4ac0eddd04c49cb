"""Twine import and export, so that authors can draw a case in Twine's map.

Reads what Twine users have: Twee 3 (`.twee`, Twine 2.6+ "Export as Twee"), published HTML
("Publish to File", a Tweego or extwee build) and library archives (several stories; one is
chosen by name). Passages are keyed by NAME, never by pid (Twine renumbers pids on every
publish). Writes Twee 3 that asks for our own story format "Draaiboek" and carries the
compiled case, so Play in Twine shows the case as the book does (see twine_format.py).

The passage rules (the README's Twine guide tells them in Dutch):

- one passage `Casus` (tag `casus`) holds the case fields as YAML (titel, samenvatting,
  gezin, hoofdstukken, kaarten, indicatoren, trainer; `start:` only when Twine's start
  passage is `Casus` itself);
- every other passage is a scene named by its id, tag `bezoek-N` (or a field `bezoek: N`).
  Its text is YAML with the scene fields without `naar`, a line `--`, then one link per choice
  or route: `[[choice text->next-scene]]`, `[[Verder->x]]` for a route without a condition,
  `[[Verder als vertrouwen >= 5->x]]` for one with. Links are matched to the choices by
  their text (the label), never by their order;
- Twine's start passage ("Start Story Here") is the case's start scene;
- passages tagged `script` or `stylesheet` are ignored (with a note); an empty passage
  (Twine makes one for every new link) is an error that names it;
- story-format code (macros.py) is an error.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from ..problems import ContentError, Problem, problems_from_validation
from ..yamlfile import YamlDocument, read_yaml
from .macros import find_macros
from .schema import Case, TwineMap

CASE_PASSAGE = "Casus"
SEPARATOR = "--"
FORMAT_NAME = "Draaiboek"
FORMAT_VERSION = "1.0.0"
DEFAULT_SIZE = (100, 100)
SPECIAL = {"StoryTitle", "StoryData"}
IGNORED_TAGS = ("script", "stylesheet")
# Twine 2.0-2.5 filled a new passage with this text (2.6+ leaves it empty).
TWINE_PLACEHOLDERS = {"Double-click this passage to edit it.",
                      "Tap this passage, then select Edit to edit it."}
# The compiled case our export puts in the story JavaScript, for the Draaiboek story format.
DATA_START = "/* draaiboek-casus */ window.draaiboekCasus = "
DATA_END = "/* einde draaiboek-casus */"

_HEADER = re.compile(r"^::\s*(?P<rest>.*)$")
_LINK = re.compile(r"\[\[(?P<body>.+?)\]\](?!\])")
_GUIDE = "zie de README, deel 'Casussen tekenen in Twine'"


@dataclass
class Passage:
    name: str
    tags: list[str]
    metadata: dict
    text: str
    line: int  # line of the header (Twee) or of <tw-passagedata> (HTML) in the file
    first: int = 0  # line in the file of the text's first line

    def __post_init__(self) -> None:
        self.first = self.first or self.line + 1


@dataclass
class Story:
    name: str
    passages: list[Passage]
    start: str | None = None
    format: str = ""
    format_version: str = ""
    script: str = ""
    stylesheet: str = ""
    line: int = 1

    def passage(self, name: str) -> Passage | None:
        return next((p for p in self.passages if p.name == name), None)


@dataclass
class Imported:
    """A case read from Twine, with what the author should know and where each field is."""

    case_id: str
    case: Case
    file: str
    notes: list[str] = field(default_factory=list)
    doc: "TwineDoc | None" = None


# --- reading --------------------------------------------------------------------------

def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _escape(text: str) -> str:
    return re.sub(r"([\[\]{}\\])", r"\\\1", text)


def parse_twee(source: str, file: str) -> Story:
    """A Twee 3 file as a story (StoryTitle and StoryData read, not kept as passages)."""
    passages: list[Passage] = []
    problems: list[Problem] = []
    current: Passage | None = None
    body: list[str] = []

    def close() -> None:
        if current is not None:
            while body and not body[-1].strip():
                body.pop()
            current.text = "\n".join(line[1:] if line.startswith("\\::") else line
                                     for line in body)
            passages.append(current)

    for number, line in enumerate(source.lstrip("\ufeff").splitlines(), start=1):
        header = _HEADER.match(line)
        if not header:
            body.append(line)
            continue
        close()
        body = []
        rest = header.group("rest")
        name_match = re.match(r"(?P<name>(?:\\.|[^\[{\\])+)", rest)
        name = _unescape(name_match.group("name")).strip() if name_match else ""
        rest = rest[name_match.end():].strip() if name_match else rest
        tags: list[str] = []
        if rest.startswith("["):
            end = rest.find("]")
            tags = _unescape(rest[1:end]).split()
            rest = rest[end + 1:].strip()
        metadata: dict = {}
        if rest.startswith("{"):
            try:
                metadata = json.loads(rest)
            except json.JSONDecodeError:
                metadata = {}  # the specification says: warn and continue
        if not name:
            problems.append(Problem(file, "een passage heeft geen naam.",
                                    "Schrijf na '::' de naam van de passage.", number))
        current = Passage(name, tags, metadata, "", number)
    close()
    if problems:
        raise ContentError(problems)
    story = Story("", [p for p in passages if p.name not in SPECIAL])
    for p in passages:
        if p.name == "StoryTitle":
            story.name = p.text.strip()
        elif p.name == "StoryData":
            try:
                data = json.loads(p.text)
            except json.JSONDecodeError as exc:
                raise ContentError([Problem(
                    file, f"de passage 'StoryData' is geen geldige JSON ({exc.msg}).",
                    "Exporteer het verhaal opnieuw uit Twine (Build → Export as Twee).",
                    p.first + exc.lineno - 1, "passage 'StoryData'")]) from None
            story.start = data.get("start")
            story.format = data.get("format", "")
            story.format_version = data.get("format-version", "")
    return story


class _TwineHTML(HTMLParser):
    """Collects <tw-storydata> elements with their passages, script and stylesheet."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stories: list[dict] = []
        self.twine1 = False
        self._passage: dict | None = None
        self._role: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {k: (v or "") for k, v in attrs}
        story = self.stories[-1] if self.stories else None
        if tag == "tw-storydata":
            self.stories.append({"attrs": attributes, "passages": [], "script": "",
                                 "stylesheet": "", "line": self.getpos()[0], "open": True})
        elif tag == "tw-passagedata" and story and story["open"]:
            self._passage = {"attrs": attributes, "line": self.getpos()[0]}
            self._buffer = []
        elif tag in ("script", "style") and story and story["open"] and \
                attributes.get("role") in IGNORED_TAGS:
            self._role = attributes["role"]
            self._buffer = []
        elif tag == "div" and attributes.get("id") == "storeArea":
            self.twine1 = True

    def handle_data(self, data: str) -> None:
        if self._passage is not None or self._role:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tw-passagedata" and self._passage is not None:
            self._passage["text"] = "".join(self._buffer)
            self.stories[-1]["passages"].append(self._passage)
            self._passage = None
        elif tag in ("script", "style") and self._role:
            self.stories[-1][self._role] += "".join(self._buffer)
            self._role = None
        elif tag == "tw-storydata" and self.stories:
            self.stories[-1]["open"] = False


def _metadata(attrs: dict) -> dict:
    return {k: attrs[k] for k in ("position", "size") if attrs.get(k)}


def parse_html(source: str, file: str) -> list[Story]:
    """Every story in a Twine 2 HTML file: published, archive or Tweego/extwee build."""
    parser = _TwineHTML()
    parser.feed(source)
    parser.close()
    if not parser.stories:
        if parser.twine1:
            fix = ("Open het in Twine 2 (Library → Import) en publiceer het opnieuw met "
                   "Build → Publish to File.")
            raise ContentError([Problem(file, "dit is een verhaal uit Twine 1; dat kan ik niet "
                                        "lezen.", fix)])
        raise ContentError([Problem(
            file, "dit bestand is geen Twine-verhaal: er staat geen <tw-storydata> in.",
            "Gebruik in Twine Build → Publish to File of Build → Export as Twee, of "
            "Library → Archive voor een archief.")])
    stories = []
    for raw in parser.stories:
        attrs = raw["attrs"]
        passages = []
        pids = {}
        for item in raw["passages"]:
            a = item["attrs"]
            text = item["text"].replace("\r\n", "\n")
            lines = text.split("\n")
            while lines and not lines[-1].strip():
                lines.pop()
            passages.append(Passage(a.get("name", ""), a.get("tags", "").split(), _metadata(a),
                                    "\n".join(lines), item["line"], item["line"]))
            pids[a.get("pid", "")] = a.get("name", "")
        stories.append(Story(attrs.get("name", ""), passages, pids.get(attrs.get("startnode")),
                             attrs.get("format", ""), attrs.get("format-version", ""),
                             raw["script"], raw["stylesheet"], raw["line"]))
    return stories


def is_html(source: str, file: str) -> bool:
    return Path(file).suffix.lower() in (".html", ".htm") or \
        "<tw-storydata" in source[:200000].lower() or source.lstrip().startswith("<")


def choose_story(stories: list[Story], name: str | None, file: str) -> tuple[Story, list[str]]:
    """The one story to import from an archive: by name, or the only case in it."""
    names = ", ".join(f"'{s.name}'" for s in stories)
    if name is not None:
        for story in stories:
            if story.name == name:
                return story, []
        raise ContentError([Problem(file, f"er staat geen verhaal '{name}' in.",
                                    f"Kies een van deze namen: {names}.")])
    if len(stories) == 1:
        return stories[0], []
    cases = [s for s in stories if s.passage(CASE_PASSAGE)]
    if len(cases) == 1:
        return cases[0], [f"Het archief bevat {len(stories)} verhalen; alleen "
                          f"'{cases[0].name}' is een casus. Die lees ik in."]
    raise ContentError([Problem(
        file, f"dit archief bevat {len(stories)} verhalen ({names}).",
        "Kies er één met --verhaal \"naam\" (de naam zoals Twine hem toont).")])


def read_twine(source: str, file: str, story_name: str | None = None) -> tuple[Story, list[str]]:
    """The story in a Twee or Twine HTML file (and notes for the author)."""
    if is_html(source, file):
        return choose_story(parse_html(source, file), story_name, file)
    story = parse_twee(source, file)
    if story_name is not None and story_name != story.name:
        raise ContentError([Problem(file, f"dit Twee-bestand bevat het verhaal '{story.name}', "
                                    f"niet '{story_name}'.", "Laat --verhaal weg.")])
    return story, []


# --- links and labels -----------------------------------------------------------------

def link_label(text: str) -> str:
    """A choice text as a link label Twine can hold: one line, no `[ ] |`, no arrows."""
    label = " ".join(text.split())
    for old, new in (("[", "("), ("]", ")"), ("|", "/"), ("->", "→"), ("<-", "←")):
        label = label.replace(old, new)
    return label


def route_label(als: list[str]) -> str:
    return link_label("Verder als " + " en ".join(als)) if als else "Verder"


def parse_link(body: str) -> tuple[str, str]:
    """(label, target) of a Twine link in any of its forms (twinejs parse-links.ts)."""
    body = body.split("][", 1)[0]
    if "->" in body:
        label, target = body.rsplit("->", 1)
    elif "<-" in body:
        target, label = body.split("<-", 1)
    elif "|" in body:
        label, target = body.split("|", 1)
    else:
        label = target = body
    return label.strip(), target.strip()


@dataclass
class _Link:
    label: str
    target: str
    line: int  # inside the passage


# --- where things are ------------------------------------------------------------------

class TwineDoc:
    """Lines of the case's fields in the Twine file, for the validator's messages."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.casus: YamlDocument | None = None
        self.scenes: dict[str, YamlDocument] = {}
        self.links: dict[tuple, int] = {}  # (sid, kind, index) -> file line

    def line_of(self, loc: tuple) -> int | None:
        if loc and loc[0] == "scenes" and len(loc) > 1 and loc[1] in self.scenes:
            sid, rest = loc[1], tuple(loc[2:])
            if len(rest) >= 3 and rest[2] == "naar" and (sid, rest[0], rest[1]) in self.links:
                return self.links[(sid, rest[0], rest[1])]
            passage = self.story.passage(sid)
            if not rest:
                return passage.line if passage else None
            return self.scenes[sid].line_of(rest)
        if loc and loc[0] == "start":
            passage = self.story.passage(self.story.start or "")
            return passage.line if passage else None
        return self.casus.line_of(tuple(loc)) if self.casus else None

    def where(self, line: int | None) -> tuple[str, int] | None:
        """(passage name, line inside the passage) of a line of the file."""
        if line is None:
            return None
        best = None
        for passage in self.story.passages:
            if passage.line <= line and (best is None or passage.line > best.line):
                best = passage
        if best is None:
            return None
        return best.name, max(1, line - best.first + 1)


def in_passages(problems: list[Problem], doc: TwineDoc) -> list[Problem]:
    """Problems told with the passage and the line inside it, as Twine shows them."""
    told = []
    for problem in problems:
        place = doc.where(problem.line)
        if place:
            where = f"passage '{place[0]}', regel {place[1]}"
            told.append(Problem(problem.file, problem.message, problem.fix, problem.line,
                                f"{where}; {problem.place}" if problem.place else where))
        else:
            told.append(problem)
    return told


def _yaml(passage: Passage, text: str, file: str) -> YamlDocument:
    """A passage's YAML; errors name the passage and the line inside it (in Dutch)."""
    try:
        doc = read_yaml(text, file, passage.first)
    except ContentError as exc:
        raise ContentError([Problem(p.file, p.message, p.fix, p.line,
                                    f"passage '{passage.name}', regel "
                                    f"{(p.line or passage.first) - passage.first + 1}")
                            for p in exc.problems]) from None
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        raise ContentError([Problem(file, f"passage '{passage.name}' bevat geen velden.",
                                    "Schrijf de velden als 'naam: waarde' (YAML), "
                                    f"{_GUIDE}.", passage.line,
                                    f"passage '{passage.name}', regel 1")])
    return doc


def _problem(file: str, passage: Passage, line: int, message: str, fix: str) -> Problem:
    """`line` is inside the passage (1-based)."""
    return Problem(file, message, fix, passage.first + line - 1,
                   f"passage '{passage.name}', regel {line}")


# --- import --------------------------------------------------------------------------

def _is_our_data(text: str) -> bool:
    return DATA_START.strip() in text


def _numbers(text: str) -> list[int | float] | None:
    try:
        values = [float(x) for x in str(text).split(",")]
    except ValueError:
        return None
    if len(values) != 2:
        return None
    return [int(v) if v == int(v) else v for v in values]


def auto_layout(case: Case) -> dict[str, list[int]]:
    """Where the export puts each scene when the case keeps no position: a column per
    visit, scenes side by side in their order."""
    column: dict[int, int] = {}
    where = {}
    for sid, scene in case.scenes.items():
        x = column.get(scene.bezoek, 0)
        column[scene.bezoek] = x + 1
        where[sid] = [200 + 175 * x, 150 * scene.bezoek]
    return where


def _twine_map(metadata: dict, auto: list | None) -> dict | None:
    position = _numbers(metadata.get("position", ""))
    size = _numbers(metadata.get("size", ""))
    if size == list(DEFAULT_SIZE):
        size = None
    if position is None or (position == auto and size is None):
        return None
    return {"positie": position, **({"grootte": size} if size else {})}


def _match_links(file: str, passage: Passage, kind: str, items: list[dict],
                 links: list[_Link], notes: list[str]) -> list[Problem]:
    """Sets `naar` (and a missing `tekst`) on each choice or route from its link, matched
    by label. A choice whose text changed in Twine takes the new label (said in notes)."""
    def key(item: dict) -> str | None:
        if kind == "verder":
            return route_label(list(item.get("als") or []))
        return link_label(str(item["tekst"])) if item.get("tekst") is not None else None

    def name(index: int) -> str:
        item = items[index]
        return f"keuze '{item.get('id', index + 1)}'" if kind == "keuzes" else \
            f"route {index + 1} ('{route_label(list(item.get('als') or []))}')"

    free = list(range(len(links)))
    match: dict[int, int] = {}
    for index, item in enumerate(items):
        wanted = key(item)
        hit = next((j for j in free if links[j].label == wanted), None)
        if hit is not None:
            match[index] = hit
            free.remove(hit)
    left = [i for i in range(len(items)) if i not in match]
    without_text = [i for i in left if key(items[i]) is None]
    changed = [i for i in left if key(items[i]) is not None]
    # New choices without a 'tekst' take text and target from the free links, in order.
    if without_text and len(without_text) + len(changed) == len(free) and not changed:
        for index, j in zip(without_text, free):
            match[index] = j
            items[index]["tekst"] = links[j].label
        free = []
        left = []
    elif len(changed) == 1 and len(free) == 1 and not without_text:
        index, j = changed[0], free[0]
        if kind == "keuzes":
            notes.append(f"Passage '{passage.name}', {name(index)}: de tekst is in Twine "
                         f"veranderd en is nu '{links[j].label}' (was "
                         f"'{items[index]['tekst']}').")
            items[index]["tekst"] = links[j].label
            match[index] = j
            free, left = [], []
    if left or free:
        wrong = "; ".join(f"{name(i)} heeft geen link" for i in left)
        extra = "; ".join(f"de link '{links[j].label}' (regel {links[j].line}) hoort bij geen "
                          f"{'keuze' if kind == 'keuzes' else 'route'}" for j in free)
        line = links[free[0]].line if free else 1
        return [_problem(file, passage, line,
                         f"de links passen niet bij de {kind}: "
                         + "; ".join(x for x in (wrong, extra) if x) + ".",
                         "Geef elke link als tekst precies de 'tekst:' van zijn keuze "
                         "(of 'Verder' / 'Verder als <voorwaarde>' voor een route), één link "
                         f"per keuze of route; {_GUIDE}.")]
    order = [match[i] for i in range(len(items))]
    if order != sorted(order):
        notes.append(f"Passage '{passage.name}': de links staan in een andere volgorde dan de "
                     f"{kind}; ik heb ze op hun tekst gekoppeld, niet op hun plaats. De volgorde "
                     f"van de {kind} blijft die van de YAML.")
    for index, item in enumerate(items):
        link = links[match[index]]
        if item.get("naar") is not None and item["naar"] != link.target:
            return [_problem(file, passage, link.line,
                             f"{name(index)} heeft 'naar: {item['naar']}' in de YAML, maar de "
                             f"link gaat naar '{link.target}'.",
                             "Laat 'naar:' weg: de link bepaalt waar de keuze heen gaat.")]
        item["naar"] = link.target
    return []


def import_story(story: Story, file: str, reference: Case | None = None,
                 notes: list[str] | None = None) -> Imported:
    """A Twine story as a validated case; every problem names the passage and its line.
    `reference`: the case as it is now in cases/ (its map layout is the default)."""
    from pydantic import ValidationError

    notes = list(notes or [])
    by_name = {p.name: p for p in story.passages}
    casus = by_name.get(CASE_PASSAGE)
    if casus is None:
        what = f"het verhaal '{story.name}'" if story.name else "dit verhaal"
        fmt = f" (verhaalformaat {story.format} {story.format_version})".rstrip() \
            if story.format else ""
        fmt = fmt.replace(" )", ")")
        raise ContentError([Problem(
            file, f"{what}{fmt} is geen casus: de passage '{CASE_PASSAGE}' ontbreekt.",
            "Begin met een export van een bestaande casus (draaiboek casus exporteer <id>) en "
            f"importeer die in Twine, of maak een passage '{CASE_PASSAGE}' met de velden van "
            f"de casus; {_GUIDE}.", story.line)])
    problems: list[Problem] = []
    seen: dict[str, Passage] = {}
    for passage in story.passages:
        if passage.name in seen:
            problems.append(Problem(file, f"er zijn twee passages met de naam '{passage.name}'.",
                                    "Geef elke passage een eigen naam.", passage.line,
                                    f"passage '{passage.name}'"))
        seen[passage.name] = passage
    if story.script.strip() and not _is_our_data(story.script):
        notes.append("Het JavaScript van het verhaal (Story → JavaScript) heb ik overgeslagen: "
                     "een casus voert geen code uit.")
    if story.stylesheet.strip():
        notes.append("De stylesheet van het verhaal (Story → Stylesheet) heb ik overgeslagen: "
                     "de casus krijgt de opmaak van het boek.")
    scenes_passages = []
    for passage in story.passages:
        if any(t in passage.tags for t in IGNORED_TAGS):
            if not _is_our_data(passage.text):
                kind = "script" if "script" in passage.tags else "stylesheet"
                notes.append(f"Passage '{passage.name}' (tag {kind}) heb ik overgeslagen.")
            continue
        if not passage.text.strip() or passage.text.strip() in TWINE_PLACEHOLDERS:
            problems.append(Problem(
                file, f"passage '{passage.name}' is leeg. Twine maakt zo'n passage als je een "
                "link naar een nieuwe naam schrijft.",
                "Schrijf er een scène in (titel, tekst, keuzes/verder/einde, --, links) of "
                "verwijder de passage en de link ernaartoe.", passage.line,
                f"passage '{passage.name}'"))
            continue
        for macro in find_macros(passage.text):
            problems.append(_problem(
                file, passage, macro.line,
                f"'{macro.code}' is code van het verhaalformaat {macro.format}; die kan de "
                "casus niet uitvoeren.",
                "Schrijf effecten en voorwaarden als YAML boven de lijn '--' "
                f"(effecten:, als:); {_GUIDE}."))
        if passage is not casus:
            scenes_passages.append(passage)
    if problems:
        raise ContentError(problems)

    doc = TwineDoc(story)
    doc.casus = _yaml(casus, casus.text, file)
    data = dict(doc.casus.data)
    scenes: dict = {}
    positions: dict[str, dict] = {}
    for passage in scenes_passages:
        lines = passage.text.split("\n")
        cut = next((i for i, line in enumerate(lines) if line.strip() == SEPARATOR), None)
        head = "\n".join(lines[:cut] if cut is not None else lines)
        links = []
        if cut is not None:
            for number, line in enumerate(lines[cut + 1:], start=cut + 2):
                links += [_Link(*parse_link(m["body"]), number) for m in _LINK.finditer(line)]
        try:
            scene_doc = _yaml(passage, head, file)
        except ContentError as exc:
            problems += exc.problems
            continue
        doc.scenes[passage.name] = scene_doc
        scene = scene_doc.data
        kind = "keuzes" if scene.get("keuzes") else "verder" if scene.get("verder") else None
        items = scene.get(kind) if kind else []
        if kind and not (isinstance(items, list) and all(isinstance(i, dict) for i in items)):
            problems.append(_problem(file, passage, 1, f"'{kind}' is geen lijst van velden.",
                                     f"Schrijf elke keuze als '- id: ...'; {_GUIDE}."))
            continue
        if kind:
            problems += _match_links(file, passage, kind, items, links, notes)
            for index, item in enumerate(items):
                hit = next((lk for lk in links if lk.target == item.get("naar")
                            and lk.label in (link_label(str(item.get("tekst", ""))),
                                             route_label(list(item.get("als") or [])))), None)
                if hit:
                    doc.links[(passage.name, kind, index)] = passage.first + hit.line - 1
        elif links:
            problems.append(_problem(file, passage, links[0].line,
                                     "de passage heeft links maar geen keuzes of verder in de "
                                     "YAML.", "Voeg 'keuzes:' of 'verder:' toe, of haal de links "
                                     "weg (een einde heeft geen links)."))
            continue
        tags = [t for t in passage.tags if re.fullmatch(r"bezoek-\d+", t)]
        if tags:
            visit = int(tags[0].split("-", 1)[1])
            if "bezoek" in scene and scene["bezoek"] != visit:
                problems.append(_problem(file, passage, 1,
                                         f"de tag {tags[0]} en 'bezoek: {scene['bezoek']}' "
                                         "zeggen iets anders.",
                                         "Houd één van beide over, of maak ze gelijk."))
            scene.setdefault("bezoek", visit)
        positions[passage.name] = passage.metadata
        scenes[passage.name] = scene
    if problems:
        raise ContentError(problems)

    start = story.start
    if start == CASE_PASSAGE or not start:
        if "start" not in data:
            raise ContentError([Problem(
                file, f"de startpassage van het verhaal is '{CASE_PASSAGE}', en de passage "
                f"'{CASE_PASSAGE}' zegt niet met welke scène de casus begint.",
                "Kies in Twine de eerste scène en klik op 'Start Story Here', of schrijf "
                f"'start: <scène>' in de passage '{CASE_PASSAGE}'.", casus.line,
                f"passage '{CASE_PASSAGE}'")])
    else:
        if "start" in data and data["start"] != start:
            notes.append(f"De passage '{CASE_PASSAGE}' zegt 'start: {data['start']}', maar in "
                         f"Twine begint het verhaal bij '{start}' (Start Story Here). De casus "
                         f"begint nu bij '{start}'.")
        data["start"] = start
    data["scenes"] = scenes
    if _twine_map(casus.metadata, [0, 0]):
        data["twine"] = _twine_map(casus.metadata, [0, 0])
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise ContentError(in_passages(problems_from_validation(exc, file, doc.line_of, Case),
                                       doc)) from None
    # Positions: kept only where they differ from the export's own layout of the case.
    layout = auto_layout(reference if reference is not None else case)
    scenes_with_map = {}
    for sid, scene in case.scenes.items():
        twine = _twine_map(positions.get(sid, {}), layout.get(sid))
        scenes_with_map[sid] = scene.model_copy(
            update={"twine": TwineMap.model_validate(twine) if twine else None})
    case = case.model_copy(update={"scenes": scenes_with_map})
    case_id = re.sub(r"[^a-z0-9]+", "-", (story.name or case.titel).lower()).strip("-")
    return Imported(case_id, case, file, notes, doc)


def import_twine(source: str, file: str, story_name: str | None = None,
                 reference: Case | None = None) -> Imported:
    """Read a Twee or Twine HTML file as a case (see read_twine and import_story)."""
    story, notes = read_twine(source, file, story_name)
    return import_story(story, file, reference, notes)


def import_twee(source: str, file: str) -> tuple[str, Case]:
    """(case id, case) of a Twee or Twine HTML text."""
    imported = import_twine(source, file)
    return imported.case_id, imported.case


def check_imported(imported: Imported, root: Path, known_cards: set[str] | None) -> list[Problem]:
    """The validator's story checks on an imported case, told with passage and line."""
    from .loader import LoadedCase
    from .validator import errors

    text = case_yaml(imported.case)
    loaded = LoadedCase(imported.case_id, imported.case, imported.file, imported.doc, None,
                        hashlib.sha256(text.encode()).hexdigest())
    return in_passages(errors(loaded, root, known_cards), imported.doc)


def case_yaml(case: Case) -> str:
    """A new case file's text (an existing file is updated by casefile.update_case_text)."""
    return yaml.safe_dump(case.model_dump(mode="json", exclude_defaults=True),
                          allow_unicode=True, sort_keys=False, width=100)


# --- export --------------------------------------------------------------------------

class _TwineDumper(yaml.SafeDumper):
    """YAML for a passage: a text with `[[` or `]]` is double-quoted with those brackets
    escaped, so Twine never sees a link (or makes an empty passage for it) in the YAML."""


def _str(dumper: yaml.SafeDumper, value: str):
    if "[[" in value or "]]" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_TwineDumper.add_representer(str, _str)


def _dump(data) -> str:
    text = yaml.dump(data, Dumper=_TwineDumper, allow_unicode=True, sort_keys=False,
                     width=100).rstrip("\n")
    return text.replace("[[", "[\\x5B").replace("]]", "\\x5D]")


def fingerprint(passages: list[tuple[str, str]]) -> str:
    """FNV-1a (32 bit, over UTF-16 code units) of the passages' names and texts, sorted by
    name; the story format's bootstrap computes the same to see whether the passages
    changed in Twine since the export."""
    value = 0x811C9DC5
    for name, text in sorted(passages):
        for unit in memoryview(f"{name}\n{text}\n\u0000".encode("utf-16-le")).cast("H"):
            value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def export_twee(case_id: str, case: Case, compiled: dict | None = None) -> str:
    """The case as Twee 3 for the story format Draaiboek; `compiled` (compile_case's JSON
    for a region) goes into the story JavaScript so Play in Twine shows the case."""
    head = case.model_dump(mode="json", exclude={"scenes", "start", "twine"},
                           exclude_defaults=True)
    ifid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"draaiboek:casus:{case_id}")).upper()
    story = {"ifid": ifid, "format": FORMAT_NAME, "format-version": FORMAT_VERSION,
             "start": case.start, "zoom": 1}

    def meta(twine, position: list) -> str:
        where = twine.positie if twine else position
        data = {"position": ",".join(str(v) for v in where)}
        if twine and twine.grootte:
            data["size"] = ",".join(str(v) for v in twine.grootte)
        return json.dumps(data, separators=(",", ":"))

    passages = [(CASE_PASSAGE, ["casus"], meta(case.twine, [0, 0]), _dump(head))]
    layout = auto_layout(case)
    for sid, scene in case.scenes.items():
        data = scene.model_dump(mode="json", exclude_defaults=True, exclude={"twine"})
        data.pop("bezoek", None)
        links = []
        for item in data.get("keuzes", []):
            links.append(f"[[{link_label(item['tekst'])}->{item.pop('naar')}]]")
        for item in data.get("verder", []):
            links.append(f"[[{route_label(item.get('als', []))}->{item.pop('naar')}]]")
        text = _dump(data) + (f"\n{SEPARATOR}\n" + "\n".join(links) if links else "")
        passages.append((sid, [f"bezoek-{scene.bezoek}"], meta(scene.twine, layout[sid]), text))
    parts = [f":: StoryTitle\n{case_id}", f":: StoryData\n{json.dumps(story, indent=2)}"]
    for name, tags, metadata, text in passages:
        text = "\n".join("\\" + line if line.startswith("::") else line
                         for line in text.splitlines())
        parts.append(f":: {_escape(name)} [{' '.join(tags)}] {metadata}\n{text}")
    if compiled is not None:
        mark = fingerprint([(name, text) for name, _, _, text in passages])
        # no '<' at all: the JSON sits in a <script> element of the published page
        data = json.dumps(compiled, ensure_ascii=False).replace("<", "\\u003c")
        parts.append(f":: Draaiboek-speler [script]\n{DATA_START}{data};\n"
                     f"window.draaiboekVingerafdruk = \"{mark}\";\n{DATA_END}")
    return "\n\n\n".join(parts) + "\n"
