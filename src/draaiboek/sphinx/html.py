"""HTML plumbing shared by the directive families: one generic element node, the package's
own CSS and JavaScript, the template overrides and the Dutch labels of the theme."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


class element(nodes.General, nodes.Element):
    """An HTML element with a tag and attributes; its children are rendered inside it.

    Other builders (text, LaTeX) just render the children.
    """


def make(tag: str, *children: nodes.Node, classes: list[str] | None = None, **attrs: str):
    node = element("", *children, tag=tag, attrs=attrs)
    node["classes"] += classes or []
    return node


def _visit_html(self, node: element) -> None:
    self.body.append(self.starttag(node, node["tag"], "", **node["attrs"]))


VOID = {"input", "img", "br", "hr", "meta", "source"}


def _depart_html(self, node: element) -> None:
    if node["tag"] not in VOID:
        self.body.append(f"</{node['tag']}>")


def _pass(self, node: nodes.Node) -> None:
    pass


LOCALE = Path(__file__).parent / "locale"


def _add_assets(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC))
    config.templates_path.insert(0, str(TEMPLATES))  # before the themes' components


def _add_dutch_labels(app: Sphinx, config) -> None:
    """Dutch labels for strings the theme and Sphinx leave in English. The catalog is a
    fallback: where an upstream Dutch translation exists, that one is used."""
    if not (config.language or "").startswith("nl"):
        return
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    target = Path(app.doctreedir) / "draaiboek-locale" / "nl" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (LOCALE / "nl.po").open("rb") as po, (target / "sphinx.mo").open("wb") as mo:
        write_mo(mo, read_po(po, locale="nl"))
    app.add_message_catalog("sphinx", str(target.parent.parent))


def _drop_thebe_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Jupyter Book always loads sphinx-thebe, which needs a Binder server; the book works
    offline, so its configuration nodes are removed from every page."""
    for raw in list(doctree.findall(nodes.raw)):
        if "x-thebe-config" in raw.astext() or "kernelName" in raw.astext():
            raw.parent.remove(raw)


def setup_html(app: Sphinx) -> None:
    app.add_node(
        element,
        html=(_visit_html, _depart_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
    app.connect("config-inited", _add_assets)
    app.connect("config-inited", _add_dutch_labels)
    app.connect("doctree-resolved", _drop_thebe_nodes, priority=900)
    app.add_css_file("draaiboek.css")
    app.add_js_file("draaiboek.js", loading_method="defer")
