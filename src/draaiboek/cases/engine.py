"""The engine: play one case. Pure functions on an immutable case and a small versioned
state; no input or output. The JavaScript player (static/casus.js) implements the same
rules and the golden traces keep the two in step:

- a choice is available when all its conditions hold;
- its effects are added to the indicators, each clamped to the indicator's bounds;
- a scene with `verder` moves on automatically along the first route whose conditions
  hold (the last route without conditions is the default);
- the play is finished on a scene with `einde`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property

from .schema import Case, Choice, Condition, Scene

STATE_VERSION = 1
MIN_COMPATIBLE_VERSION = 1


@dataclass(frozen=True)
class PlayState:
    scene: str
    values: tuple[tuple[str, int], ...]
    chosen: tuple[str, ...] = ()  # choice ids in the order they were made
    version: int = STATE_VERSION

    @cached_property
    def indicators(self) -> dict[str, int]:
        return dict(self.values)

    def to_json(self) -> str:
        return json.dumps({"versie": self.version, "scene": self.scene,
                           "waarden": dict(self.values), "gekozen": list(self.chosen)})

    @classmethod
    def from_json(cls, text: str) -> "PlayState":
        data = json.loads(text)
        if data.get("versie", 0) < MIN_COMPATIBLE_VERSION:
            raise ValueError("Deze opgeslagen voortgang is te oud. Begin de casus opnieuw.")
        return cls(data["scene"], tuple(sorted(data["waarden"].items())),
                   tuple(data["gekozen"]))


@dataclass(frozen=True)
class Step:
    """What one choice did: the new state, the choice (with its feedback) and the changes."""

    state: PlayState
    choice: Choice
    changes: dict[str, int] = field(default_factory=dict)
    passed: tuple[str, ...] = ()  # scenes passed on automatic routes, after the choice


def holds(condition: Condition, state: PlayState) -> bool:
    if condition.choice is not None:
        made = condition.choice in state.chosen
        return not made if condition.negate else made
    value = state.indicators[condition.indicator]
    return {
        "<": value < condition.value, "<=": value <= condition.value,
        ">": value > condition.value, ">=": value >= condition.value,
        "==": value == condition.value, "!=": value != condition.value,
    }[condition.op]


def start(case: Case) -> PlayState:
    state = PlayState(case.start, tuple(sorted((k, i.start) for k, i in case.indicatoren.items())))
    return follow(case, state)


def scene(case: Case, state: PlayState) -> Scene:
    return case.scenes[state.scene]


def options(case: Case, state: PlayState) -> list[Choice]:
    return [c for c in scene(case, state).keuzes if all(holds(x, state) for x in c.conditions)]


def finished(case: Case, state: PlayState) -> bool:
    return scene(case, state).einde is not None


def follow(case: Case, state: PlayState, passed: list[str] | None = None) -> PlayState:
    """Move along automatic routes until a scene with choices or an ending."""
    seen = set()
    while scene(case, state).verder:
        if passed is not None:
            passed.append(state.scene)
        if state.scene in seen:
            raise ValueError(f"de routes vanaf '{state.scene}' lopen in een kring")
        seen.add(state.scene)
        route = next((r for r in scene(case, state).verder
                      if all(holds(x, state) for x in r.conditions)), None)
        if route is None:
            raise ValueError(f"geen enkele route vanaf '{state.scene}' geldt")
        state = PlayState(route.naar, state.values, state.chosen)
    return state


def apply_effects(case: Case, values: dict[str, int], effects: dict[str, int]):
    """New values and the real changes (after clamping to each indicator's bounds)."""
    new = dict(values)
    changes = {}
    for key, delta in effects.items():
        bounds = case.indicatoren[key]
        new[key] = min(bounds.max, max(bounds.min, values[key] + delta))
        if new[key] != values[key]:
            changes[key] = new[key] - values[key]
    return new, changes


def choose(case: Case, state: PlayState, choice_id: str) -> Step:
    choice = next((c for c in options(case, state) if c.id == choice_id), None)
    if choice is None:
        raise ValueError(f"de keuze '{choice_id}' kan nu niet in scène '{state.scene}'")
    values, changes = apply_effects(case, state.indicators, choice.effecten)
    moved = PlayState(choice.naar, tuple(sorted(values.items())), state.chosen + (choice.id,))
    passed: list[str] = []
    return Step(follow(case, moved, passed), choice, changes, tuple(passed))


def play(case: Case, choice_ids: list[str]) -> tuple[PlayState, list[Step]]:
    """Play a scripted list of choices from the start (used by traces and tests)."""
    state, steps = start(case), []
    for choice_id in choice_ids:
        step = choose(case, state, choice_id)
        steps.append(step)
        state = step.state
    return state, steps
