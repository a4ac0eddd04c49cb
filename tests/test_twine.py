"""Drawing cases in Twine: import of what Twine users have (Twee, published HTML, archives,
Tweego/extwee builds), links matched by label, errors with passage and line, Twine's habits,
macro detection, stable case files, and the story format "Draaiboek" playing in Chromium.

The Twine files come from a real Twine toolchain: extwee, pinned in tests/twine/package.json
and installed here with `npm ci` (skipped, with the reason, where npm is missing)."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from draaiboek.cases.casefile import update_case_text
from draaiboek.cases.compiled import compile_case
from draaiboek.cases.loader import CASES_FOLDER, parse_case
from draaiboek.cases.macros import find_macros
from draaiboek.cases.twee import (
    FORMAT_NAME, FORMAT_VERSION, check_imported, export_twee, import_twine, link_label,
)
from draaiboek.cases.twine_format import format_js, publish, write_format
from draaiboek.problems import ContentError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "cases" / "mini.yml"
GOLDEN = Path(__file__).parent / "golden"
TOOLCHAIN = Path(__file__).parent / "twine"
CASE_FILES = [FIXTURE, *sorted((ROOT / CASES_FOLDER).glob("*.yml"))]


def load(path: Path):
    return parse_case(path.read_text(encoding="utf-8"), path.name).case


def mini_twee(compiled: bool = True) -> str:
    case = load(FIXTURE)
    return export_twee("mini", case, compile_case("mini", case) if compiled else None)


def problems_of(source: str, file: str = "verhaal.twee", **kwargs) -> list:
    with pytest.raises(ContentError) as caught:
        import_twine(source, file, **kwargs)
    return caught.value.problems


# --- a real Twine toolchain (extwee) ---------------------------------------------------------

@pytest.fixture(scope="session")
def extwee() -> Path:
    """tests/twine/node_modules with extwee, installed from the lock file."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm ontbreekt: de Twine-bestanden van extwee kunnen niet gemaakt "
                    "worden (installeer nodejs en npm).")
    marker = TOOLCHAIN / "node_modules" / "extwee" / "package.json"
    wanted = json.loads((TOOLCHAIN / "package.json").read_text())["dependencies"]["extwee"]
    if not marker.exists() or json.loads(marker.read_text())["version"] != wanted:
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLCHAIN,
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            pytest.skip(f"npm ci in tests/twine mislukte (geen registry?): {done.stderr[-400:]}")
    return TOOLCHAIN


def build_with_extwee(extwee: Path, twee: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "verhaal.twee").write_text(twee, encoding="utf-8")
    write_format(folder)
    subprocess.run(["node", str(extwee / "make_stories.mjs"), str(folder / "verhaal.twee"),
                    str(folder / "format.js"), str(folder / "uit")], check=True, timeout=120)
    return folder / "uit"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_published_html_archive_and_extwee_build_import_to_the_same_case(
        path: Path, extwee: Path, tmp_path: Path) -> None:
    case = load(path)
    out = build_with_extwee(extwee, export_twee(path.stem, case, compile_case(path.stem, case)),
                            tmp_path)
    published = import_twine((out / "gepubliceerd.html").read_text(), "gepubliceerd.html")
    archive = import_twine((out / "archief.html").read_text(), "archief.html")
    rewritten = import_twine((out / "extwee.twee").read_text(), "extwee.twee")
    for imported in (published, archive, rewritten):
        assert imported.case == case
        assert imported.case_id == path.stem
    assert "alleen 'mini' is een casus" in archive.notes[0] if path == FIXTURE else True


