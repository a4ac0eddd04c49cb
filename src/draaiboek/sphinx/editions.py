"""Editions: `cursist` (learner) and `trainer`. Trainer material is written in a
`{trainer}` block; in the learner edition the block produces nothing at all, so its text
is in no HTML page, no search index and no source file of that build."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from . import EDITIONS


def is_trainer(config) -> bool:
    return config.draaiboek_editie == "trainer"


class TrainerBlock(SphinxDirective):
    """```{trainer} Sessieplan hoofdstuk 1``` ... ```: only in the trainer edition."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        if not is_trainer(self.config):
            return []
        title = "Voor de trainer"
        if self.arguments:
            title += ": " + self.arguments[0]
        node = nodes.admonition(classes=["db-blok", "db-trainer"])
        textnodes, _ = self.state.inline_text(title, self.lineno)
        node += nodes.title(title, "", *textnodes)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def _check_edition(app: Sphinx, config) -> None:
    if config.draaiboek_editie not in EDITIONS:
        raise ConfigError(
            f"Onbekende editie '{config.draaiboek_editie}'. Kies: {', '.join(EDITIONS)}."
        )
    app.tags.add(f"editie_{config.draaiboek_editie}")


def setup_editions(app: Sphinx) -> None:
    app.connect("config-inited", _check_edition)
    app.add_directive("trainer", TrainerBlock)
