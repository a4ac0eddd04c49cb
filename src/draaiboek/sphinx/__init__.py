"""The one Sphinx extension of Draaiboek. Each module holds one directive family; this
function only wires them. Every module calls the same loaders as the CLI and the tests."""

from __future__ import annotations

from sphinx.application import Sphinx

from .. import __version__
from ..regions import DEFAULT_REGION

EDITIONS = ("cursist", "trainer")


def setup(app: Sphinx) -> dict:
    from . import (blocks, cards, cases, editions, freshness, html, offline, overview,
                   readability, regions, search, selfchecks, speech, theme, workbook)

    app.add_config_value("draaiboek_regio", DEFAULT_REGION, "env", [str])
    app.add_config_value("draaiboek_editie", "cursist", "env", [str])
    html.setup_html(app)
    regions.setup_regions(app)
    editions.setup_editions(app)
    blocks.setup_blocks(app)
    selfchecks.setup_selfchecks(app)
    cards.setup_cards(app)
    cases.setup_cases(app)
    workbook.setup_workbook(app)
    readability.setup_readability(app)
    offline.setup_offline(app)
    speech.setup_speech(app)
    overview.setup_overview(app)
    search.setup_search(app)
    theme.setup_theme(app)
    freshness.setup_freshness(app)
    # env_version: raise it when a change here makes a stored environment wrong (here: pages
    # now note the fingerprints of freshness.py), so the next build reads every page again.
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True,
            "parallel_write_safe": True}