def test_archive_story_is_chosen_by_name_and_listed_when_ambiguous(
        extwee: Path, tmp_path: Path) -> None:
    out = build_with_extwee(extwee, mini_twee(), tmp_path)
    archive = (out / "archief.html").read_text()
    assert import_twine(archive, "archief.html", story_name="mini").case == load(FIXTURE)
    other = problems_of(archive, "archief.html", story_name="Een ander verhaal")
    assert "is geen casus" in other[0].message and "Harlowe 3.3.9" in other[0].message
    missing = problems_of(archive, "archief.html", story_name="Weg")
    assert "'Een ander verhaal', 'mini'" in missing[0].fix
    two_cases = archive + archive.replace('name="mini"', 'name="mini 2"')
    listed = problems_of(two_cases, "archief.html")
    assert "4 verhalen" in listed[0].message and "--verhaal" in listed[0].fix


@pytest.mark.browser
def test_the_story_format_plays_a_golden_trace_in_chromium(
        extwee: Path, tmp_path: Path, browser) -> None:
    out = build_with_extwee(extwee, mini_twee(), tmp_path)
    # The same page as Twine's publishStoryWithFormat makes from our source.
    ours = tmp_path / "twine.html"
    story_data = re.search(r"<tw-storydata.*</tw-storydata>",
                           (out / "gepubliceerd.html").read_text(), re.S).group(0)
    ours.write_text(publish(story_data, "mini"), encoding="utf-8")
    case = load(FIXTURE)
    compiled = compile_case("mini", case)
    traces = yaml.safe_load((GOLDEN / "mini.yml").read_text(encoding="utf-8"))
    for page_file in (out / "gepubliceerd.html", ours):
        for trace in traces:
            page = browser.new_page(viewport={"width": 360, "height": 740})
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            for choice_id in trace["keuzes"]:
                text = next(c["tekst"] for s in compiled["scenes"].values()
                            for c in s.get("keuzes", []) if c["id"] == choice_id)
                page.locator("button.db-optie", has_text=text).click()
                assert page.locator(".db-casus-feedback").inner_text().strip()
            ending = compiled["scenes"][trace["einde"]]["einde"]["titel"]
            assert page.locator(".db-einde-soort").inner_text() == f"Einde: {ending}"
            # The number itself, without the change mark the player adds after a choice.
            numbers = page.eval_on_selector_all(
                ".db-meter-getal", "els => els.map(e => e.firstChild.textContent)")
            assert [int(n) for n in numbers] == [trace["indicatoren"][k]
                                                 for k in compiled["indicatoren"]]
            assert not page.locator(".db-melding").count()
            assert all(url.startswith("file://") for url in requests)
            page.evaluate("localStorage.clear()")
            page.close()


def twine_page(twee: str, folder: Path, options: str = "", start: str = "post") -> Path:
    """A page as Twine's publishStoryWithFormat makes it from our source."""
    from html import escape

    from draaiboek.cases.twee import parse_twee

    parsed = parse_twee(twee, "x.twee")
    script = next(p.text for p in parsed.passages if "script" in p.tags)
    pids = {p.name: str(i) for i, p in enumerate(parsed.passages, start=1)}
    data = (f'<tw-storydata name="mini" startnode="{pids[start]}" format="{FORMAT_NAME}" '
            f'format-version="{FORMAT_VERSION}" options="{options}" hidden>'
            '<script role="script" id="twine-user-script" '
            f'type="text/twine-javascript">{script}</script>')
    for p in parsed.passages:
        data += (f'<tw-passagedata pid="{pids[p.name]}" name="{escape(p.name)}" tags="'
                 f'{" ".join(p.tags)}">{escape(p.text)}</tw-passagedata>')
    data += "</tw-storydata>"
    page_file = folder / f"p{options}{start}.html"
    page_file.write_text(publish(data, "mini"), encoding="utf-8")
    return page_file


