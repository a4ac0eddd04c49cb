""""Lees voor": the page read aloud by the browser's own speech synthesis, in the
language of the region (nl-BE or nl-NL). The work is done in `static/lees-voor.js`; this
module tells every page which Dutch to speak."""

from __future__ import annotations

from sphinx.application import Sphinx

from .regions import region_of


def _language(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    tag = f'<meta name="draaiboek-taal" content="{region_of(app).taal}">\n'
    context["metatags"] = context.get("metatags", "") + tag


def setup_speech(app: Sphinx) -> None:
    app.connect("html-page-context", _language)
    app.add_js_file("lees-voor.js", loading_method="defer")
