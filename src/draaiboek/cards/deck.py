"""The printable deck: one method card per A5 sheet, region-aware (ReportLab).

A card is printed on the front and back of one A5 sheet (print double-sided): it starts on
an odd page and never runs onto the next sheet. A card that fits on the front gets a back
with room for notes. Text is set at 10 pt, or smaller down to 8.5 pt when that makes the card
fit; a card that still does not fit is an error naming the card, never cut-off text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .catalogue import PHASES, THEMES, Card
from ..problems import ContentError, Problem
from ..regions import Region, localise

SIZES = (10.0, 9.5, 9.0, 8.5)  # font sizes tried, largest first
PAGES_PER_CARD = 2  # front and back of one A5 sheet
MARGIN_MM = 11


@dataclass
class DeckResult:
    path: Path
    cards: int
    pages: int
    sizes: dict[str, float]  # card id -> font size used


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)")
_LIST = re.compile(r"^\s*(?:[-*]|(\d+)[.)])\s+(.*)$")
# Characters outside the PDF base fonts' encoding, with a plain replacement.
_PLAIN = str.maketrans({"≤": "<=", "≥": ">=", "→": "->", "×": "x", "≈": "~"})


def _inline(text: str) -> str:
    text = escape(" ".join(text.translate(_PLAIN).split()))
    text = _BOLD.sub(r"<b>\1</b>", text)
    return _ITALIC.sub(r"<i>\1</i>", text)


def _blocks(markdown: str) -> list[tuple[str, str, str | None]]:
    """Markdown as (kind, text, number) blocks: 'p' paragraphs and 'li' list items."""
    blocks: list[tuple[str, str, str | None]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("p", " ".join(paragraph), None))
            paragraph.clear()

    for line in markdown.splitlines():
        item = _LIST.match(line)
        if not line.strip():
            flush()
        elif item:
            flush()
            blocks.append(("li", item.group(2), item.group(1)))
        elif blocks and blocks[-1][0] == "li" and not paragraph and line.startswith("  "):
            kind, text, number = blocks[-1]
            blocks[-1] = (kind, f"{text} {line.strip()}", number)
        else:
            paragraph.append(line.strip())
    flush()
    return blocks


def _story(card: Card, region: Region, size: float):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer, Table, TableStyle

    leading = size * 1.25
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=size, leading=leading,
                          spaceAfter=size * 0.35)
    head = ParagraphStyle("head", parent=body, fontName="Helvetica-Bold",
                          fontSize=size + 1.5, leading=(size + 1.5) * 1.2, spaceBefore=size * 0.5,
                          spaceAfter=size * 0.2, textColor=colors.HexColor("#0d3550"))
    title = ParagraphStyle("title", parent=head, fontSize=size + 7, leading=(size + 7) * 1.15,
                           spaceBefore=0, spaceAfter=size * 0.4)
    label = ParagraphStyle("label", parent=body, fontName="Helvetica-Bold", spaceAfter=0)
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0)

    fields = card.fields
    low, high = fields.duur_minuten
    rows = [
        ("Fase", ", ".join(PHASES[p] for p in fields.fasen)),
        ("Thema", ", ".join(THEMES[t] for t in fields.themas)),
        ("Duur", f"{low} minuten" if low == high else f"{low} tot {high} minuten"),
        ("Hoofdstuk", ", ".join(str(n) for n in fields.hoofdstukken)),
        ("Herkomst", fields.herkomst.wie + (f" ({fields.herkomst.jaar})"
                                            if fields.herkomst.jaar else "")),
    ]
    if fields.materiaal:
        rows.append(("Materiaal", ", ".join(fields.materiaal)))
    table = Table([[Paragraph(k, label), Paragraph(_inline(localise(v, region)), cell)]
                   for k, v in rows], colWidths=["22%", "78%"])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.HexColor("#1a5e8a")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    story = [
        Paragraph(_inline(localise(fields.titel, region)), title),
        Paragraph(f"<i>{_inline(localise(fields.samenvatting, region))}</i>", body),
        table,
        Spacer(1, size * 0.4),
    ]
    for section, text in card.sections.items():
        story.append(Paragraph(escape(section), head))
        items: list = []
        numbered = False
        for kind, content, number in _blocks(localise(text, region)):
            if kind == "li":
                items.append(ListItem(Paragraph(_inline(content), body), leftIndent=size * 1.4))
                numbered = numbered or number is not None
                continue
            if items:
                story.append(ListFlowable(items, bulletType="1" if numbered else "bullet",
                                          start="1" if numbered else None,
                                          bulletFontSize=size, leftIndent=size * 1.4))
                items, numbered = [], False
            story.append(Paragraph(_inline(content), body))
        if items:
            story.append(ListFlowable(items, bulletType="1" if numbered else "bullet",
                                      start="1" if numbered else None,
                                      bulletFontSize=size, leftIndent=size * 1.4))
    return story


def _template(width: float, height: float, footer=None):
    from reportlab.lib.units import mm
    from reportlab.platypus import Frame, PageTemplate

    margin = MARGIN_MM * mm
    frame = Frame(margin, margin + 6 * mm, width - 2 * margin, height - 2 * margin - 6 * mm,
                  id="kaart", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    return PageTemplate("kaart", [frame], onPage=footer) if footer else PageTemplate("kaart", [frame])


def _pages_needed(story) -> int:
    """Lay the card out alone, exactly as the deck will, and count its pages."""
    import copy
    import io

    from reportlab.lib.pagesizes import A5
    from reportlab.platypus import BaseDocTemplate

    trial = BaseDocTemplate(io.BytesIO(), pagesize=A5)
    trial.addPageTemplates([_template(*A5)])
    trial.build(copy.deepcopy(story))
    return trial.page


def _notes(size: float):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("notes", fontName="Helvetica-Bold", fontSize=size + 1.5)
    return Paragraph("Notities", style)


def write_deck(cards: list[Card], region: Region, target: Path) -> DeckResult:
    """Write the deck; raise ContentError naming every card that does not fit its sheet."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, PageBreak

    width, height = A5
    margin = MARGIN_MM * mm
    story, sizes, problems = [], {}, []
    for card in cards:
        for size in SIZES:
            flowables = _story(card, region, size)
            pages = _pages_needed(flowables)
            if pages <= PAGES_PER_CARD:
                sizes[card.id] = size
                story += flowables
                if pages == 1:
                    story += [PageBreak(), _notes(size)]
                story.append(PageBreak())
                break
        else:
            problems.append(Problem(card.file, "de kaart past niet op de voor- en achterkant "
                                    f"van een A5-blad, ook niet in de kleinste letter "
                                    f"({SIZES[-1]:g} pt).",
                                    "Maak de tekst korter (richtlijn: hoogstens 900 woorden)."))
    if problems:
        raise ContentError(problems)

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(margin, margin * 0.6, f"Draaiboek · methodekaarten · {region.naam}")
        canvas.drawRightString(width - margin, margin * 0.6, f"{doc.page}")
        canvas.restoreState()

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".pdf.deel")
    document = BaseDocTemplate(
        str(partial), pagesize=A5, title=f"Methodekaarten {region.naam}", author="Draaiboek",
        lang="nl-BE" if region.taal == "nl-BE" else "nl-NL",
    )
    document.addPageTemplates([_template(width, height, footer)])
    if story:
        story.pop()  # no empty page after the last card
    document.build(story)
    partial.replace(target)  # a failed run never leaves half a PDF behind
    return DeckResult(target, len(cards), document.page, sizes)
