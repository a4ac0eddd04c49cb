"""The case player in Jupyter (ipywidgets): same engine, same data as the book.

    from draaiboek.cases.widget import speel
    speel("peeters", regio="nederland")
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..project import find_root
from ..regions import DEFAULT_REGION, Region, load_region
from . import engine
from .compiled import html
from .loader import load_cases
from .schema import Case


class CasePlayer(widgets.VBox):
    def __init__(self, case: Case, region: Region):
        self.case, self.region = case, region
        self.meters = widgets.HTML()
        self.scene = widgets.HTML()
        self.feedback = widgets.HTML()
        self.choices = widgets.VBox()
        self.back = widgets.Button(description="Terug")
        self.again = widgets.Button(description="Opnieuw beginnen")
        self.back.on_click(lambda _b: self.undo())
        self.again.on_click(lambda _b: self.restart())
        self.history: list[engine.PlayState] = []
        self.steps: list[engine.Step] = []
        self.state = engine.start(case)
        super().__init__([self.meters, self.feedback, self.scene, self.choices,
                          widgets.HBox([self.back, self.again])])
        self.draw()

    def pick(self, choice_id: str) -> None:
        step = engine.choose(self.case, self.state, choice_id)
        self.history.append(self.state)
        self.steps.append(step)
        self.state = step.state
        changes = ", ".join(f"{self.case.indicatoren[k].naam} {d:+d}"
                            for k, d in step.changes.items())
        self.feedback.value = (f"<div style='background:#e3f0f8;padding:0.5em'>"
                               f"<b>Wat je keuze doet</b>{html(step.choice.feedback, self.region)}"
                               f"<i>{('Gevolg: ' + changes) if changes else ''}</i></div>")
        self.draw()

    def undo(self) -> None:
        if self.history:
            self.state = self.history.pop()
            self.steps.pop()
            self.feedback.value = ""
            self.draw()

    def restart(self) -> None:
        self.history, self.steps = [], []
        self.state = engine.start(self.case)
        self.feedback.value = ""
        self.draw()

    def draw(self) -> None:
        rows = "".join(
            f"<div>{i.naam}: <progress value='{self.state.indicators[k] - i.min}' "
            f"max='{i.max - i.min}'></progress> {self.state.indicators[k]}</div>"
            for k, i in self.case.indicatoren.items())
        self.meters.value = rows
        scene = engine.scene(self.case, self.state)
        passed = self.steps[-1].passed if self.steps else ()
        body = "".join(f"<div style='border-left:3px solid #8a96a3;padding-left:0.6em'>"
                       f"{html(self.case.scenes[sid].tekst, self.region)}</div>" for sid in passed)
        body += (f"<p><b>Bezoek {scene.bezoek}</b></p><h3>{html(scene.titel, self.region, True)}"
                f"</h3>{html(scene.tekst, self.region)}")
        if scene.einde:
            path = "".join(f"<li>{html(s.choice.tekst, self.region, True)}</li>" for s in self.steps)
            body += (f"<p><b>Einde: {html(scene.einde.titel, self.region, True)}</b></p>"
                     f"{html(scene.einde.debrief, self.region)}<p><b>Jouw weg</b></p><ol>{path}</ol>")
            self.choices.children = []
        else:
            buttons = []
            for choice in engine.options(self.case, self.state):
                button = widgets.Button(description=choice.tekst[:120], tooltip=choice.tekst,
                                        layout=widgets.Layout(width="100%", height="auto"))
                button.on_click(lambda _b, cid=choice.id: self.pick(cid))
                buttons.append(button)
            self.choices.children = buttons
        self.scene.value = body
        self.back.disabled = not self.history


def speel(casus: str, regio: str = DEFAULT_REGION, root: Path | None = None) -> CasePlayer:
    root = root or find_root()
    if root is None:
        raise FileNotFoundError("Geen Draaiboek-project gevonden: open de notebook in het project.")
    cases = {c.id: c for c in load_cases(root, regio)}
    if casus not in cases:
        raise KeyError(f"De casus '{casus}' bestaat niet. Kies uit: {', '.join(sorted(cases))}.")
    return CasePlayer(cases[casus].case, load_region(root, regio))
