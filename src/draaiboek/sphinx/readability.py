"""The readability report: each chapter's learner text is measured when it is read, and
the report is written next to the HTML when the build finishes
(`_build/<regio>/<editie>/leesbaarheid.json` and `.md`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .selfchecks import VERDICT
from ..readability import MAX_AVG_SENTENCE, MIN_FLESCH_DOUMA, PROSE_SENTENCE_RANGE, measure

CHAPTER = re.compile(r"^book/h(\d\d)-")
# Text that is not learner prose: trainer notes, source lists, code.
SKIP_CLASSES = {"db-trainer"}
SKIP_SECTIONS = {"bronnen", "methodekaarten-bij-dit-hoofdstuk"}
ENV_KEY = "draaiboek_leesbaarheid"


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if SKIP_CLASSES & set(parent.get("classes", [])):
            return True
        if isinstance(parent, nodes.section) and SKIP_SECTIONS & set(parent.get("ids", [])):
            return True
        if isinstance(parent, (nodes.literal_block, nodes.title)):
            return True
        parent = parent.parent
    return False


def _text(paragraph: nodes.paragraph) -> str:
    """The author's text of a paragraph, without labels the book adds (a self-check's
    'Juist.' would count as a sentence of one word)."""
    return "".join(child.astext() for child in paragraph.children
                   if VERDICT not in getattr(child, "get", lambda *_: [])("classes", []))


def prose_blocks(doctree: nodes.document) -> list[str]:
    return [_text(p) for p in doctree.findall(nodes.paragraph) if not _skipped(p)]


def _in_list_or_table(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.list_item, nodes.table, nodes.definition_list)):
            return True
        parent = parent.parent
    return False


def running_prose(doctree: nodes.document) -> list[str]:
    """Paragraphs of running text: not in a list, a table or a definition list."""
    return [_text(p) for p in doctree.findall(nodes.paragraph)
            if not _skipped(p) and not _in_list_or_table(p)]


def _measure_chapter(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    match = CHAPTER.match(docname)
    store = app.env.__dict__.setdefault(ENV_KEY, {})
    if not match:
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    result = measure(prose_blocks(doctree), running_prose(doctree)).as_dict()
    result["hoofdstuk"] = int(match.group(1))
    result["titel"] = title.astext() if title else docname
    store[docname] = result


def _purge(app: Sphinx, env, docname: str) -> None:
    env.__dict__.setdefault(ENV_KEY, {}).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    env.__dict__.setdefault(ENV_KEY, {}).update(
        {d: v for d, v in getattr(other, ENV_KEY, {}).items() if d in docnames}
    )


def report_rows(env) -> list[dict]:
    store = getattr(env, ENV_KEY, {})
    return [dict(store[d], pagina=d) for d in sorted(store)]


def _write_report(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    rows = report_rows(app.env)
    target = Path(app.outdir).parent
    (target / "leesbaarheid.json").write_text(
        json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    lines = [
        "# Leesbaarheid per hoofdstuk",
        "",
        f"Doel: Flesch-Douma ≥ {MIN_FLESCH_DOUMA:g} en gemiddeld ≤ {MAX_AVG_SENTENCE:g} "
        "woorden per zin. In lopende tekst (geen lijsten of tabellen) liefst "
        f"{PROSE_SENTENCE_RANGE[0]:g} tot {PROSE_SENTENCE_RANGE[1]:g} woorden per zin: "
        "kortere zinnen lezen stotterend.",
        "",
        "| hoofdstuk | woorden | zinnen | woorden per zin | in lopende tekst | Flesch-Douma "
        "| lange zinnen | uitleg van woorden | ok |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['hoofdstuk']}. {row['titel']} | {row['words']} | {row['sentences']} | "
            f"{row['avg_sentence_length']} | {row.get('prose_avg_sentence_length', '?')} | "
            f"{row['flesch_douma']} | {len(row['long_sentences'])} | {len(row.get('glosses', []))} | "
            f"{'ja' if row['ok'] else 'nee'} |"
        )
    for row in rows:
        if row["long_sentences"]:
            lines += ["", f"## Lange zinnen in hoofdstuk {row['hoofdstuk']}", ""]
            lines += [f"- {s}" for s in row["long_sentences"]]
    for row in rows:
        if row.get("glosses"):
            lines += ["", f"## Uitleg van woorden in hoofdstuk {row['hoofdstuk']}", "",
                      "Leg alleen vaktermen uit, geen gewone woorden.", ""]
            lines += [f"- {s}" for s in row["glosses"]]
    (target / "leesbaarheid.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup_readability(app: Sphinx) -> None:
    app.connect("doctree-read", _measure_chapter)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _write_report)
