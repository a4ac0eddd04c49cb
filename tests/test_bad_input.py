"""The bad-input corpus (DESIGN §7, issue 13): every malformed file a person can hand us —
region profile, card, case, chapter, exercise, Twine story, learner list, submission, zip,
notebook — gets one Dutch message naming the file and the place, exit code 1 (never 2, the
catch-all), no traceback, in under five seconds, and nothing already built or graded is lost.

Each input is run through the real `draaiboek` entry point (`cli.main`, in this process so
that a run costs the work and not Python's start-up), in a small project made once per module
and copied per input. Big and binary inputs (alias bombs, zip bombs, UTF-16) are made here.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import random
import re
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass
from typing import Any
from pathlib import Path

import pytest
import yaml

os.environ["COLUMNS"] = "400"  # rich wraps at 80 columns when not on a terminal

ROOT = Path(__file__).resolve().parents[1]
MINI_CASE = (ROOT / "tests/fixtures/cases/mini.yml").read_text(encoding="utf-8")
CARD = (ROOT / "methods/ecogram.md").read_text(encoding="utf-8")
PROFILE = (ROOT / "regions/nederland.yml").read_text(encoding="utf-8")
EXERCISE_NAME = "h01-thuiscompagnie-in-een-notendop"
EXERCISE = (ROOT / "exercises" / f"{EXERCISE_NAME}.yml").read_text(encoding="utf-8")
CHAPTER = "book/h01-proef.md"
ENGLISH = re.compile(r"\b(Traceback|Error|error|expected|found|not a|invalid|Unknown|"
                     r"directive type|see the above)\b")
SECONDS = 5.0


# --- running the command -------------------------------------------------------------------

def run(cwd: Path, *args: str) -> tuple[int, str, float]:
    from draaiboek.cli import main

    old, argv = os.getcwd(), sys.argv
    out = io.StringIO()
    code = 0
    started = time.perf_counter()
    os.chdir(cwd)
    sys.argv = ["draaiboek", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(old)
        sys.argv = argv
    return code, " ".join(out.getvalue().split()), time.perf_counter() - started


def checksums(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(s in p.parts for s in skip)}


# --- the small project ------------------------------------------------------------------------

def make_project(dest: Path) -> Path:
    """Two regions, eleven one-paragraph chapters, one card, one case, one exercise."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "_config.yml", dest)
    # The two required profiles with their word lists and term meanings; no overlays and no
    # region texts (their places are not in this small book).
    (dest / "regions").mkdir()
    for name in ("vlaanderen.yml", "nederland.yml", "termen.yml"):
        shutil.copy2(ROOT / "regions" / name, dest / "regions" / name)
    shutil.copytree(ROOT / "regions/woorden", dest / "regions/woorden")
    (dest / "methods").mkdir()
    shutil.copy2(ROOT / "methods/ecogram.md", dest / "methods")
    shutil.copy2(ROOT / "methods/index.md", dest / "methods")
    (dest / "cases").mkdir()
    shutil.copy2(ROOT / "cases/index.md", dest / "cases")
    (dest / "cases/mini.yml").write_text(MINI_CASE, encoding="utf-8")
    (dest / "book").mkdir()
    # Every term is used once, as the region check asks of a real book.
    terms = yaml.safe_load((ROOT / "regions/termen.yml").read_text(encoding="utf-8"))
    used = " ".join("{{ %s }}" % term for term in terms)
    (dest / "book/voorwoord.md").write_text(f"# Voorwoord\n\nWelkom.\n\nWoorden: {used}.\n",
                                            encoding="utf-8")
    toc = "format: jb-book\nroot: book/voorwoord\nchapters:\n"
    for number in range(1, 12):
        (dest / f"book/h{number:02d}-proef.md").write_text(
            f"# Hoofdstuk {number}\n\nEen korte pagina.\n\n```{{note}}\nEen notitie.\n```\n\n"
            "Meer tekst.\n", encoding="utf-8")
        toc += f"  - file: book/h{number:02d}-proef\n"
    toc += ("  - file: methods/index\n    sections:\n      - glob: methods/*\n"
            "  - file: cases/index\n    sections:\n      - glob: cases/*\n")
    (dest / "_toc.yml").write_text(toc, encoding="utf-8")
    (dest / "exercises").mkdir()
    return dest


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The small project, built once (learner edition, Netherlands): the 'previous book'."""
    project = make_project(tmp_path_factory.mktemp("klein") / "project")
    code, output, _ = run(project, "build", "--regio", "nederland")
    assert code == 0, output
    return project


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    from draaiboek.course.coursedir import create_course
    from draaiboek.course.learners import import_learners
    from draaiboek.course.release import release_assignment

    folder = tmp_path_factory.mktemp("cursus")
    made = create_course(folder / "groep", ROOT, "nederland", "Testgroep")
    learners = folder / "cursisten.csv"
    learners.write_text("id;voornaam;achternaam\nc01;Anouk;Claes\nc02;Bram;Jacobs\n",
                        encoding="utf-8")
    import_learners(made, learners)
    release_assignment(made, EXERCISE_NAME)
    return made


# --- inputs -----------------------------------------------------------------------------------

def latin1(text: str) -> bytes:
    return ("# é\n" + text).encode("cp1252") if not text.startswith("---") else \
        text.replace("\n", "\n# café\n", 1).encode("cp1252")


def utf16(text: str, bom: bool = True) -> bytes:
    return text.encode("utf-16" if bom else "utf-16-le")


def noise(size: int = 3000) -> bytes:
    return random.Random(13).randbytes(size)


def alias_bomb() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def deep(levels: int = 5000) -> str:
    return "titel: " + "[" * levels + "]" * levels + "\n"


def swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def chain_case(scenes: int) -> str:
    case = yaml.safe_load(MINI_CASE)
    case["start"], case["scenes"] = "s0", {}
    for i in range(scenes):
        case["scenes"][f"s{i}"] = {
            "bezoek": 1, "titel": "Een scène", "tekst": "Tekst.",
            "keuzes": [{"id": f"k{i}", "tekst": "Verder.", "feedback": "Goed.",
                        "principe": "samen doen",
                        "naar": f"s{i + 1}" if i < scenes - 1 else "einde"}]}
    case["scenes"]["einde"] = {"bezoek": 1, "titel": "Einde", "tekst": "Klaar.", "einde": {
        "titel": "Einde", "soort": "sterk", "debrief": "Goed."}}
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


def exploding_case(choices: int = 30) -> str:
    case = yaml.safe_load(chain_case(choices))
    for i in range(choices):
        scene = case["scenes"][f"s{i}"]
        scene["keuzes"].append(dict(scene["keuzes"][0], id=f"b{i}", tekst="Anders."))
    last = case["scenes"][f"s{choices - 1}"]
    for choice in last["keuzes"]:
        choice["naar"] = "laatste"
    case["scenes"]["laatste"] = {"bezoek": 1, "titel": "Laatste", "tekst": "Tekst.", "verder": [
        {"als": [f"gekozen k{i}" for i in range(choices)], "naar": "einde"}, {"naar": "einde"}]}
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


@dataclass
class Bad:
    id: str
    kind: str                      # check | build | twine | csv | submission
    files: dict[str, Any]          # bytes, text or a function of the base; written into the project (or next to the course)
    names: str                     # the file the message must name
    place: str                     # a regex: the place the message must name
    args: tuple[str, ...] = ()
    says: str = ""                 # a regex the message must also match
    seconds: float = SECONDS       # only what needs Sphinx itself may take a build's time


CHECK, BUILD = "check", "build"
LINE = r"regel \d+"
PROFILE_FILE, CARD_FILE, CASE_FILE = "regions/nederland.yml", "methods/ecogram.md", "cases/mini.yml"
EXERCISE_FILE = f"exercises/{EXERCISE_NAME}.yml"


def content_corpus() -> list[Bad]:
    bad: list[Bad] = []
    # Region profiles.
    for kind in (CHECK, BUILD):
        bad += [
            Bad(f"profiel-latin1-{kind}", kind, {PROFILE_FILE: latin1(PROFILE)}, PROFILE_FILE,
                LINE, says="UTF-8"),
            Bad(f"profiel-utf16-{kind}", kind, {PROFILE_FILE: utf16(PROFILE)}, PROFILE_FILE,
                LINE, says="UTF-16"),
            Bad(f"profiel-aliasbom-{kind}", kind, {PROFILE_FILE: PROFILE + alias_bomb()},
                PROFILE_FILE, LINE, says="verwijzing"),
        ]
    bad += [
        Bad("profiel-utf16-zonder-bom", CHECK, {PROFILE_FILE: utf16(PROFILE, False)},
            PROFILE_FILE, LINE, says="UTF-16"),
        Bad("profiel-ruis", CHECK, {PROFILE_FILE: noise()}, PROFILE_FILE, LINE),
        Bad("profiel-te-groot", CHECK, {PROFILE_FILE: PROFILE + "# " + "x" * 3_000_000 + "\n"},
            PROFILE_FILE, r"te groot", says="te groot"),
        Bad("profiel-tab", CHECK, {PROFILE_FILE: swap(PROFILE, "\nnaam:", "\n\tnaam:")},
            PROFILE_FILE, LINE, says="tab"),
        Bad("profiel-aanhalingsteken", CHECK, {PROFILE_FILE: PROFILE + 'extra: "open\n'},
            PROFILE_FILE, LINE),
        Bad("profiel-dubbele-sleutel", CHECK, {PROFILE_FILE: PROFILE + "naam: Nog eens\n"},
            PROFILE_FILE, LINE, says="twee keer"),
        Bad("profiel-lijst", CHECK, {PROFILE_FILE: "- naam: Nederland\n"}, PROFILE_FILE, LINE),
        Bad("profiel-diep", CHECK, {PROFILE_FILE: deep()}, PROFILE_FILE, LINE),
        Bad("profiel-nul", CHECK, {PROFILE_FILE: PROFILE.encode() + b"\x00\n"}, PROFILE_FILE,
            LINE),
        Bad("profiel-apenstaart", CHECK, {PROFILE_FILE: PROFILE + "extra: @iemand\n"},
            PROFILE_FILE, LINE),
    ]
    # Cards.
    bad += [
        Bad("kaart-latin1", CHECK, {CARD_FILE: latin1(CARD)}, CARD_FILE, LINE, says="UTF-8"),
        Bad("kaart-utf16", CHECK, {CARD_FILE: utf16(CARD)}, CARD_FILE, LINE, says="UTF-16"),
        Bad("kaart-ruis", BUILD, {CARD_FILE: noise()}, CARD_FILE, LINE),
        Bad("kaart-zonder-kop", CHECK, {CARD_FILE: CARD.split("---", 2)[2]}, CARD_FILE,
            r"regel \d+|---"),
        Bad("kaart-kop-niet-gesloten", CHECK, {CARD_FILE: CARD.replace("---", "", 2)
                                              .replace("\n", "\n---\n", 0)}, CARD_FILE,
            r"regel \d+|---"),
        Bad("kaart-tab", CHECK, {CARD_FILE: swap(CARD, "\nfasen:", "\n\tfasen:")}, CARD_FILE,
            LINE),
        Bad("kaart-titel-ontbreekt", CHECK, {CARD_FILE: swap(CARD, "titel: Ecogram\n", "")},
            CARD_FILE, r"titel"),
        Bad("kaart-duur-tekst", CHECK, {CARD_FILE: swap(CARD, "duur_minuten: [30, 60]",
                                                        "duur_minuten: een uur")},
            CARD_FILE, r"duur_minuten"),
        Bad("kaart-alias", CHECK, {CARD_FILE: swap(CARD, "niveau: basis",
                                                   "niveau: &n basis\nextra: *n")},
            CARD_FILE, LINE, says="verwijzing"),
        Bad("kaart-open-blok", BUILD, {CARD_FILE: swap(CARD, "## Stappen",
                                                       "```{note}\nLet op.\n\n## Stappen")},
            CARD_FILE, LINE, says="gesloten"),
        Bad("kaart-only-fout", BUILD, {CARD_FILE: swap(CARD, "## Stappen",
                                                       "```{only} regio_nederland or\nX\n```\n"
                                                       "\n## Stappen")},
            CARD_FILE, LINE, says=r"\{only\}"),
    ]
    # Cases.
    bad += [
        Bad("casus-latin1", CHECK, {CASE_FILE: latin1(MINI_CASE)}, CASE_FILE, LINE),
        Bad("casus-utf16", BUILD, {CASE_FILE: utf16(MINI_CASE)}, CASE_FILE, LINE),
        Bad("casus-ruis", CHECK, {CASE_FILE: noise()}, CASE_FILE, LINE),
        Bad("casus-aliasbom", CHECK, {CASE_FILE: MINI_CASE + alias_bomb()}, CASE_FILE, LINE),
        Bad("casus-ontploffing", CHECK, {CASE_FILE: exploding_case()}, CASE_FILE, LINE,
            says="toestanden"),
        Bad("casus-keuzes-als-tekst", CHECK, {CASE_FILE: swap(
            MINI_CASE, "    keuzes:\n      - id: zelf-openen",
            "    keuzes:\n      - Je opent de brieven zelf.\n      - id: zelf-openen")},
            CASE_FILE, r"keuzes"),
        Bad("casus-start-ontbreekt", CHECK, {CASE_FILE: swap(MINI_CASE, "start: post\n", "")},
            CASE_FILE, r"start"),
        Bad("casus-naar-nergens", CHECK, {CASE_FILE: swap(MINI_CASE, "naar: einde-sterk",
                                                          "naar: nergens")},
            CASE_FILE, r"naar"),
        Bad("casus-bezoek-tekst", CHECK, {CASE_FILE: swap(MINI_CASE, "bezoek: 1",
                                                          "bezoek: eerste")},
            CASE_FILE, r"bezoek"),
        Bad("casus-tab", CHECK, {CASE_FILE: swap(MINI_CASE, "\nstart:", "\n\tstart:")},
            CASE_FILE, LINE),
        Bad("casus-dubbele-sleutel", CHECK, {CASE_FILE: MINI_CASE + "start: post\n"},
            CASE_FILE, LINE),
        Bad("casus-diep", CHECK, {CASE_FILE: deep()}, CASE_FILE, LINE),
        Bad("casus-effect-tekst", CHECK, {CASE_FILE: swap(MINI_CASE, "belasting: 2}",
                                                          "belasting: veel}")},
            CASE_FILE, r"effecten"),
    ]
    # Chapters: the build stops and names the line where the block opened.
    page = ("# Hoofdstuk 1\n\nBegin.\n\n{block}\n\n## Oefenverhaal\n\nEen verhaal.\n\n"
            "## Reflectie\n\nDenk na.\n")
    for name, block, says in (
        ("hoofdstuk-open-fence", "```{note}\nLet op.", "gesloten"),
        ("hoofdstuk-open-code", "```python\nprint(1)", "gesloten"),
        ("hoofdstuk-open-tilde", "~~~\ncode", "gesloten"),
        ("hoofdstuk-open-dubbele-punt", ":::{tip}\nEen tip.", "gesloten"),
        ("hoofdstuk-binnenblok-slikt", "````{note}\n```{tip}\nEen tip.\n````", "gesloten"),
        ("hoofdstuk-buitenblok-slikt", "```{note}\nLet op.\n\n```{tip}\nTip.\n```",
         "gesloten"),
        ("hoofdstuk-only-half", "```{only} regio_nederland and\nTekst.\n```", r"\{only\}"),
        ("hoofdstuk-only-leeg", "```{only}\nTekst.\n```", r"\{only\}"),
        ("hoofdstuk-only-haakjes", "```{only} (regio_nederland\nTekst.\n```", r"\{only\}"),
        ("hoofdstuk-only-of", "```{only} regio_nederland of regio_vlaanderen\nTekst.\n```",
         r"\{only\}"),
    ):
        bad.append(Bad(name, BUILD, {CHAPTER: page.format(block=block)}, CHAPTER,
                       r"regel 5\b", says=says))
    bad += [  # found by Sphinx itself: the whole (small) build runs first
        Bad("hoofdstuk-onbekend-blok", BUILD, {CHAPTER: page.format(
            block="```{notte}\nLet op.\n```")}, CHAPTER, r"regel 5\b", says="bestaat niet",
            seconds=120),
    ]
    bad += [
        Bad("hoofdstuk-latin1", BUILD, {CHAPTER: latin1(page.format(block="Café."))},
            CHAPTER, LINE, says="UTF-8"),
        Bad("hoofdstuk-utf16", BUILD, {CHAPTER: utf16(page.format(block="Tekst."))}, CHAPTER,
            LINE, says="UTF-16"),
        Bad("hoofdstuk-ruis", CHECK, {CHAPTER: noise()}, CHAPTER, LINE),
        Bad("inhoudstafel-tab", CHECK, {"_toc.yml": "format: jb-book\n\troot: x\n"},
            "_toc.yml", LINE),
        Bad("config-latin1", CHECK, {"_config.yml": latin1(
            (ROOT / "_config.yml").read_text(encoding="utf-8"))}, "_config.yml", LINE),
    ]
    # Exercises.
    bad += [
        Bad("oefening-latin1", CHECK, {EXERCISE_FILE: latin1(EXERCISE)}, EXERCISE_FILE, LINE),
        Bad("oefening-utf16", CHECK, {EXERCISE_FILE: utf16(EXERCISE)}, EXERCISE_FILE, LINE),
        Bad("oefening-tab", CHECK, {EXERCISE_FILE: swap(EXERCISE, "\nhoofdstuk:",
                                                        "\n\thoofdstuk:")},
            EXERCISE_FILE, LINE),
        Bad("oefening-aliasbom", CHECK, {EXERCISE_FILE: EXERCISE + alias_bomb()},
            EXERCISE_FILE, LINE),
        Bad("oefening-lijst", CHECK, {EXERCISE_FILE: "- vraag: wat?\n"}, EXERCISE_FILE, LINE),
        Bad("oefening-ruis", CHECK, {EXERCISE_FILE: noise()}, EXERCISE_FILE, LINE),
        Bad("oefening-notebook-kapot", CHECK, {
            EXERCISE_FILE: EXERCISE,
            f"exercises/source/{EXERCISE_NAME}/{EXERCISE_NAME}.ipynb": noise()},
            f"exercises/source/{EXERCISE_NAME}/{EXERCISE_NAME}.ipynb", r"oefeningen",
            says="niet bijgewerkt"),
    ]
    return bad


TWEE_BASE_CASE = "mini"


def twine_corpus() -> list[Bad]:
    story = "verhaal.twee"
    bad = [
        Bad("twine-storydata-komma", "twine", {story: lambda twee: swap(twee, '"zoom": 1\n}',
                                                           '"zoom": 1,\n}')},
            story, r"StoryData"),
        Bad("twine-bezoek-tekst", "twine", {story: lambda twee: swap(twee, ":: post [bezoek-1]",
                                                        ":: post [bezoek-een]")},
            story, r"passage 'post'"),
        Bad("twine-keuzes-als-tekst", "twine", {story: lambda twee: swap(
            twee, "keuzes:\n- id: zelf-openen", "keuzes:\n- Je opent de brieven zelf.\n"
            "- id: zelf-openen")}, story, r"passage 'post'"),
        Bad("twine-id-pad", "twine", {story: lambda twee: twee}, story, r"--id", args=("--id", "../buiten")),
        Bad("twine-id-spaties", "twine", {story: lambda twee: twee}, story, r"--id",
            args=("--id", "Mijn Casus")),
        Bad("twine-latin1", "twine", {story: lambda twee: latin1(twee)}, story, LINE, says="UTF-8"),
        Bad("twine-utf16", "twine", {story: lambda twee: utf16(twee)}, story, LINE, says="UTF-16"),
        Bad("twine-ruis", "twine", {"verhaal.html": noise()}, "verhaal.html", LINE),
        Bad("twine-yaml-fout", "twine", {story: lambda twee: swap(twee, "titel: De stapel post",
                                                     "titel: De stapel: post")},
            story, r"passage 'post'"),
        Bad("twine-tab", "twine", {story: lambda twee: swap(twee, "titel: De stapel post",
                                               "\ttitel: De stapel post")},
            story, r"passage 'post'", says="tab"),
        Bad("twine-link-nergens", "twine", {story: lambda twee: swap(twee, "->tweede-bezoek-moe]]",
                                                        "->nergens]]")},
            story, r"passage 'reactie'", args=("--overschrijf",)),
        Bad("twine-geen-casus", "twine", {story: ":: StoryTitle\nx\n\n:: Begin\nHallo\n"},
            story, LINE),
        Bad("twine-html-kapot", "twine", {"verhaal.html": "<tw-storydata name=\"x\" "
                                          "startnode=\"1\"><tw-passagedata pid=\"1\" "
                                          "name=\"a\">"}, "verhaal.html", LINE),
    ]
    return bad


def csv_corpus() -> list[Bad]:
    name = "cursisten.csv"
    good = "id;voornaam;achternaam\nc09;Cor;Dam\n"
    return [
        # (A UTF-16 list is good input: Excel's 'Unicode-tekst' is read, see test_course_lms.)
        Bad("cursisten-rekenblad", "csv", {name: "PK\x03\x04" + "\x00" * 40}, name, LINE),
        Bad("cursisten-kolom-ontbreekt", "csv", {name: "id;voornaam\nc09;Cor\n"}, name, LINE),
        Bad("cursisten-id-spatie", "csv", {name: "id;voornaam;achternaam\nc 9;Cor;Dam\n"},
            name, LINE),
        Bad("cursisten-dubbel", "csv", {name: good + "c09;Cas;Dijk\n"}, name, LINE),
        Bad("cursisten-leeg", "csv", {name: ""}, name, LINE),
        Bad("cursisten-ruis", "csv", {name: noise()}, name, LINE),
    ]


def submission_corpus() -> list[Bad]:
    def notebook(change):
        def make(released: dict) -> bytes:
            data = copy.deepcopy(released)
            change(data)
            return json.dumps(data).encode()
        return make

    def set_meta(value):
        return lambda nb: nb["metadata"].__setitem__("draaiboek", value)

    def nbgrader_string(nb):
        cell = next(c for c in nb["cells"] if "nbgrader" in c["metadata"])
        cell["metadata"]["nbgrader"] = "antwoord"

    def old_format(nb):
        nb.clear()
        nb.update({"nbformat": 3, "nbformat_minor": 0, "metadata": {"draaiboek": {
            "oefening": EXERCISE_NAME}}, "worksheets": [{"cells": []}]})

    name = f"c01-{EXERCISE_NAME}.ipynb"
    bad = [
        Bad("inzending-meta-tekst", "submission", {name: notebook(set_meta("h01"))}, name,
            r"metadata"),
        Bad("inzending-meta-lijst", "submission", {name: notebook(set_meta(["h01"]))}, name,
            r"metadata"),
        Bad("inzending-nbgrader-tekst", "submission", {name: notebook(nbgrader_string)}, name,
            r"cel \d+"),
        Bad("inzending-nbformat3", "submission", {name: notebook(old_format)}, name,
            r"nbformat 3"),
        Bad("inzending-geen-object", "submission", {name: b"[1, 2, 3]"}, name,
            r"geen notebook"),
        Bad("inzending-json-kapot", "submission", {name: b'{"cells": [\n'}, name, LINE),
        Bad("inzending-utf16", "submission", {name: lambda released: utf16(json.dumps(released))}, name,
            r"beschadigd"),
        Bad("inzending-geen-notebook", "submission", {"c01-verslag.docx": b"PK\x03\x04"},
            "c01-verslag.docx", r"geen notebook"),
    ]
    bad += [
        Bad("zip-bom", "submission", {"bom.zip": "zip-bomb"}, "bom.zip:c01-h01.ipynb",
            r"te groot"),
        Bad("zip-kapotte-entry", "submission", {"kapot.zip": "zip-crc"},
            "kapot.zip:c01-h01.ipynb", r"beschadigd"),
        Bad("zip-afgekapt", "submission", {"afgekapt.zip": "zip-truncated"}, "afgekapt.zip",
            r"zip"),
        Bad("zip-pad-buiten", "submission", {"pad.zip": "zip-traversal"},
            "pad.zip:../../c01-h01.ipynb", r"buiten de zip"),
    ]
    return bad


def zip_input(kind: str, path: Path, released: dict) -> None:
    good = json.dumps(released).encode()
    if kind == "zip-bomb":  # a 1 GiB entry of zeros, about 1 MB on disk
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            with out.open("c01-h01.ipynb", "w", force_zip64=True) as entry:
                block = b"\0" * (1 << 20)
                for _ in range(1024):
                    entry.write(block)
    elif kind == "zip-crc":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
            out.writestr("c01-h01.ipynb", good)
        data = bytearray(path.read_bytes())
        at = data.index(b'"cells"')
        data[at + 1] ^= 0x20  # the bytes change, the checksum does not
        path.write_bytes(bytes(data))
    elif kind == "zip-truncated":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("c01-h01.ipynb", good)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + data[-22:])  # keeps the end record
    elif kind == "zip-traversal":
        with zipfile.ZipFile(path, "w") as out:
            out.writestr("../../c01-h01.ipynb", b"{}")
    else:
        raise AssertionError(kind)


# --- the test ---------------------------------------------------------------------------------

def _export_twee(project: Path) -> str:
    target = project / "mini.twee"
    code, output, _ = run(project, "casus", "exporteer", TWEE_BASE_CASE, "--naar", str(target))
    assert code == 0, output
    return target.read_text(encoding="utf-8")


ALL = content_corpus() + twine_corpus() + csv_corpus() + submission_corpus()


def assert_clear(bad: Bad, code: int, output: str, seconds: float) -> None:
    assert code == 1, f"{bad.id}: exit {code}: {output}"
    assert "Traceback" not in output and "onverwachts" not in output, output
    assert bad.names in output, f"{bad.id}: the file {bad.names} is not named: {output}"
    assert re.search(bad.place, output), f"{bad.id}: no place ({bad.place}): {output}"
    if bad.says:
        assert re.search(bad.says, output), f"{bad.id}: '{bad.says}' missing: {output}"
    assert not ENGLISH.search(output), f"{bad.id}: English in the message: {output}"
    assert seconds < bad.seconds, f"{bad.id}: took {seconds:.1f} s"


@pytest.mark.parametrize("bad", [b for b in ALL if b.kind in (CHECK, BUILD, "twine")],
                         ids=lambda b: b.id)
def test_bad_content_gets_one_clear_answer(bad: Bad, template: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(template, project, symlinks=True)
    book = project / "_build" / "nederland" / "cursist" / "html"
    before = checksums(book)
    if bad.kind == "twine":
        twee = _export_twee(project)
        cases_before = checksums(project / "cases")
    for name, content in bad.files.items():
        if callable(content):
            content = content(twee)
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    if bad.kind == "twine":
        code, output, seconds = run(project, "casus", "importeer", str(project / bad.names),
                                    *bad.args)
        bad = Bad(bad.id, bad.kind, bad.files, str(project / bad.names), bad.place,
                  bad.args, bad.says)
        assert checksums(project / "cases") == cases_before, "a case file changed"
        assert not (project.parent / "buiten.yml").exists()
    else:
        code, output, seconds = run(project, bad.kind, *(("--regio", "nederland")
                                                        if bad.kind == BUILD else ()))
    assert_clear(bad, code, output, seconds)
    told = re.findall(r"✗ [^✗]*", output)
    assert len(told) == len(set(told)), f"{bad.id}: a problem told twice: {output}"
    assert checksums(book) == before, "the previous book changed"


@pytest.mark.parametrize("bad", [b for b in ALL if b.kind in ("csv", "submission")],
                         ids=lambda b: b.id)
def test_bad_course_input_costs_nothing(bad: Bad, course, tmp_path: Path) -> None:
    released = json.loads(course.released(EXERCISE_NAME).read_text(encoding="utf-8"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name, content in bad.files.items():
        if callable(content):
            content = content(released)
        if isinstance(content, str) and content.startswith("zip-"):
            zip_input(content, inbox / name, released)
        elif isinstance(content, str):
            (inbox / name).write_text(content, encoding="utf-8")
        else:
            (inbox / name).write_bytes(content)
    source = inbox / next(iter(bad.files))
    folder = Path(course.root)
    before = checksums(folder, skip=(".nakijken",))
    outside = checksums(tmp_path)
    command = "cursisten" if bad.kind == "csv" else "inlezen"
    code, output, seconds = run(tmp_path, "cursus", "--cursus", str(folder), command,
                                str(source))
    assert_clear(bad, code, output, seconds)
    assert checksums(folder, skip=(".nakijken",)) == before, "the course changed"
    assert checksums(tmp_path) == outside, "a file outside the course changed"


def test_a_bad_zip_entry_costs_that_entry_only(course, tmp_path: Path) -> None:
    released = json.loads(course.released(EXERCISE_NAME).read_text(encoding="utf-8"))
    archive = tmp_path / "lms.zip"
    zip_input("zip-crc", archive, released)
    with zipfile.ZipFile(archive, "a") as out:
        out.writestr(f"c02-{EXERCISE_NAME}.ipynb", json.dumps(released))
    code, output, _ = run(tmp_path, "cursus", "--cursus", str(course.root), "inlezen",
                          str(archive))
    # exit code 3: partly done (README, "Exitcodes")
    assert code == 3 and "lms.zip:c01-h01.ipynb" in output and "beschadigd" in output, output
    assert course.submitted("c02", EXERCISE_NAME).is_file(), output


def test_a_card_with_a_byte_order_mark_is_accepted(template: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(template, project, symlinks=True)
    (project / CARD_FILE).write_bytes(b"\xef\xbb\xbf" + CARD.encode("utf-8"))
    code, output, _ = run(project, "check")
    assert code == 0, output


def test_a_chain_of_3000_scenes_is_checked_and_played(template: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(template, project, symlinks=True)
    (project / CASE_FILE).write_text(chain_case(3000), encoding="utf-8")
    code, output, _ = run(project, "check")
    assert code == 0, output
    code, output, _ = run(project, "casus", "analyse", "mini")
    assert code == 0 and "1 wegen" in output, output


def test_the_corpus_covers_every_format() -> None:
    kinds = {}
    for bad in ALL:
        key = bad.kind if bad.kind in ("twine", "csv", "submission") else \
            next(iter(bad.files)).split("/")[0]
        kinds[key] = kinds.get(key, 0) + 1
    assert len(ALL) >= 80, kinds
    assert {"regions", "methods", "cases", "book", "exercises", "twine", "csv",
            "submission"} <= set(kinds), kinds


@pytest.mark.parametrize("args, says", [
    (("build", "--editie", "leraar"), "'leraar' kan niet; kies een van 'cursist', 'trainer'"),
    (("build", "--schon"), "De optie '--schon' bestaat niet. Bedoel je '--schoon'?"),
    (("bouw",), "Het commando 'bouw' bestaat niet"),
    (("casus", "importeer"), "Er ontbreekt een argument 'BESTAND'"),
])
def test_a_mistyped_command_is_told_in_dutch(args, says, tmp_path: Path) -> None:
    code, output, _ = run(tmp_path, *args)
    assert code == 2 and says in output and "Gebruik:" in output, output
    assert not ENGLISH.search(output) and " or " not in output, output
