"""Golden traces: scripted playthroughs (choices → ending, indicators, feedback shown) that
both the Python engine and the JavaScript player must reproduce exactly. They live in
`tests/golden/<case>.yml`; `draaiboek casus sporen <id>` proposes them from the analysis
(the best path, the worst path and a path to every other ending) for an author to review."""

from __future__ import annotations

from .analysis import analyse
from .engine import play
from .schema import Case


def result_of(case: Case, choices: list[str]) -> dict:
    state, steps = play(case, choices)
    return {"einde": state.scene, "indicatoren": state.indicators,
            "feedback": [step.choice.id for step in steps]}


def suggested(case: Case) -> list[dict]:
    result = analyse(case)
    paths = {"beste weg": result.best[1], "slechtste weg": result.worst[1]}
    for ending in result.endings:
        if ending.example and ending.example not in paths.values():
            paths[f"naar {ending.scene}"] = ending.example
    return [{"naam": name, "keuzes": list(path), **result_of(case, list(path))}
            for name, path in paths.items()]
