"""Search that also works from file:// (a USB stick, a downloaded copy). Sphinx's search
fetches every hit's page to show a snippet, which a browser refuses from file://. Instead the
build writes the text of every page, taken from the built HTML (so it holds exactly what this
edition shows), into one small script per page (`_static/zoektekst/<page>.js`); `zoeken.js`
loads the scripts of the pages found (a <script> loads from file://, a fetch does not), cuts
the snippet and gives Dutch messages. Only the search page loads the index and these texts."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx

TEXT_FOLDER = "zoektekst"
_SKIP = {"script", "style", "nav"}


class _ArticleText(HTMLParser):
    """The visible text of <article role="main">, without permalinks and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside the article
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "hr", "meta", "source")
            if tag in _SKIP or "headerlink" in (attrs.get("class") or "") or self.skip:
                self.skip += tag not in ("br", "img", "input", "hr", "meta", "source")
        elif tag == "article" and attrs.get("role") == "main":
            self.depth = 1

    def handle_endtag(self, tag) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        if tag in ("p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "td", "th", "div"):
            self.parts.append(" ")

    def handle_data(self, data) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def page_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return parser.text()


def _write_text_file(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    folder = out / "_static" / TEXT_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    for docname in sorted(app.env.found_docs):
        file = out / app.builder.get_target_uri(docname)
        if not file.is_file():
            continue
        call = json.dumps([docname, page_text(file.read_text(encoding="utf-8"))],
                          ensure_ascii=False, separators=(",", ":"))
        target = folder / f"{docname}.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"window.draaiboekZoektekst({call[1:-1]});\n", encoding="utf-8")


def _no_fetch(app: Sphinx, config) -> None:
    # Sphinx's own snippets fetch each page: a "Failed to fetch" per hit from file://.
    config.html_show_search_summary = False


def _search_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        app.add_js_file("zoeken.js", loading_method="defer")


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", _no_fetch)
    app.connect("html-page-context", _search_page)
    app.connect("build-finished", _write_text_file)