@pytest.mark.browser
def test_the_story_format_says_when_passages_changed_and_tests_from_a_scene(
        tmp_path: Path, browser) -> None:
    twee = mini_twee()
    changed = twee.replace("Op tafel ligt een stapel brieven.", "Op tafel ligt post.")
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(twine_page(changed, tmp_path).as_uri())
    assert "veranderd na de export" in page.locator(".db-melding").inner_text()
    assert page.locator("button.db-optie").count() == 2  # the exported case still plays
    # Twine's Test From Here (options="debug", startnode = that passage)
    page.goto(twine_page(twee, tmp_path, "debug", "tweede-bezoek").as_uri())
    assert "Test vanaf deze scène" in page.locator(".db-melding").inner_text()
    title = load(FIXTURE).scenes["tweede-bezoek"].titel
    assert page.locator(".db-scene-titel").inner_text() == title
    page.close()


def test_format_js_is_one_story_format_call_that_bundles_the_player() -> None:
    text = format_js()
    assert text.startswith("window.storyFormat({") and text.rstrip().endswith("});")
    data = json.loads(text[len("window.storyFormat("):text.rindex(")")])
    assert data["name"] == FORMAT_NAME and re.fullmatch(r"\d+\.\d+\.\d+", data["version"])
    assert data["proofing"] is False and "casus" in data["description"]
    source = data["source"]
    assert "{{STORY_NAME}}" in source and "{{STORY_DATA}}" in source
    player = (ROOT / "src/draaiboek/cases/static/casus.js").read_text(encoding="utf-8")
    css = (ROOT / "src/draaiboek/cases/static/casus.css").read_text(encoding="utf-8")
    assert player in source and css in source  # bundled as they are at build time
    assert not re.search(r"(src|href)=\"https?:", source)
    assert f'"format": "{FORMAT_NAME}"' in mini_twee()
    assert f'"format-version": "{FORMAT_VERSION}"' in mini_twee()


# --- links and labels ----------------------------------------------------------------------

def test_swapped_link_lines_keep_each_choice_on_its_own_link_and_say_so() -> None:
    twee = mini_twee(False)
    first, second = "[[Je opent de brieven zelf.", "[[Je vraagt of jullie ze samen"
    lines = twee.split("\n")
    a = next(i for i, x in enumerate(lines) if x.startswith(first))
    b = next(i for i, x in enumerate(lines) if x.startswith(second))
    lines[a], lines[b] = lines[b], lines[a]
    lines[a] = lines[a].replace("->reactie", "->einde-sterk")  # only one target moves
    imported = import_twine("\n".join(lines), "verhaal.twee")
    post = imported.case.scenes["post"]
    assert [c.id for c in post.keuzes] == ["zelf-openen", "samen-openen"]
    assert post.keuzes[0].naar == "reactie" and post.keuzes[1].naar == "einde-sterk"
    assert any("andere volgorde" in n and "'post'" in n for n in imported.notes)


def test_a_label_changed_in_twine_updates_the_choice_text_and_says_so() -> None:
    twee = mini_twee(False).replace("[[Je opent de brieven zelf.->", "[[Je opent de post zelf.->")
    imported = import_twine(twee, "verhaal.twee")
    choice = imported.case.choice("zelf-openen")
    assert choice.tekst == "Je opent de post zelf." and choice.naar == "reactie"
    assert any("zelf-openen" in n and "Je opent de post zelf." in n for n in imported.notes)


def test_two_changed_labels_are_reported_not_guessed() -> None:
    twee = mini_twee(False).replace("[[Je opent de brieven zelf.->", "[[A->").replace(
        "[[Je vraagt of jullie ze samen openen.->", "[[B->")
    problem = problems_of(twee)[0]
    assert "passen niet bij de keuzes" in problem.message
    assert "keuze 'samen-openen' heeft geen link" in problem.message
    assert "de link 'A'" in problem.message and problem.place.startswith("passage 'post', regel")


def test_link_count_must_match_the_choices() -> None:
    twee = mini_twee(False).replace("[[Je opent de brieven zelf.->reactie]]\n", "")
    problem = problems_of(twee)[0]
    assert "keuze 'zelf-openen' heeft geen link" in problem.message


