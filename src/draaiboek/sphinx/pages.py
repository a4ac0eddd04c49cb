"""Links between pages, shared by the directive families: which page holds a chapter, a
card or a case, a link Sphinx resolves (and reports when the page does not exist), and
where a generated section goes in a chapter (before its sources)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from ..project import chapter_page
from ..regions import REGIONS_FOLDER


def content_docname(folder: str, item_id: str, region: str | None) -> str:
    """The page of a card or case: shared, or in a region's overlay folder."""
    if region:
        return f"{REGIONS_FOLDER}/{region}/{folder}/{item_id}"
    return f"{folder}/{item_id}"


def doc_link(env, docname: str, text: str | None = None) -> addnodes.pending_xref:
    return addnodes.pending_xref(
        "", nodes.inline(text=text or ""), refdomain="std", reftype="doc",
        reftarget="/" + docname, refexplicit=text is not None, refwarn=True,
        refdoc=env.docname,
    )


def chapter_docname(root: Path, number: int) -> str:
    return chapter_page(root, str(number)).relative_to(root).with_suffix("").as_posix()


def existing_chapter(root: Path, number: int) -> str | None:
    """The docname of a chapter, or None while it is not written."""
    try:
        return chapter_docname(root, number)
    except FileNotFoundError:
        return None


def insert_before_sources(doctree: nodes.document, section: nodes.section) -> None:
    """Put a generated section in a chapter, just before its 'Bronnen'."""
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None:
        return
    sources = next((s for s in top.children if isinstance(s, nodes.section)
                    and "bronnen" in s["ids"]), None)
    if sources is not None:
        top.insert(top.index(sources), section)
    else:
        top += section
