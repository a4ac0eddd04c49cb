"""Twee 3 import and export, so that authors can draw a case in Twine's map.

The passage convention (also in the README):

- one passage named `Casus`, tagged `casus`, holds the case fields as YAML
  (titel, samenvatting, gezin, hoofdstukken, kaarten, indicatoren, trainer);
- every other passage is a scene, named by its id and tagged `bezoek-N`. Its text is YAML
  with the scene fields (titel, tekst, and keuzes / verder / einde) without `naar`, then a
  line `--`, then one Twine link per choice or route, in the same order:
  `[[what you do->next-scene]]` (the label is the choice's text, the target its `naar`);
- StoryTitle and StoryData as in the Twee 3 specification; `position` metadata keeps the
  map's layout. Macros of Harlowe or SugarCube cannot be honoured and are an error.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

import yaml

from ..problems import ContentError, Problem
from .schema import Case

CASE_PASSAGE = "Casus"
SEPARATOR = "--"
_HEADER = re.compile(r"^::\s*(?P<rest>.*)$")
_LINK = re.compile(r"\[\[(?P<body>.+?)\]\]")
_MACRO = re.compile(r"\(\s*(set|if|else|unless|link|goto|print|display)\s*:|<<\s*\w+|\$[A-Za-z_]\w*")
SPECIAL = {"StoryTitle", "StoryData"}


@dataclass
class Passage:
    name: str
    tags: list[str]
    metadata: dict
    text: str
    line: int


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _escape(text: str) -> str:
    return re.sub(r"([\[\]{}\\])", r"\\\1", text)


def parse_twee(source: str, file: str) -> list[Passage]:
    """Passages of a Twee 3 file (names, tags, metadata, text without trailing blanks)."""
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

    for number, line in enumerate(source.splitlines(), start=1):
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
    return passages


def _link(body: str) -> tuple[str, str]:
    """(label, target) of a Twine link in any of its forms."""
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


def import_twee(source: str, file: str) -> tuple[str, Case]:
    """A Twee story as (case id, validated case); every problem names the passage."""
    from pydantic import ValidationError

    from ..problems import problems_from_validation

    passages = parse_twee(source, file)
    problems: list[Problem] = []
    by_name = {p.name: p for p in passages}
    for passage in passages:
        if passage.name not in SPECIAL and _MACRO.search(passage.text):
            problems.append(Problem(
                file, f"passage '{passage.name}' bevat een macro van Harlowe of SugarCube "
                f"('{_MACRO.search(passage.text).group(0)}'). Die kan de casus niet uitvoeren.",
                "Schrijf effecten en voorwaarden als YAML boven de lijn '--' "
                "(zie README, deel Twine).", passage.line))
    if CASE_PASSAGE not in by_name:
        problems.append(Problem(file, f"de passage '{CASE_PASSAGE}' ontbreekt.",
                                f"Maak een passage '{CASE_PASSAGE}' met de velden van de casus "
                                "(titel, gezin, indicatoren, ...).", 1))
    if problems:
        raise ContentError(problems)
    data = _yaml(by_name[CASE_PASSAGE], file)
    story = json.loads(by_name["StoryData"].text) if "StoryData" in by_name else {}
    data.setdefault("start", story.get("start", "Start"))
    scenes: dict = {}
    for passage in passages:
        if passage.name in SPECIAL or passage.name == CASE_PASSAGE:
            continue
        head, _, links_text = passage.text.partition(f"\n{SEPARATOR}\n")
        if passage.text.startswith(f"{SEPARATOR}\n"):
            head, links_text = "", passage.text[len(SEPARATOR) + 1:]
        scene = _yaml(Passage(passage.name, [], {}, head, passage.line), file)
        links = [_link(m.group("body")) for m in _LINK.finditer(links_text)]
        kind = "keuzes" if "keuzes" in scene else "verder" if "verder" in scene else None
        items = scene.get(kind, []) if kind else []
        if kind and len(items) != len(links):
            problems.append(Problem(file, f"passage '{passage.name}' heeft {len(items)} "
                                    f"{kind} in de YAML maar {len(links)} links.",
                                    "Zet onder '--' precies één link per keuze of route.",
                                    passage.line))
            continue
        if not kind and links:
            problems.append(Problem(file, f"passage '{passage.name}' heeft links maar geen "
                                    "keuzes of verder in de YAML.",
                                    "Voeg 'keuzes:' toe of haal de links weg.", passage.line))
            continue
        for item, (label, target) in zip(items, links):
            item["naar"] = target
            if kind == "keuzes":
                item.setdefault("tekst", label)
        if "bezoek" not in scene:
            tag = next((t for t in passage.tags if t.startswith("bezoek-")), None)
            if tag:
                scene["bezoek"] = int(tag.split("-", 1)[1])
        scenes[passage.name] = scene
    if problems:
        raise ContentError(problems)
    data["scenes"] = scenes
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise ContentError(problems_from_validation(exc, file, lambda loc: None, Case)) from None
    case_id = re.sub(r"[^a-z0-9]+", "-", by_name.get("StoryTitle", Passage(
        "", [], {}, case.titel, 0)).text.strip().lower()).strip("-")
    return case_id, case


def _yaml(passage: Passage, file: str) -> dict:
    try:
        data = yaml.safe_load(passage.text) if passage.text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = passage.line + 1 + mark.line if mark else passage.line
        raise ContentError([Problem(file, f"de YAML in passage '{passage.name}' klopt niet.",
                                    "Kijk de inspringing en de dubbele punten na.", line)]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(file, f"passage '{passage.name}' bevat geen velden.",
                                    "Schrijf de velden als 'naam: waarde'.", passage.line)])
    return data


def export_twee(case_id: str, case: Case) -> str:
    """The case as Twee 3, with the map laid out by visit."""
    def dump(data) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).rstrip("\n")

    head = case.model_dump(mode="json", exclude={"scenes", "start"}, exclude_defaults=True)
    ifid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"draaiboek:casus:{case_id}")).upper()
    story = {"ifid": ifid, "format": "Chapbook", "format-version": "2.0.0",
             "start": case.start, "zoom": 1}
    parts = [f":: StoryTitle\n{case_id}", f":: StoryData\n{json.dumps(story, indent=2)}",
             f":: {CASE_PASSAGE} [casus] {{\"position\":\"0,0\"}}\n{dump(head)}"]
    column: dict[int, int] = {}
    for sid, scene in case.scenes.items():
        data = scene.model_dump(mode="json", exclude_defaults=True)
        data.pop("bezoek", None)
        targets = []
        for kind in ("keuzes", "verder"):
            for item in data.get(kind, []):
                targets.append((item.get("tekst", "Verder"), item.pop("naar")))
        x = column.get(scene.bezoek, 0)
        column[scene.bezoek] = x + 1
        position = json.dumps({"position": f"{200 + 175 * x},{150 * scene.bezoek}"})
        links = "\n".join(f"[[{' '.join(label.split())}->{target}]]" for label, target in targets)
        text = dump(data) + (f"\n{SEPARATOR}\n{links}" if links else "")
        text = "\n".join("\\" + line if line.startswith("::") else line
                         for line in text.splitlines())
        parts.append(f":: {_escape(sid)} [bezoek-{scene.bezoek}] {position}\n{text}")
    return "\n\n\n".join(parts) + "\n"