def test_a_reimport_reports_a_choice_sent_elsewhere(tmp_path: Path) -> None:
    from draaiboek.cli import _case_changes

    twee = mini_twee(False).replace("[[Je opent de brieven zelf.->reactie]]",
                                    "[[Je opent de brieven zelf.->einde-moeilijk]]")
    changes = _case_changes(load(FIXTURE), import_twine(twee, "v.twee").case)
    assert changes == ["Keuze 'zelf-openen' gaat nu naar 'einde-moeilijk' (was 'reactie')."]


def test_choice_texts_with_brackets_survive_the_round_trip() -> None:
    text = "Je zegt [[zacht]] en dan ][ iets | anders -> of <- niet"
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["scenes"]["post"]["keuzes"][0]["tekst"] = text
    case = parse_case(yaml.safe_dump(data, allow_unicode=True), "mini.yml").case
    twee = export_twee("mini", case)
    passage = twee.split(":: post ")[1].split("\n::")[0]
    yaml_part = passage.split("\n--\n")[0]
    assert "[[" not in yaml_part and "]]" not in yaml_part  # Twine sees no link in the YAML
    assert f"[[{link_label(text)}->reactie]]" in passage
    assert import_twine(twee, "mini.twee").case == case


# --- errors name the Twine file, the passage and the line inside it --------------------------

def test_a_broken_link_names_the_twee_file_passage_and_line() -> None:
    twee = mini_twee(False).replace("->einde-sterk]]", "->einde-sterrk]]")
    imported = import_twine(twee, "verhaal.twee")
    problems = check_imported(imported, ROOT, None)
    problem = next(p for p in problems if "einde-sterrk" in p.message)
    assert problem.file == "verhaal.twee"
    passage_line = int(re.search(r"passage 'tweede-bezoek', regel (\d+)", problem.place)[1])
    text = twee.split(":: tweede-bezoek ")[1].split("\n")
    assert "einde-sterrk" in text[passage_line]  # line 1 is the line after the header
    assert twee.split("\n")[problem.line - 1] == text[passage_line]
    assert "cases/" not in str(problem)


def test_yaml_errors_in_a_passage_give_the_cause_in_dutch_and_the_line() -> None:
    twee = mini_twee(False).replace("titel: De stapel post", "titel: De stapel: post")
    problem = problems_of(twee)[0]
    assert "dubbele punt" in problem.message
    assert problem.place == "passage 'post', regel 1" and problem.file == "verhaal.twee"


def test_schema_errors_name_the_passage(extwee: Path, tmp_path: Path) -> None:
    twee = mini_twee(False).replace("  soort: moeilijk", "  soort: slecht")
    out = build_with_extwee(extwee, twee, tmp_path)
    problem = problems_of((out / "gepubliceerd.html").read_text(), "verhaal.html")[0]
    assert problem.file == "verhaal.html" and "passage 'einde-moeilijk', regel" in problem.place


def test_html_without_a_story_and_a_harlowe_story_say_what_to_do() -> None:
    plain = problems_of("<html><body>Hallo</body></html>", "pagina.html")[0]
    assert "geen Twine-verhaal" in plain.message and "Publish to File" in plain.fix
    harlowe = ('<tw-storydata name="Avontuur" startnode="1" format="Harlowe" '
               'format-version="3.3.9"><tw-passagedata pid="1" name="Begin" tags="">'
               '(set: $x to 1) [[Verder]]</tw-passagedata></tw-storydata>')
    problem = problems_of(harlowe, "avontuur.html")[0]
    assert "'Avontuur' (verhaalformaat Harlowe 3.3.9) is geen casus" in problem.message
    assert "draaiboek casus exporteer" in problem.fix


# --- Twine's habits ---------------------------------------------------------------------------

