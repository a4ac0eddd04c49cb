"""Method cards in the book: each card file becomes a page with a header of its fields;
`{kaartencatalogus}` renders the filterable catalogue; every chapter page gets the list of
its cards. All of it comes from `draaiboek.cards.catalogue.load_cards`."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from ..cards.catalogue import CARDS_FOLDER, DURATIONS, PHASES, THEMES, Card, load_cards
from ..problems import ContentError
from ..regions import REGIONS_FOLDER, available_regions, localise
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


def _load(app: Sphinx) -> None:
    try:
        cards = load_cards(Path(app.srcdir), region_of(app).id)
    except ContentError as exc:
        raise ExtensionError(f"De methodekaarten zijn niet in orde:\n{exc}") from None
    setattr(app, CARDS_KEY, {card_docname(c): c for c in cards})


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
    """`{kaartencatalogus}`: every card of this region, with filters that work offline."""

    def run(self) -> list[nodes.Node]:
        cards = list(cards_of(self.env.app).items())
        box = make("div", classes=["db-catalogus"])
        form = make("form", classes=["db-filters"], role="search", hidden="hidden",
                    **{"aria-label": "Methodekaarten filteren"})
        search = make("label", nodes.Text("Zoek"), classes=["db-filter"])
        search += make("input", type="search", name="tekst", **{"data-filter": "tekst"})
        form += search
        form += _select("fase", "Fase", list(PHASES.items()))
        form += _select("thema", "Thema", list(THEMES.items()))
        chapters = sorted({n for _, c in cards for n in c.fields.hoofdstukken})
        form += _select("hoofdstuk", "Hoofdstuk", [(str(n), f"Hoofdstuk {n}") for n in chapters])
        form += _select("duur", "Duur", [(k, label) for k, (label, _, _) in DURATIONS.items()])
        box += form
        box += make("p", nodes.Text(f"{len(cards)} kaarten"), classes=["db-aantal"],
                    role="status")
        listing = make("ul", classes=["db-kaarten"])
        for docname, card in cards:
            text = " ".join([card.fields.titel, card.fields.samenvatting,
                             *card.sections.values()]).lower()
            item = make("li", classes=["db-kaart"], **{
                "data-fase": " ".join(card.fields.fasen),
                "data-thema": " ".join(card.fields.themas),
                "data-hoofdstuk": " ".join(str(n) for n in card.fields.hoofdstukken),
                "data-duur": " ".join(card.durations),
                "data-tekst": " ".join(text.split()),
            })
            title = nodes.strong("", "", doc_link(self.env, docname))
            meta = (f"{', '.join(PHASES[p] for p in card.fields.fasen)} · "
                    f"{', '.join(THEMES[t] for t in card.fields.themas)} · {_minutes(card)}")
            summary, _ = self.state.inline_text(card.fields.samenvatting, self.lineno)
            item += nodes.paragraph("", "", title)
            item += nodes.paragraph("", "", *summary)
            item += nodes.paragraph("", meta, classes=["db-kaartmeta"])
            listing += item
        box += listing
        box += make("p", nodes.Text("Geen kaart gevonden. Kies minder filters."),
                    classes=["db-geen"], hidden="hidden")
        return [box]


def _chapter_cards(app: Sphinx, doctree: nodes.document) -> None:
    """Add 'Methodekaarten bij dit hoofdstuk' to a chapter, before its sources."""
    docname = app.env.docname
    if not docname.startswith("book/h"):
        return
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
    app.add_directive("kaartkop", CardHeader)
    app.add_directive("kaartencatalogus", Catalogue)
