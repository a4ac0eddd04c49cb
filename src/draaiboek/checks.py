"""`draaiboek check`: every content file and region profile, validated by the same
loaders the book uses. Returns problems; prints nothing."""

from __future__ import annotations

import re
from pathlib import Path

from .cards.catalogue import check_cards
from .cases.loader import check_cases
from .exercises.check import check_exercises
from .chapters import UNREADABLE, check_pages
from .problems import ContentError, Problem, display_path
from .regions import available_regions, check_regions
from .selfchecks import check_selfchecks
from .variants import check_variants
from .yamlfile import read_yaml
from .textfile import read_text

TOC = "_toc.yml"
CONFIG = "_config.yml"
CHAPTER_NAME = re.compile(r"^book/h(0[1-9]|1[01])-[a-z0-9]+(-[a-z0-9]+)*$")


def toc_pages(root: Path) -> tuple[list[str], list[Problem]]:
    """The pages listed in _toc.yml (without suffix), and problems with the list."""
    from sphinx_external_toc.parsing import MalformedError, parse_toc_data

    try:
        data = read_yaml(read_text(root / TOC, TOC), TOC).data
        parse_toc_data(data)
    except OSError:
        return [], [Problem(TOC, "de inhoudstafel ontbreekt.", f"Maak {TOC} aan.")]
    except ContentError as exc:
        return [], exc.problems
    except MalformedError as exc:
        return [], [Problem(TOC, f"de inhoudstafel klopt niet: {exc}.",
                            "Elke regel onder chapters: begint met '- file: book/...'.")]
    pages: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    pages.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    problems = []
    for page in pages:
        if not any((root / f"{page}{suffix}").is_file() for suffix in (".md", ".ipynb")):
            problems.append(Problem(TOC, f"de pagina '{page}' bestaat niet.",
                                    f"Maak {page}.md aan of haal de regel weg."))
        if page.startswith("book/h") and not CHAPTER_NAME.match(page):
            problems.append(Problem(TOC, f"'{page}' volgt de naamgeving van hoofdstukken niet.",
                                    "Noem een hoofdstuk book/hNN-onderwerp (NN = 01 tot 11)."))
    return pages, problems


def check_config(root: Path) -> list[Problem]:
    try:
        read_yaml(read_text(root / CONFIG, CONFIG), CONFIG)
    except OSError:
        return [Problem(CONFIG, "de configuratie ontbreekt.", f"Maak {CONFIG} aan.")]
    except ContentError as exc:
        return exc.problems
    return []


def check_project(root: Path, region: str | None = None) -> list[Problem]:
    """Every problem once (several checks load the same profile), in the order found.
    With `region`, cards and cases are checked for that region only (faster)."""
    regions = [region] if region else available_regions(root)
    problems = check_config(root)
    problems += check_regions(root, [region] if region else None)
    pages, toc_problems = toc_pages(root)
    problems += toc_problems
    page_problems = check_pages(root)
    problems += page_problems
    unreadable = {p.file for p in page_problems if p.place == UNREADABLE}
    page_files = [p for p in sorted((root / "book").rglob("*.md"))
                  if display_path(p, root) not in unreadable]
    problems += check_selfchecks(page_files, root)
    problems += check_cards(root, regions)
    problems += check_cases(root, regions)
    problems += check_exercises(root)
    problems += check_variants(root)
    return list(dict.fromkeys(problems))
