"""Method cards in the book: each card file becomes a page with a header of its fields;
`{kaartencatalogus}` renders the filterable catalogue; every chapter page gets the list of
its cards. All of it comes from `draaiboek.cards.catalogue.load_cards`."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from ..cards.catalogue import CARDS_FOLDER, DURATIONS, PHASES, THEMES, Card, load_cards, search_text
from ..problems import ContentError
from ..regions import REGIONS_FOLDER, available_regions, localise
from .freshness import CARDS, CASES, depends_on, write_fingerprint
from .html import make
from .pages import (
    chapter_docname,
    content_docname,
    doc_link,
    existing_chapter,
    insert_before_sources,
)
from .regions import region_of

CARDS_KEY = "draaiboek_cards"
RELATED_ID = "methodekaarten-bij-dit-hoofdstuk"


def cards_of(app: Sphinx) -> dict[str, Card]:
    return getattr(app, CARDS_KEY)


def card_docname(card: Card) -> str:
    return content_docname(CARDS_FOLDER, card.id, card.region)


def _exclude_other_overlays(app: Sphinx, config) -> None:
    """Overlay cards of other regions are not part of this book."""
    chain = {Path(f).stem for f in region_of(app).files}
    for region in available_regions(Path(app.srcdir)):
        if region not in chain:
            config.exclude_patterns.append(f"{REGIONS_FOLDER}/{region}/**")
    # Shared cards the region leaves out (`zonder:` in its profile) get no page.
    for card_id in region_of(app).zonder:
        config.exclude_patterns.append(f"{CARDS_FOLDER}/{card_id}.md")


def _load(app: Sphinx) -> None:
    try:
        cards = load_cards(Path(app.srcdir), region_of(app).id)
    except ContentError as exc:
        raise ExtensionError(f"De methodekaarten zijn niet in orde:\n{exc}") from None
    setattr(app, CARDS_KEY, {card_docname(c): c for c in cards})
    # What other pages show of a card: its fields, not its body.
    write_fingerprint(app, CARDS, {card_docname(c): [c.fields.model_dump(mode="json"), c.region]
                                   for c in cards})


def _card_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace a card file's text by its page: title, header and the seven sections."""
    card = cards_of(app).get(docname)
    if card is not None:
        source[0] = (f"# {card.fields.titel}\n\n```{{kaartkop}}\n```\n\n"
                     f"{card.body_markdown()}\n")


def _minutes(card: Card) -> str:
    low, high = card.fields.duur_minuten
    return f"{low} minuten" if low == high else f"{low} tot {high} minuten"


class CardHeader(SphinxDirective):
    """The structured fields of the card whose page this is."""

    def run(self) -> list[nodes.Node]:
        card = cards_of(self.env.app)[self.env.docname]
        root = Path(self.env.srcdir)
        depends_on(self.env.app, CASES)  # the row of cases that use this card
        header = make("div", classes=["db-kaartkop"])
        summary, _ = self.state.inline_text(card.fields.samenvatting, self.lineno)
        header += nodes.paragraph("", "", *summary, classes=["db-samenvatting"])
        rows = nodes.definition_list(classes=["db-kaartvelden"])

        def row(label: str, *content: nodes.Node) -> None:
            rows.append(nodes.definition_list_item(
                "", nodes.term(text=label), nodes.definition("", nodes.paragraph("", "", *content))))

        row("Fase", nodes.Text(", ".join(PHASES[p] for p in card.fields.fasen)))
        row("Thema", nodes.Text(", ".join(THEMES[t] for t in card.fields.themas)))
        row("Duur", nodes.Text(_minutes(card)))
        if card.fields.materiaal:
            row("Materiaal", nodes.Text(", ".join(card.fields.materiaal)))
        origin = card.fields.herkomst
        row("Herkomst", nodes.Text(origin.wie + (f" ({origin.jaar})" if origin.jaar else "")))
        row("Niveau", nodes.Text(card.fields.niveau))
        links: list[nodes.Node] = []
        for number in card.fields.hoofdstukken:
            if links:
                links.append(nodes.Text(", "))
            links.append(doc_link(self.env, chapter_docname(root, number)))
        row("Hoofdstukken", *links)
        from .cases import cases_using_card

        cases: list[nodes.Node] = []
        for case_doc in cases_using_card(self.env.app, card.id):
            if cases:
                cases.append(nodes.Text(", "))
            cases.append(doc_link(self.env, case_doc))
        if cases:
            row("Casussen", *cases)
        if card.region:
            row("Regio", nodes.Text(f"deze kaart hoort bij de editie {region_of(self.env.app).naam}"))
        header += rows
        return [header]


def _option(value: str, label: str) -> nodes.Element:
    return make("option", nodes.Text(label), value=value)


def _select(name: str, label: str, options: list[tuple[str, str]]) -> nodes.Element:
    field = make("label", nodes.Text(label), classes=["db-filter"])
    select = make("select", _option("", "Alle"), name=name, **{"data-filter": name})
    for value, text in options:
        select += _option(value, text)
    field += select
    return field