def test_start_passage_empty_passages_and_scripts() -> None:
    twee = mini_twee(False)
    # Twine's start passage ("Start Story Here") is the case's start.
    moved = twee.replace('"start": "post"', '"start": "reactie"')
    assert import_twine(moved, "v.twee").case.start == "reactie"
    # Start on the Casus passage: its 'start:' field decides, or a clear message.
    on_casus = twee.replace('"start": "post"', '"start": "Casus"')
    problem = problems_of(on_casus)[0]
    assert "Start Story Here" in problem.fix
    with_field = on_casus.replace(":: Casus [casus] {\"position\":\"0,0\"}\n",
                                  ":: Casus [casus] {\"position\":\"0,0\"}\nstart: post\n")
    assert import_twine(with_field, "v.twee").case.start == "post"
    # An empty passage Twine made for a new link is named.
    empty = twee + "\n:: nieuwe-scene {\"position\":\"900,100\"}\n\n"
    problem = problems_of(empty)[0]
    assert "passage 'nieuwe-scene' is leeg" in problem.message
    # Stylesheet and script passages are skipped with a note.
    styled = twee + "\n:: UserStylesheet [stylesheet]\nbody { color: red; }\n" \
                    "\n:: UserScript [script]\nconsole.log(1);\n"
    imported = import_twine(styled, "v.twee")
    assert imported.case == load(FIXTURE)
    assert any("UserStylesheet" in n for n in imported.notes)
    assert any("UserScript" in n for n in imported.notes)
    # Two passages with one name (possible in Twee, not in Twine) are named.
    double = twee + "\n:: reactie [bezoek-1]\ntitel: x\n"
    assert "twee passages met de naam 'reactie'" in problems_of(double)[0].message
    # The bezoek-N tag and a 'bezoek:' field must agree.
    clash = twee.replace("titel: De stapel post", "bezoek: 2\ntitel: De stapel post")
    assert "bezoek-1" in problems_of(clash)[0].message


# --- macros -------------------------------------------------------------------------------

MACROS = {
    "(set: $vertrouwen to 3)": "Harlowe",
    "(link-goto: \"Verder\", \"x\")": "Harlowe",
    "(go-to: \"x\")": "Harlowe",
    "(Link-Goto: \"a\")": "Harlowe",
    "<<set $x to 1>>": "SugarCube",
    "<<if $vertrouwen gt 3>>ja<</if>>": "SugarCube",
    "<<= $naam>>": "SugarCube",
    "[[Verder|x][$x to 1]]": "SugarCube",
    "<% if (s.x) { %>ja<% } %>": "Snowman",
    "Hallo <%= s.naam %>": "Snowman",
    "{back link}": "Chapbook",
    "{link to: 'x', label: 'Verder'}": "Chapbook",
    "{embed passage: 'x'}": "Chapbook",
    "Hallo {naam}.": "Chapbook",
    "[if vertrouwen > 3]": "Chapbook",
    "[else]": "Chapbook",
    "[after 2s]": "Chapbook",
    "<script>alert(1)</script>": "HTML",
    "(if: $vertrouwen > 3)[Ja]": "Harlowe",
    "(print: $naam)": "Harlowe",
    "<<link \"Verder\" \"x\">><</link>>": "SugarCube",
    "<</if>>": "SugarCube",
    "<style>p { color: red }</style>": "HTML",
}
PROSE = [
    "Ze vraagt: kost dat $woord geld? Het kost 5 $ per maand.",
    "Mama zegt <<niet nu>> en loopt weg.",
    "Het verschil is groot: a << b.",
    "[lachend] Dat is goed, zegt Sandra.",
    "[lachend]",
    "[zucht]",
    "(zie: hoofdstuk 3) en (let op: de tijd)",
    "De {{ zorgverlener }} komt op dinsdag, de {{coach}} ook.",
    "effecten: {vertrouwen: 1, initiatief: -1}",
    "hoofdstukken: [3, 5, 7]",
    "Het kost 50% minder.",
    "Ze zegt <script niet>: nee, grapje.".replace("<script niet>", "'script'"),
]


