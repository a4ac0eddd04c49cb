"""Case simulations in the book. Each `cases/<id>.yml` (and each overlay case of the
region) is a page of its own: a source parser turns the loaded case into MyST, with the
family, the static player (JSON + casus.js), links to chapters and cards, and the trainer's
debrief guide. Chapters list the cases that use them."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.parsers import Parser
from sphinx.util.docutils import SphinxDirective

from ..cases.compiled import compile_case
from ..cases.loader import CASES_FOLDER, LoadedCase, load_cases
from ..problems import ContentError
from ..regions import REGIONS_FOLDER, localise
from .cards import cards_of
from .pages import (
    chapter_docname,
    content_docname,
    doc_link,
    existing_chapter,
    insert_before_sources,
)
from .freshness import CARDS, CASES, depends_on, write_fingerprint
from .html import make
from .regions import region_of

CASES_KEY = "draaiboek_cases"
STATIC = Path(__file__).parent.parent / "cases" / "static"
RELATED_ID = "casussen-bij-dit-hoofdstuk"


def cases_of(app: Sphinx) -> dict[str, LoadedCase]:
    return getattr(app, CASES_KEY)


def case_docname(case: LoadedCase) -> str:
    return content_docname(CASES_FOLDER, case.id, case.region)


def _config(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC))
    config.exclude_patterns.append(f"{REGIONS_FOLDER}/*.yml")


def _load(app: Sphinx) -> None:
    try:
        cases = load_cases(Path(app.srcdir), region_of(app).id)
    except ContentError as exc:
        raise ExtensionError(f"De casussen zijn niet in orde:\n{exc}") from None
    setattr(app, CASES_KEY, {case_docname(c): c for c in cases})
    # What other pages show of a case: chapters, cards, the case list and workbooks.
    write_fingerprint(app, CASES, {
        case_docname(c): [c.case.titel, c.case.samenvatting, c.case.gezin.naam,
                          c.case.hoofdstukken, sorted(_cards_used(c)),
                          max(s.bezoek for s in c.case.scenes.values()), c.region]
        for c in cases})


def _cards_used(loaded: LoadedCase) -> set[str]:
    return {*loaded.case.kaarten,
            *(ch.kaart for s in loaded.case.scenes.values() for ch in s.keuzes if ch.kaart)}


def _lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


class CaseParser(Parser):
    """Turns a case file into its page (the case itself comes from the loader)."""

    supported = ("casus",)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        from myst_parser.parsers.sphinx_ import MystParser

        env = document.settings.env
        if env.docname not in cases_of(env.app):  # the other YAML pages: workbooks
            from .workbook import workbook_source

            text = workbook_source(env.app, env.docname)
            parser = MystParser()
            parser.set_application(env.app)
            parser.parse(text, document)
            return
        loaded = cases_of(env.app)[env.docname]
        case = loaded.case
        depends_on(env.app, CARDS)  # the page links the cards the case uses
        endings = "\n\n".join(
            f"**{s.einde.titel}** ({s.einde.soort})\n\n{s.einde.debrief}"
            for s in case.endings.values())
        guide = case.trainer
        text = f"""# Casus: {case.titel}

{case.samenvatting}

```{{casus-gezin}}
```

Speel de casus hieronder. Je maakt keuzes over {max(s.bezoek for s in case.scenes.values())}
huisbezoeken. Na elke keuze lees je wat ze doet. De balken tonen hoe het gaat met het
vertrouwen, het eigen initiatief, de steun uit het netwerk en jouw belasting. Je voortgang
blijft bewaard in deze browser. Met **Terug** zet je een stap terug.

```{{casus-speler}}
```

## Bij deze casus

```{{casus-verwijzingen}}
```

