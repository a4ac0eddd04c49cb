"""Method cards in Jupyter: a small API and an ipywidgets browser, on the same loader.

    from draaiboek.cards.widget import kaarten, kaartenbrowser
    kaarten(thema="netwerk", fase="in-kaart-brengen")   # list of cards
    kaartenbrowser(regio="nederland")                     # filters + the chosen card
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from markdown_it import MarkdownIt

from .catalogue import DURATIONS, PHASES, THEMES, Card, filter_cards, load_cards
from ..project import find_root
from ..regions import DEFAULT_REGION, load_region, localise

_MD = MarkdownIt("commonmark")


def _root(root: Path | None) -> Path:
    found = root or find_root()
    if found is None:
        raise FileNotFoundError("Geen Draaiboek-project gevonden: open de notebook in het project.")
    return found


def kaarten(regio: str = DEFAULT_REGION, root: Path | None = None, **filters) -> list[Card]:
    """The cards of a region, filtered by fase, thema, hoofdstuk, duur and/or tekst."""
    return filter_cards(load_cards(_root(root), regio), **filters)


def card_html(card: Card, regio: str = DEFAULT_REGION, root: Path | None = None) -> str:
    region = load_region(_root(root), regio)
    fields = card.fields
    low, high = fields.duur_minuten
    meta = (f"<p><b>Fase:</b> {', '.join(PHASES[p] for p in fields.fasen)}<br>"
            f"<b>Thema:</b> {', '.join(THEMES[t] for t in fields.themas)}<br>"
            f"<b>Duur:</b> {low}–{high} minuten</p>")
    body = _MD.render(localise(card.body_markdown(), region))
    return (f"<h3>{localise(fields.titel, region)}</h3>"
            f"<p><i>{localise(fields.samenvatting, region)}</i></p>{meta}{body}")


def kaartenbrowser(regio: str = DEFAULT_REGION, root: Path | None = None) -> widgets.VBox:
    """Filters on top, the matching cards in a list, the chosen card below."""
    root = _root(root)
    cards = load_cards(root, regio)
    region = load_region(root, regio)

    def dropdown(label: str, options: dict[str, str]) -> widgets.Dropdown:
        return widgets.Dropdown(options=[("Alle", "")] + [(v, k) for k, v in options.items()],
                                description=label)

    fase, thema = dropdown("Fase", PHASES), dropdown("Thema", THEMES)
    duur = dropdown("Duur", {k: v[0] for k, v in DURATIONS.items()})
    hoofdstuk = widgets.Dropdown(options=[("Alle", 0)] + [(f"Hoofdstuk {n}", n)
                                                          for n in range(1, 12)],
                                 description="Hoofdstuk")
    tekst = widgets.Text(description="Zoek")
    choice = widgets.Select(rows=10, layout=widgets.Layout(width="100%"))
    shown = widgets.HTML()

    def update(_change=None) -> None:
        found = filter_cards(cards, fase=fase.value or None, thema=thema.value or None,
                             hoofdstuk=hoofdstuk.value or None, duur=duur.value or None,
                             tekst=tekst.value)
        choice.options = [(localise(c.fields.titel, region), c.id) for c in found]
        if not found:
            shown.value = "<p>Geen kaart gevonden. Kies minder filters.</p>"

    def show(_change=None) -> None:
        card = next((c for c in cards if c.id == choice.value), None)
        if card is not None:
            shown.value = card_html(card, regio, root)

    for control in (fase, thema, duur, hoofdstuk, tekst):
        control.observe(update, names="value")
    choice.observe(show, names="value")
    update()
    return widgets.VBox([widgets.HBox([fase, thema]), widgets.HBox([hoofdstuk, duur]), tekst,
                         choice, shown])
