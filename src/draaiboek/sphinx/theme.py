"""The theme (Furo) made fit for a carer's phone: only the files a page uses, the region's
language tag on <html>, toctree captions that are real headings, and wide tables that scroll
inside their own labelled, keyboard-focusable box instead of the whole page."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .html import make
from .regions import region_of

# Files Jupyter Book's always-loaded extensions add to every page. Some are never used by the
# book: sphinx-thebe (needs a Binder server) and sphinx-book-theme's script (JB loads that theme
# as an extension even when another theme is chosen; the script is not copied: a 404).
_NEVER = ("thebe", "sphinx-book-theme")
# Others only matter on a page that has what they style or drive (matched in the page's HTML).
_ONLY_WITH = {
    "copybutton": ('class="highlight',),
    "clipboard": ('class="highlight',),
    "toggle": ("toggle", "dropdown"),  # sphinx-togglebutton and its inline settings
    "design-tabs": ('class="sd-',),
    "sphinx-design": ('class="sd-',),
    "mystnb": ('class="cell',),
}


def _asset_name(asset) -> str:
    body = getattr(asset, "attributes", {}).get("body", "")
    return (str(asset) + " " + body).lower()


def _keep(asset, body: str) -> bool:
    name = _asset_name(asset)
    if any(never in name for never in _NEVER) or "THEBE" in name.upper():
        return False
    for marker, needed in _ONLY_WITH.items():
        if marker in name and not any(n in body for n in needed):
            return False
    return True


def _drop_unused_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")  # the page's content, without the theme's parts
    for key in ("script_files", "css_files"):
        if context.get(key):
            # In place: the builder adds page-specific files to this same list later.
            context[key][:] = [asset for asset in context[key] if _keep(asset, body)]


_CAPTION = re.compile(r'<p class="caption" role="heading">')


def _page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # Hyphenation and screen readers need the region's variant of Dutch (nl-BE / nl-NL).
    context["language"] = region_of(app).taal
    # The menu lists parts and chapters only; cards and cases are one tap further, in their
    # catalogue pages (47 cards in a phone menu bury the chapters).
    if app.config.html_theme == "furo" and "toctree" in context:
        from furo.navigation import get_navigation_tree

        context["furo_navigation_tree"] = get_navigation_tree(context["toctree"](
            collapse=True, titles_only=True, maxdepth=1, includehidden=True))
    # Sphinx writes toctree captions as <p role="heading"> without a level (axe:
    # aria-required-attr; sphinx-doc/sphinx#14030): give them one.
    for key in ("furo_navigation_tree", "body"):
        if isinstance(context.get(key), str):
            context[key] = _CAPTION.sub('<p class="caption" role="heading" aria-level="2">',
                                        context[key])
    # No "last updated" line: the date would be in English ("dec 06, 2026").
    context.pop("last_updated", None)


class WideTables(SphinxPostTransform):
    """Every table sits in a box that scrolls sideways on its own: the page never does
    (WCAG 1.4.10). The box is a named region a keyboard user can focus and scroll."""

    formats = ("html",)
    default_priority = 600  # after Furo's own wrapper (500), which it replaces

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            parent = table.parent
            wrapper = parent if "table-wrapper" in parent.get("classes", []) else None
            title = next(iter(table.findall(nodes.title)), None)
            label = f"Tabel: {title.astext()}" if title else "Tabel"
            box = make("div", classes=["table-wrapper", "container", "db-breed"], role="region",
                       tabindex="0", **{"aria-label": label})
            if wrapper is not None:
                box["ids"] = wrapper["ids"]
                box += wrapper.children
                wrapper.replace_self(box)
            else:
                table.replace_self(box)
                box += table


def setup_theme(app: Sphinx) -> None:
    app.connect("html-page-context", _drop_unused_assets)
    # After Furo's handler (priority 500), which computes the navigation tree.
    app.connect("html-page-context", _page_context, priority=600)
    app.add_post_transform(WideTables)