```{{trainer}} Bespreking van de casus
**Doel**

{guide.doel}

**Verloop**

{_lines(guide.verloop)}

**Bespreekvragen**

{_lines(guide.bespreekvragen)}

**Valkuilen**

{_lines(guide.valkuilen)}

**De eindes**

{endings}
```
"""
        parser = MystParser()
        parser.set_application(env.app)
        parser.parse(text, document)


class FamilyBox(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        case = cases_of(self.env.app)[self.env.docname].case
        region = region_of(self.env.app)

        def text(value: str) -> str:
            return localise(value, region)

        box = make("div", classes=["db-gezin"])
        box += nodes.rubric(text=f"Het gezin {case.gezin.naam}")
        members = nodes.bullet_list()
        for member in case.gezin.leden:
            label = member.naam + (f" ({member.leeftijd})" if member.leeftijd else "")
            line = f"{label}, {member.rol}" + (f": {member.over}" if member.over else "")
            members += nodes.list_item("", nodes.paragraph(text=text(line)))
        box += members
        for label, items in (("Krachten", case.gezin.krachten), ("Netwerk", case.gezin.netwerk)):
            if items:
                box += nodes.paragraph("", "", nodes.strong(text=label))
                listing = nodes.bullet_list()
                for item in items:
                    listing += nodes.list_item("", nodes.paragraph(text=text(item)))
                box += listing
        return [box]


class CaseList(SphinxDirective):
    """`{casussenlijst}`: every case of this region, with its family and chapters."""

    def run(self) -> list[nodes.Node]:
        app = self.env.app
        depends_on(app, CASES)
        region = region_of(app)
        listing = nodes.bullet_list(classes=["db-casussen"])
        for docname, loaded in sorted(cases_of(app).items(), key=lambda i: i[1].case.titel):
            case = loaded.case
            visits = max(s.bezoek for s in case.scenes.values())
            item = nodes.list_item()
            item += nodes.paragraph("", "", nodes.strong("", "", doc_link(self.env, docname)))
            item += nodes.paragraph(text=localise(case.samenvatting, region))
            item += nodes.paragraph(
                text=f"Gezin {case.gezin.naam} · {visits} huisbezoeken · hoofdstuk "
                     + ", ".join(str(n) for n in case.hoofdstukken),
                classes=["db-kaartmeta"])
            listing += item
        return [listing]


class Player(SphinxDirective):
    """The static player: the compiled case as JSON, and a text version without script."""

    def run(self) -> list[nodes.Node]:
        app = self.env.app
        loaded = cases_of(app)[self.env.docname]
        region = region_of(app)
        links = {}
        for card_doc, card in cards_of(app).items():
            href = app.builder.get_relative_uri(self.env.docname, card_doc)
            links[card.id] = (localise(card.fields.titel, region), href)
        data = compile_case(loaded.id, loaded.case, region, links)
        payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        box = make("div", classes=["db-casus"], **{"data-casus": loaded.id})
        box += nodes.raw("", f'<script type="application/json" class="db-casus-data">'
                         f"{payload}</script>", format="html")
        box += self._text_version(data)
        return [box]

    def _text_version(self, data: dict) -> nodes.Element:
        """Without JavaScript: every scene with its choices as links to the next scene."""
        book = make("div", classes=["db-casus-boek"])
        book += nodes.paragraph(text="Zonder JavaScript lees je de casus als een boekje: "
                                     "kies een keuze en volg de link.")
        for sid, scene in data["scenes"].items():
            part = make("div", classes=["db-boek-scene"])
            part["ids"] = [f"scene-{data['id']}-{sid}"]
            part += nodes.raw("", f"<p><strong>Bezoek {scene['bezoek']}: {scene['titel']}"
                              f"</strong></p>{scene['tekst']}", format="html")
            if "einde" in scene:
                part += nodes.raw("", f"<p><em>Einde: {scene['einde']['titel']}</em></p>"
                                  f"{scene['einde']['debrief']}", format="html")
            targets = [(c["tekst"], c["naar"]) for c in scene.get("keuzes", [])]
            targets += [("Verder", r["naar"]) for r in scene.get("verder", [])[-1:]]
            items = "".join(f'<li><a href="#scene-{data["id"]}-{to}">{label}</a></li>'
                            for label, to in targets)
            if items:
                part += nodes.raw("", f"<ul>{items}</ul>", format="html")
            book += part
        return book


class References(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        app = self.env.app
        case = cases_of(app)[self.env.docname].case
        root = Path(self.env.srcdir)
        result = nodes.bullet_list()
        chapters: list[nodes.Node] = [nodes.strong(text="Hoofdstukken: ")]
        for number in case.hoofdstukken:
            if len(chapters) > 1:
                chapters.append(nodes.Text(", "))
            chapters.append(doc_link(self.env, chapter_docname(root, number)))
        result += nodes.list_item("", nodes.paragraph("", "", *chapters))
        by_id = {c.id: d for d, c in cards_of(app).items()}
        cards: list[nodes.Node] = [nodes.strong(text="Methodekaarten: ")]
        for card_id in case.kaarten:
            if card_id in by_id:
                if len(cards) > 1:
                    cards.append(nodes.Text(", "))
                cards.append(doc_link(self.env, by_id[card_id]))
        if len(cards) > 1:
            result += nodes.list_item("", nodes.paragraph("", "", *cards))
        return [result]


def cases_using_card(app: Sphinx, card_id: str) -> list[str]:
    return [d for d, c in cases_of(app).items() if card_id in _cards_used(c)]


def _chapter_cases(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if not docname.startswith("book/h"):
        return
    depends_on(app, CASES)
    root = Path(app.srcdir)
    related = [d for d, c in cases_of(app).items()
               if any(existing_chapter(root, n) == docname for n in c.case.hoofdstukken)]
    if not related:
        return
    section = nodes.section(ids=[RELATED_ID], names=[RELATED_ID])
    section += nodes.title(text="Casussen bij dit hoofdstuk")
    listing = nodes.bullet_list()
    for case_doc in related:
        listing += nodes.list_item("", nodes.paragraph("", "", doc_link(app.env, case_doc)))
    section += listing
    insert_before_sources(doctree, section)


def _page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The player's script and style only on the case pages."""
    if pagename in cases_of(app):
        app.add_js_file("casus.js", loading_method="defer")
        app.add_css_file("casus.css")


def setup_cases(app: Sphinx) -> None:
    app.connect("config-inited", _config)
    app.connect("builder-inited", _load)
    app.add_source_suffix(".yml", "casus")
    app.add_source_parser(CaseParser)
    app.connect("doctree-read", _chapter_cases, priority=410)
    app.connect("html-page-context", _page_assets)
    app.add_directive("casus-gezin", FamilyBox)
    app.add_directive("casus-speler", Player)
    app.add_directive("casus-verwijzingen", References)
    app.add_directive("casussenlijst", CaseList)
