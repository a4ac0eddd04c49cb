"""The Jupyter player for self-checks: same questions, region terms, feedback on click."""

from __future__ import annotations

from pathlib import Path

from draaiboek.selfcheck_widget import zelftoetsen


def test_chapter_one_in_both_regions(project: Path) -> None:
    vl = zelftoetsen("h01", regio="vlaanderen", root=project)
    nl = zelftoetsen(1, regio="nederland", root=project)
    assert len(vl.children) == len(nl.children) >= 5
    # the same self-checks with each region's words: somewhere a term is filled in
    text_vl = " ".join(w.children[0].value for w in vl.children)
    text_nl = " ".join(w.children[0].value for w in nl.children)
    assert "verzorgende" in text_vl and "thuisbegeleider" not in text_vl
    assert "thuisbegeleider" in text_nl and "{{" not in text_nl


def test_clicking_an_answer_shows_its_explanation(project: Path) -> None:
    widget = zelftoetsen("h01", root=project).children[0]
    right = next(i for i, c in enumerate(widget.check.keuzes) if c.juist)
    wrong = 0 if right else 1
    widget.buttons[wrong].click()
    assert widget.feedback.value.count("Niet juist.") == 1
    assert widget.buttons[wrong].button_style == "danger"
    widget.buttons[right].click()
    assert "Juist." in widget.feedback.value and "Niet juist" not in widget.feedback.value
    assert widget.buttons[right].button_style == "success"
    assert widget.buttons[wrong].button_style == ""
