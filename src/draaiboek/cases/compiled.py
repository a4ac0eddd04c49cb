"""A case as the static player reads it: JSON with the region's terms filled in and the
Markdown already turned into HTML, conditions as data. One compiler for the book and the
golden-trace runner, so the JavaScript player never parses Markdown or conditions."""

from __future__ import annotations

from markdown_it import MarkdownIt

from ..regions import Region, localise
from .schema import Case

_MD = MarkdownIt("commonmark")


def html(text: str, region: Region | None, inline: bool = False) -> str:
    text = localise(text, region) if region else text
    return _MD.renderInline(text) if inline else _MD.render(text).strip()


def compile_case(case_id: str, case: Case, region: Region | None = None,
                 card_links: dict[str, tuple[str, str]] | None = None) -> dict:
    """`card_links`: card id -> (title, href) for the 'Meer hierover' links."""
    card_links = card_links or {}
    scenes = {}
    for sid, scene in case.scenes.items():
        item: dict = {"bezoek": scene.bezoek, "titel": html(scene.titel, region, inline=True),
                      "tekst": html(scene.tekst, region)}
        if scene.keuzes:
            item["keuzes"] = [{
                "id": c.id, "tekst": html(c.tekst, region, inline=True), "naar": c.naar,
                "effecten": dict(c.effecten), "als": [x.as_json() for x in c.conditions],
                "feedback": html(c.feedback, region), "principe": c.principe,
                "kaart": ({"titel": card_links[c.kaart][0], "href": card_links[c.kaart][1]}
                          if c.kaart in card_links else None),
            } for c in scene.keuzes]
        if scene.verder:
            item["verder"] = [{"naar": r.naar, "als": [x.as_json() for x in r.conditions]}
                              for r in scene.verder]
        if scene.einde:
            item["einde"] = {"titel": html(scene.einde.titel, region, inline=True),
                             "soort": scene.einde.soort,
                             "debrief": html(scene.einde.debrief, region)}
        scenes[sid] = item
    return {
        "id": case_id,
        "titel": html(case.titel, region, inline=True),
        "start": case.start,
        "indicatoren": {k: {"naam": i.naam, "start": i.start, "min": i.min, "max": i.max,
                            "richting": i.richting} for k, i in case.indicatoren.items()},
        "scenes": scenes,
    }