class Catalogue(SphinxDirective):
    """`{kaartencatalogus}`: every card of this region, with filters that work offline.

    On a phone the filters fit in one bar: the search field, then the other filters folded
    in a <details>; the count sits right under them and is announced. The text each card
    is searched by is what the card shows in this edition (`cards.search_text`)."""

    def run(self) -> list[nodes.Node]:
        depends_on(self.env.app, CARDS)
        cards = list(cards_of(self.env.app).items())
        region = region_of(self.env.app)
        box = make("div", classes=["db-catalogus"])
        form = make("form", classes=["db-filters"], role="search", hidden="hidden",
                    **{"aria-label": "Methodekaarten filteren"})
        search = make("label", nodes.Text("Zoek een woord"), classes=["db-filter", "db-zoekveld"])
        search += make("input", type="search", name="tekst", autocomplete="off",
                       **{"data-filter": "tekst", "enterkeyhint": "search"})
        form += search
        more = make("details", classes=["db-meer-filters"])
        more += make("summary", nodes.Text("Meer filters"))
        selects = make("div", classes=["db-filterlijst"])
        selects += _select("fase", "Fase", list(PHASES.items()))
        selects += _select("thema", "Thema", list(THEMES.items()))
        chapters = sorted({n for _, c in cards for n in c.fields.hoofdstukken})
        selects += _select("hoofdstuk", "Hoofdstuk", [(str(n), f"Hoofdstuk {n}") for n in chapters])
        selects += _select("duur", "Duur", [(k, label) for k, (label, _, _) in DURATIONS.items()])
        more += selects
        form += more
        box += form
        status = make("div", classes=["db-aantal-balk"])
        status += make("p", nodes.Text(f"{len(cards)} kaarten"), classes=["db-aantal"],
                       role="status")
        status += make("button", nodes.Text("Alles tonen"), classes=["db-wis"],
                       type="button", hidden="hidden")
        box += status
        listing = make("ul", classes=["db-kaarten"])
        for docname, card in cards:
            item = make("li", classes=["db-kaart"], **{
                "data-fase": " ".join(card.fields.fasen),
                "data-thema": " ".join(card.fields.themas),
                "data-hoofdstuk": " ".join(str(n) for n in card.fields.hoofdstukken),
                "data-duur": " ".join(card.durations),
                "data-tekst": search_text(card, region),
            })
            item["db_card"] = docname  # the linked page titles are added once all are read
            title = nodes.strong("", "", doc_link(self.env, docname))
            meta = (f"{', '.join(PHASES[p] for p in card.fields.fasen)} · "
                    f"{', '.join(THEMES[t] for t in card.fields.themas)} · {_minutes(card)}")
            summary, _ = self.state.inline_text(localise(card.fields.samenvatting, region),
                                                self.lineno)
            item += nodes.paragraph("", "", title, classes=["db-kaarttitel"])
            item += nodes.paragraph("", "", *summary)
            item += nodes.paragraph("", meta, classes=["db-kaartmeta"])
            listing += item
        box += listing
        box += make("p", nodes.Text("Geen kaart gevonden. Probeer een ander woord of kies "
                                    "minder filters."), classes=["db-geen"], hidden="hidden")
        return [box]


def _card_links(app: Sphinx, docname: str) -> list[str]:
    """The pages a card's header links to: its chapters and the cases that use it."""
    from .cases import cases_using_card

    card = cards_of(app)[docname]
    chapters = [existing_chapter(Path(app.srcdir), n) for n in card.fields.hoofdstukken]
    return [d for d in chapters if d] + cases_using_card(app, card.id)


def _search_linked_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A card page shows the titles of its chapters and cases (rendered, terms filled in):
    the catalogue's text search finds them too. Titles are known once every page is read."""
    region = region_of(app)
    for item in doctree.findall(lambda n: isinstance(n, nodes.Element) and "db_card" in n):
        card = cards_of(app)[item["db_card"]]
        titles = [app.env.titles[d].astext() for d in _card_links(app, item["db_card"])
                  if d in app.env.titles]
        item["attrs"]["data-tekst"] = search_text(card, region, titles)


def _chapter_cards(app: Sphinx, doctree: nodes.document) -> None:
    """Add 'Methodekaarten bij dit hoofdstuk' to a chapter, before its sources."""
    docname = app.env.docname
    if not docname.startswith("book/h"):
        return
    depends_on(app, CARDS)
    root = Path(app.srcdir)
    related = [(d, c) for d, c in cards_of(app).items()
               if any(existing_chapter(root, n) == docname for n in c.fields.hoofdstukken)]
    if not related:
        return
    section = nodes.section(ids=[RELATED_ID], names=[RELATED_ID])
    section += nodes.title(text="Methodekaarten bij dit hoofdstuk")
    section += nodes.paragraph(text="Deze methodekaarten helpen je om dit hoofdstuk in de "
                               "praktijk te brengen.")
    listing = nodes.bullet_list()
    for card_doc, card in related:
        item = nodes.list_item("", nodes.paragraph(
            "", "", doc_link(app.env, card_doc),
            nodes.Text(": " + localise(card.fields.samenvatting, region_of(app)))))
        if card.region:
            item["classes"].append("db-regio")  # a card of this region only
        listing += item
    section += listing
    insert_before_sources(doctree, section)


def setup_cards(app: Sphinx) -> None:
    app.connect("config-inited", _exclude_other_overlays, priority=600)
    app.connect("builder-inited", _load)
    app.connect("source-read", _card_page)
    app.connect("doctree-read", _chapter_cards, priority=400)
    app.connect("doctree-resolved", _search_linked_titles)
    app.add_directive("kaartkop", CardHeader)
    app.add_directive("kaartencatalogus", Catalogue)
