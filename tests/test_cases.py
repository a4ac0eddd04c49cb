"""Case simulations: engine, validator, analysis, Twee, players, and the golden traces
that keep the Python engine and the JavaScript player in step."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from draaiboek.cases import engine
from draaiboek.cases.analysis import analyse, explore
from draaiboek.cases.compiled import compile_case
from draaiboek.cases.loader import CASES_FOLDER, load_cases, parse_case
from draaiboek.cases.traces import result_of
from draaiboek.cases.twee import export_twee, import_twee
from draaiboek.cases.validator import errors
from draaiboek.problems import ContentError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "cases" / "mini.yml"
GOLDEN = Path(__file__).parent / "golden"
PLAYER = ROOT / "src" / "draaiboek" / "cases" / "static" / "casus.js"
MINI = FIXTURE.read_text(encoding="utf-8")


def mini():
    return parse_case(MINI, "cases/mini.yml")


def project_cases() -> list[Path]:
    return sorted((ROOT / CASES_FOLDER).glob("*.yml"))


# --- engine ------------------------------------------------------------------------------

def test_play_applies_effects_routes_and_conditions() -> None:
    case = mini().case
    state = engine.start(case)
    assert state.scene == "post" and state.indicators == {"vertrouwen": 3, "initiatief": 2,
                                                          "belasting": 3}
    step = engine.choose(case, state, "samen-openen")
    assert step.changes == {"vertrouwen": 1, "initiatief": 1}
    assert step.passed == ("reactie",) and step.state.scene == "tweede-bezoek"
    other = engine.choose(case, state, "zelf-openen").state
    assert other.scene == "tweede-bezoek-moe"
    assert [c.id for c in engine.options(case, other)] == ["opnieuw-samen", "weer-zelf"]
    with pytest.raises(ValueError):
        engine.choose(case, state, "compliment")


def test_effects_are_clamped_and_state_survives_json() -> None:
    case = mini().case
    state, _ = engine.play(case, ["zelf-openen", "weer-zelf"])
    assert state.indicators["initiatief"] == 0
    assert engine.PlayState.from_json(state.to_json()) == state
    assert engine.finished(case, state)


# --- validator -----------------------------------------------------------------------------

BAD = {
    "unknown_target": (("naar: reactie\n      - id: samen-openen", "naar: reactei\n      - id: samen-openen"),
                       ["'reactei', maar die scène bestaat niet"], "naar"),
    "unknown_indicator": (("effecten: {initiatief: -1, belasting: 2}", "effecten: {initiatif: -1, belasting: 2}"),
                          ["'initiatif', maar die indicator bestaat niet"], "effecten"),
    "bad_condition": (("als: [belasting <= 6]", "als: [belasting is laag]"),
                      ["'belasting is laag' begrijp ik niet"], "als"),
    "unknown_condition_indicator": (("als: [belasting <= 6]", "als: [stress <= 6]"),
                                    ["onbekende indicator 'stress'"], "als"),
    "out_of_bounds": (("effecten: {initiatief: -2, belasting: 1}", "effecten: {initiatief: -9, belasting: 1}"),
                      ["voorbij de grens"], "effecten"),
    "no_feedback": (("feedback: Zo ziet Sandra wat ze kan.", "feedback: ''"), ["feedback"], "feedback"),
    "duplicate_choice": (("id: opnieuw-samen", "id: compliment"), ["komt twee keer voor"], "id"),
    "unreachable": (("      - naar: tweede-bezoek-moe", "      - naar: tweede-bezoek"),
                    ["('tweede-bezoek-moe') kan nooit bereikt worden"], "scène tweede-bezoek-moe"),
}


def _bad(name: str) -> str:
    (old, new), _, _ = BAD[name]
    assert old in MINI, name
    return MINI.replace(old, new, 1)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_cases_name_file_line_and_place(name: str) -> None:
    text = _bad(name)
    try:
        loaded = parse_case(text, "cases/mini.yml")
        problems = errors(loaded, ROOT)
    except ContentError as exc:
        problems = exc.problems
    assert problems, name
    _, words, place = BAD[name]
    problem = problems[0]
    assert problem.file == "cases/mini.yml" and problem.line, str(problem)
    for word in words:
        assert any(word in str(p) for p in problems), (name, [str(p) for p in problems])
    if place:
        assert place in problem.place or place in str(problem), str(problem)
    assert problem.fix


def test_dead_end_and_loop_and_unreachable_are_found() -> None:
    dead = parse_case(MINI.replace("als: [belasting <= 6]", "als: [belasting >= 9]")
                      .replace("      - id: opnieuw-samen", "      - id: opnieuw-samen\n"
                               "        als: [vertrouwen > 9]"), "cases/mini.yml")
    assert "tweede-bezoek-moe" in explore(dead.case).dead_ends
    loop = parse_case(MINI.replace("naar: einde-gemengd\n      - id: weer-zelf",
                                   "naar: tweede-bezoek-moe\n      - id: weer-zelf"), "x.yml")
    messages = [str(p) for p in errors(loop, ROOT)]
    assert any("eindeloos rondlopen" in m for m in messages), messages


# --- analysis ----------------------------------------------------------------------------

def test_analysis_counts_paths_ranges_best_and_worst() -> None:
    result = analyse(mini().case)
    by_scene = {e.scene: e for e in result.endings}
    assert result.paths == 4 and by_scene["einde-gemengd"].paths == 2
    assert by_scene["einde-gemengd"].ranges["belasting"] == (4, 5)
    assert result.best[2] == "einde-sterk" and result.worst[2] == "einde-moeilijk"
    assert result.best[1] == ["samen-openen", "compliment"]


def test_analysis_does_not_walk_every_path() -> None:
    """A chain of 40 two-way choices has 2^40 paths but only ~120 states."""
    scenes = {}
    for i in range(40):
        scenes[f"s{i}"] = {"bezoek": 1, "titel": "x", "tekst": "x", "keuzes": [
            {"id": f"a{i}", "tekst": "a", "naar": f"s{i + 1}", "feedback": "f", "principe": "p",
             "effecten": {"v": 1 if i % 2 else -1}},
            {"id": f"b{i}", "tekst": "b", "naar": f"s{i + 1}", "feedback": "f", "principe": "p"}]}
    scenes["s40"] = {"bezoek": 1, "titel": "x", "tekst": "x",
                     "einde": {"titel": "e", "soort": "sterk", "debrief": "d"}}
    data = yaml.safe_load(MINI)
    data.update(indicatoren={"v": {"naam": "V", "start": 25, "min": 0, "max": 50}},
                start="s0", scenes=scenes)
    case = parse_case(yaml.safe_dump(data), "cases/keten.yml").case
    result = analyse(case)
    assert result.paths == 2 ** 40
    assert result.states < 2000


# --- Twee ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [FIXTURE, *project_cases()], ids=lambda p: p.stem)
def test_twee_round_trip(path: Path) -> None:
    case = parse_case(path.read_text(encoding="utf-8"), path.name).case
    case_id, back = import_twee(export_twee(path.stem, case), f"{path.stem}.twee")
    assert case_id == path.stem
    assert back == case


def test_twee_with_macros_is_refused_naming_the_passage() -> None:
    twee = export_twee("mini", mini().case).replace(
        "Op tafel ligt een stapel brieven.", "(set: $vertrouwen to 3) Op tafel.")
    with pytest.raises(ContentError) as caught:
        import_twee(twee, "verhaal.twee")
    problem = caught.value.problems[0]
    assert problem.place.startswith("passage 'post', regel") and "(set:" in problem.message
    assert problem.file == "verhaal.twee" and problem.line


def test_twee_link_count_must_match_the_choices() -> None:
    twee = export_twee("mini", mini().case).replace("[[Je opent de brieven zelf.->reactie]]\n", "")
    with pytest.raises(ContentError, match="keuze 'zelf-openen' heeft geen link"):
        import_twee(twee, "verhaal.twee")


# --- golden traces: Python engine and JavaScript player ------------------------------------

def golden_cases() -> list[tuple[str, Path]]:
    found = [("mini", FIXTURE)]
    found += [(p.stem, p) for p in project_cases()]
    return found


@pytest.mark.parametrize("case_id, path", golden_cases(), ids=lambda x: str(x))
def test_golden_traces_python(case_id: str, path: Path) -> None:
    traces = yaml.safe_load((GOLDEN / f"{case_id}.yml").read_text(encoding="utf-8"))
    assert len(traces) >= 3, "at least three scripted playthroughs per case"
    case = parse_case(path.read_text(encoding="utf-8"), path.name).case
    endings = set()
    for trace in traces:
        expected = {k: trace[k] for k in ("einde", "indicatoren", "feedback")}
        assert result_of(case, trace["keuzes"]) == expected, trace["naam"]
        endings.add(trace["einde"])
    assert len(endings) >= 3, "the traces reach at least three endings"


@pytest.mark.skipif(shutil.which("node") is None, reason="node ontbreekt: JS-sporen overgeslagen")
@pytest.mark.parametrize("case_id, path", golden_cases(), ids=lambda x: str(x))
def test_golden_traces_javascript(case_id: str, path: Path, tmp_path: Path) -> None:
    traces = yaml.safe_load((GOLDEN / f"{case_id}.yml").read_text(encoding="utf-8"))
    case = parse_case(path.read_text(encoding="utf-8"), path.name).case
    (tmp_path / "case.json").write_text(json.dumps(compile_case(case_id, case)))
    (tmp_path / "traces.json").write_text(json.dumps(traces))
    run = subprocess.run(["node", str(GOLDEN / "run_traces.js"), str(PLAYER),
                          str(tmp_path / "case.json"), str(tmp_path / "traces.json")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    for trace, got in zip(traces, results):
        assert got == {k: trace[k] for k in ("einde", "indicatoren", "feedback")}, trace["naam"]


# --- the project's cases -------------------------------------------------------------------

def test_project_cases_meet_the_content_rules(project: Path) -> None:
    for region in ("vlaanderen", "nederland"):
        cases = load_cases(project, region)
        assert len(cases) >= 8, region
    for loaded in load_cases(project, "vlaanderen"):
        case = loaded.case
        assert len({s.bezoek for s in case.scenes.values()}) >= 3, loaded.id
        assert len(case.scenes) >= 12, loaded.id
        assert {e.einde.soort for e in case.endings.values()} == {"sterk", "gemengd",
                                                                   "moeilijk"}, loaded.id
        result = analyse(case)
        assert all(e.paths for e in result.endings), loaded.id
        assert case.scenes[result.best[2]].einde.soort == "sterk", loaded.id
        assert case.scenes[result.worst[2]].einde.soort == "moeilijk", loaded.id
        assert (GOLDEN / f"{loaded.id}.yml").is_file(), f"golden traces for {loaded.id}"


# --- players -------------------------------------------------------------------------------

def test_terminal_player_plays_to_an_ending(project: Path) -> None:
    from rich.console import Console

    from draaiboek.cases.terminal import play_in_terminal
    from draaiboek.regions import load_region

    answers = iter(["9", "2", "t", "2", "1"])
    console = Console(record=True, width=100)
    state = play_in_terminal(mini().case, load_region(project, "nederland"),
                             lambda _q: next(answers), console)
    text = console.export_text()
    assert state.scene == "einde-sterk"
    assert "Kies een nummer van 1 tot 2" in text and "Jouw weg:" in text
    assert "Gevolg: Vertrouwen +1, Eigen initiatief +1" in text


def test_jupyter_player(project: Path) -> None:
    from draaiboek.cases.widget import CasePlayer
    from draaiboek.regions import load_region

    player = CasePlayer(mini().case, load_region(project, "vlaanderen"))
    assert player.back.disabled
    player.choices.children[1].click()
    assert "Wat je keuze doet" in player.feedback.value and player.state.scene == "tweede-bezoek"
    player.undo()
    assert player.state.scene == "post"
    player.choices.children[1].click()
    player.choices.children[0].click()
    assert "Einde" in player.scene.value and "Jouw weg" in player.scene.value
    player.restart()
    assert player.state.scene == "post"
