"""HTML plumbing shared by the directive families: one generic element node, the package's
own CSS and JavaScript, and a lighter theme (no 1.5 MB icon script, Dutch labels)."""

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


def _depart_html(self, node: element) -> None:
    self.body.append(f"</{node['tag']}>")


def _pass(self, node: nodes.Node) -> None:
    pass


def _add_assets(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC))
    config.templates_path.append(str(TEMPLATES))


def _drop_thebe_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Jupyter Book always loads sphinx-thebe, which needs a Binder server; the book works
    offline, so its configuration nodes are removed from every page."""
    for raw in list(doctree.findall(nodes.raw)):
        if "x-thebe-config" in raw.astext() or "kernelName" in raw.astext():
            raw.parent.remove(raw)


def _drop_thebe_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [
                asset
                for asset in context[key]
                if "thebe" not in str(asset).lower()
                and "THEBE" not in getattr(asset, "attributes", {}).get("body", "")
            ]


def _drop_icon_script(app: Sphinx, exception) -> None:
    """The theme still copies its icon script; no page loads it, so leave it out."""
    if exception is None and app.builder.format == "html":
        for name in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
            (Path(app.outdir) / "_static" / "scripts" / name).unlink(missing_ok=True)


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
    app.connect("doctree-resolved", _drop_thebe_nodes, priority=900)
    app.connect("html-page-context", _drop_thebe_assets)
    app.connect("build-finished", _drop_icon_script)
    app.add_css_file("draaiboek.css")
    app.add_js_file("draaiboek.js", loading_method="defer")