@pytest.mark.parametrize("code, fmt", MACROS.items())
def test_macros_of_each_story_format_are_found(code: str, fmt: str) -> None:
    found = find_macros(f"regel een\n{code}")
    assert found and found[0].format == fmt and found[0].line == 2


@pytest.mark.parametrize("text", PROSE)
def test_ordinary_prose_is_no_macro(text: str) -> None:
    assert find_macros(text) == []


def test_a_macro_in_a_passage_is_refused_naming_passage_and_line() -> None:
    twee = mini_twee(False).replace("Op tafel ligt een stapel brieven.",
                                    "Op tafel (link-goto: \"x\", \"y\") ligt een stapel.")
    problem = problems_of(twee)[0]
    assert "(link-goto:" in problem.message and "Harlowe" in problem.message
    assert re.fullmatch(r"passage 'post', regel \d+", problem.place)
    prose = mini_twee(False).replace("Op tafel ligt een stapel brieven.",
                                     "Ze zegt <<nee>> en $woord, [lachend] nee.")
    assert import_twine(prose, "v.twee").case.scenes["post"].tekst.startswith("Ze zegt <<nee>>")


# --- stable files ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_reimport_of_an_unchanged_export_leaves_the_file_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    case = load(path)
    twee = export_twee(path.stem, case, compile_case(path.stem, case))
    imported = import_twine(twee, f"{path.stem}.twee", reference=case)
    assert update_case_text(text, case, imported.case) == text


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_a_one_word_edit_in_twine_changes_only_its_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    case = load(path)
    sid, scene = next((s, sc) for s, sc in case.scenes.items() if sc.keuzes)
    feedback = scene.keuzes[0].feedback
    word = feedback.split()[2]
    twee = export_twee(path.stem, case)
    before, passage = twee.split(f"\n:: {sid} ", 1)
    edited = f"{before}\n:: {sid} " + passage.replace(f" {word} ", f" {word}je ", 1)
    assert edited != twee
    # Move a passage on the map too: the position is kept with the case.
    header = next(x for x in edited.split("\n") if x.startswith(f":: {sid} "))
    edited = edited.replace(header, re.sub(r'"position":"[^"]+"', '"position":"425,975"', header))
    new = import_twine(edited, "v.twee", reference=case).case
    result = update_case_text(text, case, new)
    assert parse_case(result, path.name).case == new
    assert new.scenes[sid].twine.positie == [425, 975]
    diff = [x for x in difflib.unified_diff(text.splitlines(), result.splitlines(), n=0,
                                            lineterm="") if x[:1] in "+-" and x[:3] not in
            ("---", "+++")]
    assert len(diff) <= 12, diff
    # and the map survives the next export
    assert '"position":"425,975"' in export_twee(path.stem, new)
    assert import_twine(export_twee(path.stem, new), "v.twee", reference=new).case == new


def test_positions_and_sizes_are_validated() -> None:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["scenes"]["post"]["twine"] = {"positie": [1, 2], "grootte": [0, 100]}
    with pytest.raises(ContentError, match="grootte"):
        parse_case(yaml.safe_dump(data), "cases/mini.yml")


