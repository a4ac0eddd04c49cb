"""Analysis of a case without walking every path: the states a player can be in are
explored once (scene, indicator values, set of choices made), and path counts, value
ranges and the best and worst path are computed over that state graph by dynamic
programming. A case with millions of paths still has only a few thousand states."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import engine
from .schema import Case

Key = tuple[str, tuple[tuple[str, int], ...], frozenset[str]]


def relevant_choices(case: Case) -> frozenset[str]:
    """Only choices that some condition asks about make two states differ."""
    return frozenset(
        condition.choice
        for scene in case.scenes.values()
        for item in (*scene.keuzes, *scene.verder)
        for condition in item.conditions
        if condition.choice
    )


def key_of(state: engine.PlayState, relevant: frozenset[str]) -> Key:
    return (state.scene, state.values, frozenset(state.chosen) & relevant)


@dataclass
class StateGraph:
    start: Key
    edges: dict[Key, list[tuple[str, Key]]] = field(default_factory=dict)
    states: dict[Key, engine.PlayState] = field(default_factory=dict)
    scenes_reached: set[str] = field(default_factory=set)
    dead_ends: set[str] = field(default_factory=set)
    loops: set[str] = field(default_factory=set)
    out_of_bounds: dict[tuple[str, str], set[str]] = field(default_factory=dict)


class TooManyStates(ValueError):
    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"de casus heeft meer dan {limit} toestanden (combinaties van scène, "
                         "indicatorwaarden en gemaakte keuzes); zo'n casus is niet na te lopen")


# The longest real case has about 8 000 states; a case far beyond that is an explosion of
# combinations (conditions on many choices, wide indicators), refused in seconds.
STATE_LIMIT = 15_000


def explore(case: Case, limit: int = STATE_LIMIT) -> StateGraph:
    relevant = relevant_choices(case)
    passed: list[str] = []
    try:
        first = engine.follow(case, engine.PlayState(
            case.start, tuple(sorted((k, i.start) for k, i in case.indicatoren.items()))), passed)
    except ValueError:
        graph = StateGraph(("", (), frozenset()))
        graph.loops.add(case.start)
        return graph
    graph = StateGraph(key_of(first, relevant))
    graph.scenes_reached.update(passed)
    graph.states[graph.start] = first
    todo = [first]
    while todo:
        if len(graph.states) > limit:
            raise TooManyStates(limit)
        state = todo.pop()
        key = key_of(state, relevant)
        graph.scenes_reached.add(state.scene)
        graph.edges[key] = []
        if engine.finished(case, state):
            continue
        available = engine.options(case, state)
        if not available:
            graph.dead_ends.add(state.scene)
        for choice in available:
            for name, delta in choice.effecten.items():
                bounds = case.indicatoren[name]
                if not bounds.min <= state.indicators[name] + delta <= bounds.max:
                    graph.out_of_bounds.setdefault((state.scene, choice.id), set()).add(name)
            try:
                step = engine.choose(case, state, choice.id)
            except ValueError:
                graph.loops.add(choice.naar)
                continue
            graph.scenes_reached.update(step.passed)
            following = step.state
            nxt = key_of(following, relevant)
            graph.edges[key].append((choice.id, nxt))
            if nxt not in graph.states:
                graph.states[nxt] = following
                todo.append(following)
    graph.loops |= _cycles(graph)
    return graph


def _cycles(graph: StateGraph) -> set[str]:
    """Scenes on a cycle of states: a loop in which nothing changes."""
    colour: dict[Key, int] = {}
    found: set[str] = set()
    for root in graph.edges:
        if root in colour:
            continue
        stack = [(root, iter(graph.edges.get(root, [])))]
        colour[root] = 1
        while stack:
            node, children = stack[-1]
            for _, child in children:
                if colour.get(child) == 1:
                    found.add(child[0])
                elif child not in colour:
                    colour[child] = 1
                    stack.append((child, iter(graph.edges.get(child, []))))
                    break
            else:
                colour[node] = 2
                stack.pop()
    return found


@dataclass
class EndingStats:
    scene: str
    titel: str
    soort: str
    paths: int
    ranges: dict[str, tuple[int, int]]
    example: list[str]  # one path (choice ids) that leads here


@dataclass
class Analysis:
    states: int
    paths: int
    endings: list[EndingStats]
    best: tuple[int, list[str], str]  # score, choice ids, ending scene
    worst: tuple[int, list[str], str]


def score(case: Case, values: dict[str, int]) -> int:
    return sum(v if case.indicatoren[k].richting == "hoger-is-beter" else -v
               for k, v in values.items())


def analyse(case: Case) -> Analysis:
    graph = explore(case)
    if graph.loops or graph.dead_ends:
        raise ValueError("de casus heeft lussen of doodlopende scènes; los die eerst op")

    done: dict[Key, tuple] = {}

    def walk(key: Key):
        """(counts, value ranges and an example path per ending, best, worst)."""
        state = graph.states[key]
        if engine.finished(case, state):
            values = state.indicators
            result_score = score(case, values)
            ranges = {k: (v, v) for k, v in values.items()}
            return ({state.scene: 1}, {state.scene: ranges}, {state.scene: ()},
                    (result_score, (), state.scene), (result_score, (), state.scene))
        counts: dict[str, int] = {}
        ranges: dict[str, dict[str, tuple[int, int]]] = {}
        examples: dict[str, tuple[str, ...]] = {}
        best = worst = None
        for choice_id, child in graph.edges[key]:
            c_counts, c_ranges, c_examples, c_best, c_worst = done[child]
            for ending, path in c_examples.items():
                examples.setdefault(ending, (choice_id,) + path)
            for ending, n in c_counts.items():
                counts[ending] = counts.get(ending, 0) + n
            for ending, r in c_ranges.items():
                old = ranges.get(ending)
                ranges[ending] = r if old is None else {
                    k: (min(old[k][0], r[k][0]), max(old[k][1], r[k][1])) for k in r}
            candidate_best = (c_best[0], (choice_id,) + c_best[1], c_best[2])
            candidate_worst = (c_worst[0], (choice_id,) + c_worst[1], c_worst[2])
            if best is None or candidate_best[0] > best[0]:
                best = candidate_best
            if worst is None or candidate_worst[0] < worst[0]:
                worst = candidate_worst
        return counts, ranges, examples, best, worst

    # Children before parents, without recursion: a chain of thousands of scenes is fine.
    stack = [(graph.start, False)]
    while stack:
        key, expanded = stack.pop()
        if key in done:
            continue
        if expanded:
            done[key] = walk(key)
            continue
        stack.append((key, True))
        stack += [(child, False) for _, child in graph.edges.get(key, []) if child not in done]
    counts, ranges, examples, best, worst = done[graph.start]
    endings = [
        EndingStats(sid, s.einde.titel, s.einde.soort, counts.get(sid, 0),
                    ranges.get(sid, {}), list(examples.get(sid, ())))
        for sid, s in case.endings.items()
    ]
    return Analysis(len(graph.states), sum(counts.values()), endings,
                    (best[0], list(best[1]), best[2]), (worst[0], list(worst[1]), worst[2]))
