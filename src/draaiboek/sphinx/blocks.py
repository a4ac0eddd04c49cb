"""The teaching blocks of a chapter: `{leerdoelen}`, `{praktijk}` and `{reflectie}`.
Each is an admonition with a fixed label and class, so that it looks the same everywhere
and the tests can count them."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

# directive name -> (label shown to the reader, CSS class)
BLOCKS = {
    "leerdoelen": ("Leerdoelen", "db-leerdoelen"),
    "praktijk": ("In de praktijk", "db-praktijk"),
    "reflectie": ("Denk na over je eigen werk", "db-reflectie"),
}


class TeachingBlock(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        label, css = BLOCKS[self.name]
        title = f"{label}: {self.arguments[0]}" if self.arguments else label
        node = nodes.admonition(classes=["db-blok", css])
        textnodes, _ = self.state.inline_text(title, self.lineno)
        node += nodes.title(title, "", *textnodes)
        self.state.nested_parse(self.content, self.content_offset, node)
        self.set_source_info(node)
        return [node]


def setup_blocks(app: Sphinx) -> None:
    for name in BLOCKS:
        app.add_directive(name, TeachingBlock)