def test_html_as_twine_publishes_it_with_pids_renumbered_and_its_quirks() -> None:
    """Twine's publish.ts: passages in its own order with new pids, text escaped with
    & < > " ', script and stylesheet unescaped, `options=""tags=""` without a space (seen in a
    stored Twine version), `hidden`, <tw-tag> elements; startnode is a pid."""
    from html import escape

    from draaiboek.cases.twee import parse_twee

    case = load(FIXTURE)
    story = parse_twee(export_twee("mini", case, compile_case("mini", case)), "mini.twee")
    passages = sorted((p for p in story.passages if "script" not in p.tags),
                      key=lambda p: p.name, reverse=True)
    pid = {p.name: str(i) for i, p in enumerate(passages, start=1)}
    script = next(p.text for p in story.passages if "script" in p.tags)
    html = (f'<html><body><tw-storydata name="mini" startnode="{pid["post"]}" creator="Twine" '
            f'creator-version="2.10.0" format="{FORMAT_NAME}" format-version="{FORMAT_VERSION}" '
            'ifid="83C361DF-3178-57AD-8CB8-D09FC93FD95C" options=""tags="" zoom="1" hidden>'
            '<style role="stylesheet" id="twine-user-stylesheet" type="text/twine-css"></style>'
            f'<script role="script" id="twine-user-script" type="text/twine-javascript">{script}'
            '</script><tw-tag name="casus" color="green"></tw-tag>')
    for p in passages:
        html += (f'<tw-passagedata pid="{pid[p.name]}" name="{escape(p.name)}" '
                 f'tags="{" ".join(p.tags)}" position="{p.metadata["position"]}" '
                 f'size="100,100">{escape(p.text, quote=True)}</tw-passagedata>')
    html += "</tw-storydata></body></html>"
    imported = import_twine(html, "mini.html", reference=case)
    assert imported.case == case and imported.notes == []
    # A new case (no file yet) keeps every passage's place on the map.
    again = parse_twee(export_twee("mini", import_twine(html, "mini.html").case), "x.twee")
    assert {p.name: p.metadata["position"] for p in again.passages} == \
        {p.name: p.metadata["position"] for p in passages}


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360, 1280])
def test_the_story_format_page_is_accessible_and_fits_a_phone(
        tmp_path: Path, browser, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_browser import AXE_TAGS

    page = browser.new_page(viewport={"width": width, "height": 740})
    page.goto(twine_page(mini_twee(), tmp_path).as_uri())
    problems = []
    for choice in (None, 0, 0):  # start, after a choice (feedback shown), the ending
        if choice is not None:
            page.locator("button.db-optie").nth(choice).click()
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        if result.violations_count:
            problems.append(result.generate_report())
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for box in page.locator("button").all():
            if box.is_visible():
                size = box.bounding_box()
                assert size["height"] >= 44 and size["width"] >= 44
    assert page.locator(".db-einde-soort").count() == 1
    assert not problems, "\n".join(problems)
    page.close()


def twine_export(twee: str) -> str:
    """What Twine 2.6+ writes with Build → Export As Twee after importing `twee`
    (twinejs src/util/twee.ts: passages sorted by name, position and size in every header,
    texts trimmed, the story JavaScript as a passage 'StoryScript [script]')."""
    from draaiboek.cases.twee import _escape, parse_twee

    story = parse_twee(twee, "x.twee")
    script = "".join(p.text for p in story.passages if "script" in p.tags)
    data = json.loads(twee.split(":: StoryData\n", 1)[1].split("\n\n", 1)[0])
    out = f":: StoryTitle\n{story.name}\n\n\n:: StoryData\n{json.dumps(data, indent=2)}\n\n\n"
    parts = []
    for p in sorted((p for p in story.passages if "script" not in p.tags), key=lambda p: p.name):
        meta = json.dumps({"position": p.metadata.get("position", "0,0"),
                           "size": p.metadata.get("size", "100,100")}, separators=(",", ":"))
        text = re.sub(r"^::", r"\\::", p.text.strip(), flags=re.M)
        tags = f" [{' '.join(p.tags)}]" if p.tags else ""
        parts.append(f":: {_escape(p.name)}{tags} {meta}\n{text}\n")
    out += "\n\n".join(parts)
    if script.strip():
        out += f"\n\n:: StoryScript [script]\n{script}"
    return out


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_a_twee_exported_by_twine_reimports_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    case = load(path)
    back = twine_export(export_twee(path.stem, case, compile_case(path.stem, case)))
    imported = import_twine(back, f"{path.stem}.twee", reference=case)
    assert imported.case == case and imported.notes == []
    assert update_case_text(text, case, imported.case) == text
