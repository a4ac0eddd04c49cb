"""What a region's edition holds beyond the shared text, and how it differs from its parent.

Used by `draaiboek regio verschil`, `draaiboek regio termen` and the trainer edition's
Regio-overzicht page: one computation from the loaders, two renderings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .regions import (
    NAME_TERM,
    REGIONS_FOLDER,
    Region,
    card_ids,
    directive_blocks,
    load_meanings,
    load_region,
    substitute,
    term_uses,
    text_places,
)


@dataclass(frozen=True)
class Paragraph:
    """A block of text that only some regions show."""

    file: str
    line: int
    label: str  # the {only} expression or the text place
    excerpt: str


@dataclass
class Overview:
    """A region's own content: what the renderers and the CLI show."""

    region: Region
    meanings: dict[str, str]
    paragraphs: list[Paragraph]  # {only} blocks this region shows
    texts: list[Paragraph]  # {regio-tekst} places this region fills
    cards: list[str]  # region cards (own and inherited overlays)


@dataclass
class Difference:
    """What a region changes compared with its parent."""

    region: Region
    parent: Region
    terms_changed: list[tuple[str, str, str]] = field(default_factory=list)
    terms_added: list[tuple[str, str]] = field(default_factory=list)
    orgs_added: list[str] = field(default_factory=list)
    orgs_removed: list[str] = field(default_factory=list)
    laws_added: list[str] = field(default_factory=list)
    laws_removed: list[str] = field(default_factory=list)
    paragraphs_inherited: list[Paragraph] = field(default_factory=list)
    paragraphs_own: list[Paragraph] = field(default_factory=list)
    paragraphs_dropped: list[Paragraph] = field(default_factory=list)
    texts_own: list[Paragraph] = field(default_factory=list)
    texts_inherited: list[Paragraph] = field(default_factory=list)
    cards_own: list[str] = field(default_factory=list)
    cards_inherited: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def _excerpt(text: str, region: Region, size: int = 70) -> str:
    plain = re.sub(r"^\s*(`{3,}|~{3,}).*$", "", text, flags=re.MULTILINE)
    plain = re.sub(r"[*_#>`]|\{[a-z-]+\}", "", substitute(plain, region.termen))
    plain = " ".join(plain.split())
    if len(plain) <= size:
        return plain
    cut = plain[: size - 1]
    # end on a whole word: a cut word reads as something else ("de CA…")
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + " …"


def _holds(expression: str, region: Region) -> bool:
    from sphinx.util.tags import Tags

    try:
        return bool(Tags(list(region.tags)).eval_condition(expression))
    except Exception:  # noqa: BLE001 - a malformed expression is reported by the check
        return False


def _region_blocks(root: Path, region: Region | None = None):
    """The shared `{only}` blocks about regions, without those inside a text place that
    `region` fills with its own text or leaves out (they do not show there)."""
    blocks, _ = directive_blocks(root)
    hidden = [b for b in blocks if b.name == "regio-tekst" and region is not None
              and (b.argument in region.teksten or b.argument in region.zonder)]

    def inside_hidden(block) -> bool:
        return any(h.file == block.file and h.line < block.line < h.end for h in hidden)

    return [b for b in blocks if b.name == "only" and "regio_" in b.argument
            and not b.file.startswith(f"{REGIONS_FOLDER}/") and not inside_hidden(b)], blocks


def overview(root: Path, region: Region) -> Overview:
    only_blocks, blocks = _region_blocks(root, region)
    paragraphs = [Paragraph(b.file, b.line, b.argument, _excerpt(b.body, region))
                  for b in only_blocks if _holds(b.argument, region)]
    places = text_places(blocks)
    texts = [Paragraph(places[t.place].file, places[t.place].line, t.place,
                       _excerpt(t.text, region)) for t in region.teksten.values()
             if t.place in places]
    cards = sorted(c for c, owner in card_ids(root).items()
                   if owner in region.chain and c not in region.zonder)
    return Overview(region, load_meanings(root), paragraphs, texts, cards)


def difference(root: Path, region: Region) -> Difference:
    """How `region` differs from the profile it extends (ValueError if it extends none)."""
    if region.parent is None:
        raise ValueError(region.id)
    parent = load_region(root, region.parent)
    diff = Difference(region, parent)
    for key, value in sorted(region.termen.items()):
        if key == NAME_TERM:
            continue
        if key not in parent.termen:
            diff.terms_added.append((key, value))
        elif parent.termen[key] != value:
            diff.terms_changed.append((key, parent.termen[key], value))
    for mine, theirs, added, removed in (
        (region.organisaties, parent.organisaties, diff.orgs_added, diff.orgs_removed),
        (region.wetten, parent.wetten, diff.laws_added, diff.laws_removed),
    ):
        names, parent_names = [i.naam for i in mine], [i.naam for i in theirs]
        added += [n for n in names if n not in parent_names]
        removed += [n for n in parent_names if n not in names]
    only_blocks, blocks = _region_blocks(root, region)
    for block in only_blocks:
        mine, theirs = _holds(block.argument, region), _holds(block.argument, parent)
        paragraph = Paragraph(block.file, block.line, block.argument,
                              _excerpt(block.body, region if mine else parent))
        if mine and theirs:
            diff.paragraphs_inherited.append(paragraph)
        elif mine:
            diff.paragraphs_own.append(paragraph)
        elif theirs:
            diff.paragraphs_dropped.append(paragraph)
    places = text_places(blocks)
    for text in region.teksten.values():
        if text.place not in places:
            continue
        paragraph = Paragraph(text.file, places[text.place].line, text.place,
                              _excerpt(text.text, region))
        (diff.texts_own if text.owner == region.id else diff.texts_inherited).append(paragraph)
    for card, owner in sorted(card_ids(root).items()):
        if owner == region.id:
            diff.cards_own.append(card)
        elif owner in parent.chain and card not in region.zonder:
            diff.cards_inherited.append(card)
    diff.left_out = sorted(region.zonder - parent.zonder)
    return diff


def term_table(root: Path) -> list[tuple[str, str, int, list[str]]]:
    """(term, meaning, number of uses, files) for every term in regions/termen.yml."""
    meanings = load_meanings(root)
    uses, _ = term_uses(root)
    rows = []
    for key, meaning in meanings.items():
        found = [u for u in uses if u.key == key]
        rows.append((key, meaning, len(found), list(dict.fromkeys(u.file for u in found))))
    return rows
