"""`{boekoverzicht}`: the whole book on the start page, generated from `_toc.yml`. Every part
of the table of contents (chapters, method cards, cases, reference pages, and whatever part is
added later, such as a workbook or a progress page) gets a heading and a link to each of its
pages, so every page of the book is at most two taps from the start page: a chapter or a
catalogue in one, a card or a case through its catalogue in two."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .html import make
from .pages import doc_link


class BookOverview(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        site_map = getattr(self.env, "external_site_map", None)
        if site_map is None:
            return []
        root = site_map[site_map.root.docname]
        result = make("nav", classes=["db-overzicht"], **{"aria-label": "Het hele boek"})
        for number, part in enumerate(root.subtrees, start=1):
            heading_id = f"db-deel-{number}"
            heading = make("h2", nodes.Text(part.caption or "Meer"))
            heading["ids"] = [heading_id]
            result += heading
            items = make("ul", classes=["db-overzicht-lijst"]
                         + (["db-genummerd"] if part.numbered else []),
                         **{"aria-labelledby": heading_id})
            for docname in part.files():
                # A link must sit in a text element for Sphinx's HTML writer.
                items += make("li", nodes.inline("", "", doc_link(self.env, docname)))
            result += items
        return [result]


def setup_overview(app: Sphinx) -> None:
    app.add_directive("boekoverzicht", BookOverview)
