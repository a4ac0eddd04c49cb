"""Self-checks in Jupyter: the same questions as in the book, as ipywidgets.

    from draaiboek.selfcheck_widget import zelftoetsen
    zelftoetsen("h01")                      # region: vlaanderen
    zelftoetsen("h01", regio="nederland")

The questions come from the chapter page through `draaiboek.selfchecks` (one loader for
the book, the notebook and `draaiboek check`); terms follow the chosen region."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from markdown_it import MarkdownIt

from .project import chapter_page, find_root
from .regions import DEFAULT_REGION, load_region, substitute
from .selfchecks import SelfCheck, selfchecks_in_page

_MD = MarkdownIt("commonmark")


def _inline(text: str, termen: dict[str, str]) -> str:
    return _MD.renderInline(substitute(text, termen))


class SelfCheckWidget(widgets.VBox):
    """One question: a button per answer and a feedback area."""

    def __init__(self, check: SelfCheck, termen: dict[str, str]):
        self.check = check
        self.termen = termen
        self.feedback = widgets.HTML(value="")
        self.buttons = []
        for index, choice in enumerate(check.keuzes):
            button = widgets.Button(
                description=f"{chr(65 + index)}. {substitute(choice.tekst, termen)}",
                layout=widgets.Layout(width="100%", height="auto"),
                tooltip=substitute(choice.tekst, termen),
            )
            button.on_click(lambda _b, i=index: self.choose(i))
            self.buttons.append(button)
        question = widgets.HTML(
            value=f"<p><b>Zelftoets</b></p><p>{_inline(check.vraag, termen)}</p>"
        )
        super().__init__([question, *self.buttons, self.feedback])

    def choose(self, index: int) -> None:
        choice = self.check.keuzes[index]
        verdict = "Juist." if choice.juist else "Niet juist."
        color = "#0f3d20" if choice.juist else "#5c1414"
        extra = "" if choice.juist else "<p>Kies gerust een ander antwoord.</p>"
        self.feedback.value = (
            f'<div style="color:{color}"><p><b>{verdict}</b> '
            f"{_inline(choice.uitleg, self.termen)}</p>{extra}</div>"
        )
        for i, button in enumerate(self.buttons):
            button.button_style = ("success" if choice.juist else "danger") if i == index else ""


def zelftoetsen(
    hoofdstuk: str | int, regio: str = DEFAULT_REGION, root: Path | None = None
) -> widgets.VBox:
    """All self-checks of a chapter, one below the other."""
    root = root or find_root()
    if root is None:
        raise FileNotFoundError("Geen Draaiboek-project gevonden: open de notebook in het project.")
    termen = load_region(root, regio).termen
    checks = selfchecks_in_page(chapter_page(root, str(hoofdstuk)), root)
    return widgets.VBox([SelfCheckWidget(check, termen) for check in checks])
