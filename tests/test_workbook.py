"""The workbook in the static book: a carer fills in a chapter's workbook on a 320 px phone,
reloads, checks, hands in; the trainer reads the file in, grades it and makes the feedback
with the ordinary course commands. And "Mijn voortgang": pages read, self-checks, case
endings, workbooks, erase, export and import. Plus the renderer without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from draaiboek.exercises.answers import answer_id
from draaiboek.exercises.loader import load_exercises
from draaiboek.exercises.workbook import (
    Workbook,
    WorkbookOptions,
    answer_key_hash,
    answer_slots,
    learner_notebook,
)
from draaiboek.regions import load_region

from . import test_course as course_tests
from .conftest import ROOT, serve

AID = "h01-thuiscompagnie-in-een-notendop"
KEYS = course_tests.KEYS
PAGE = f"exercises/{AID}.html"
STEP_TEXT = ("Ik vroeg eerst wat de moeder zelf wilde doen en ik wachtte rustig af, want zij "
             "kent haar gezin het best. ")


def _loaded(aid: str = AID):
    return next(item for item in load_exercises(ROOT) if item.id == aid)


# --- the renderer, without a browser --------------------------------------------------------

def test_learner_notebook_is_what_the_course_releases(tmp_path: Path) -> None:
    """The hand-in file starts from exactly the notebook `cursus uitdelen` hands out."""
    from draaiboek.course.coursedir import create_course
    from draaiboek.course.release import release_assignment

    course = create_course(tmp_path / "groep", ROOT, "nederland", "Test")
    released = json.loads(release_assignment(course, AID).read_text(encoding="utf-8"))
    from draaiboek.privacy import project_rules

    assert learner_notebook(_loaded(), load_region(ROOT, "nederland"),
                            project_rules(ROOT)) == released


def test_answer_slots_cut_the_answer_cells_where_a_learner_types() -> None:
    notebook = learner_notebook(_loaded(), load_region(ROOT, "vlaanderen"))
    slots = answer_slots(notebook)
    assert set(slots) == {*KEYS, "r1", "r2", "c1"}
    for qid, slot in slots.items():
        cell = notebook["cells"][slot["cel"]]
        assert answer_id(cell) == qid
        if qid in KEYS:  # the letter goes where the unanswered mark stands
            assert "?".join(slot["delen"]) == "".join(cell["source"])
    assert slots["k1"]["delen"][0].endswith('k1 = "') and slots["k1"]["delen"][1][0] == '"'

def test_learner_page_holds_no_answer_key_and_examples_can_be_kept_back() -> None:
    loaded, region = _loaded(), load_region(ROOT, "vlaanderen")
    open_book = Workbook(loaded, region, WorkbookOptions())
    page = open_book.data_script() + open_book.knowledge()
    for check in loaded.exercise.kennisvragen:
        assert answer_key_hash(AID, check.id, check.juist) in page
        assert f"juiste antwoord is {check.juist}" not in page
    assert '"juist"' not in page and "HIDDEN" not in page and "BEGIN SOLUTION" not in page
    course_book = Workbook(loaded, region, WorkbookOptions(show_examples=False))
    page = course_book.data_script() + course_book.knowledge() + "".join(
        course_book.written(p) for p in loaded.exercise.written_parts)
    assert not any(answer_key_hash(AID, c.id, c.juist) in page
                   for c in loaded.exercise.kennisvragen)
    assert "db-wb-uitleg" not in page and "db-wb-voorbeeld" not in page
    assert "Je trainer bespreekt je antwoord" in page
    trainer = Workbook(loaded, region, WorkbookOptions(trainer=True)).knowledge()
    assert "het juiste antwoord is C" in trainer


def test_each_case_question_sits_beside_a_link_to_its_own_case() -> None:
    loaded = _loaded("h04-sociaal-netwerk")
    links = {"claes": ("Botsing met de partnerdienst", "../cases/claes.html"),
             "verhoeven": ("Lotte zorgt", "../cases/verhoeven.html")}
    book = Workbook(loaded, load_region(ROOT, "nederland"), WorkbookOptions(), links)
    first, second = (book.written(q) for q in loaded.exercise.casusvragen)
    assert 'href="../cases/claes.html"' in first and "verhoeven" not in first
    assert 'href="../cases/verhoeven.html"' in second and "Lotte zorgt" in second
    assert "claes.html" not in second


# --- in the browser --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def book(built):
    root, results = built
    html = results["vlaanderen/cursist"].index.parent
    server = serve(html)
    yield root, html, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _phone(browser, width: int = 320):
    context = browser.new_context(viewport={"width": width, "height": 740}, accept_downloads=True,
                                  has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def _fill_workbook(page) -> None:
    for qid, letter in KEYS.items():
        page.locator(f'.db-wb-kennis[data-vraag="{qid}"] label:has(input[value="{letter}"])').tap()
    for qid in ("r1", "r2"):
        fields = page.locator(f'.db-wb-geschreven[data-vraag="{qid}"] textarea')
        for index in range(fields.count()):
            fields.nth(index).fill(STEP_TEXT * 3)
    page.locator('.db-wb-geschreven[data-vraag="c1"] textarea').fill(STEP_TEXT * 10)


@pytest.mark.browser
@pytest.mark.build
@course_tests.shielded
def test_workbook_from_phone_to_feedback(browser, book, tmp_path: Path) -> None:
    root, html, base = book
    context, page, errors = _phone(browser)
    try:
        page.goto(base + PAGE)
        _fill_workbook(page)
        # Right and wrong after answering, with the explanation (self-study edition).
        k1 = page.locator('.db-wb-kennis[data-vraag="k1"] .db-wb-feedback')
        assert k1.inner_text().startswith("Juist.")
        page.locator('.db-wb-kennis[data-vraag="k2"] label:has(input[value="B"])').tap()
        assert "Niet juist" in page.locator('.db-wb-kennis[data-vraag="k2"] .db-wb-feedback'
                                            ).inner_text()
        page.locator('.db-wb-kennis[data-vraag="k2"] label:has(input[value="A"])').tap()
        # Nothing lost on reload: saved while typing (and on pagehide).
        page.reload()
        for qid, letter in KEYS.items():
            assert page.locator(f'.db-wb-kennis[data-vraag="{qid}"] input[value="{letter}"]'
                                ).is_checked()
        assert page.locator('.db-wb-geschreven[data-vraag="r2"] textarea').nth(4).input_value() \
            == STEP_TEXT * 3
        assert "woorden" in page.locator('.db-wb-geschreven[data-vraag="c1"] .db-wb-teller'
                                         ).inner_text()
        # No sideways scrolling inside the workbook at 320 px; tap targets of 44 px.
        widest = page.evaluate("""() => Math.max(...Array.from(document.querySelectorAll(
            '.db-werkboek-deel, .db-werkboek-deel *')).map(e => e.getBoundingClientRect().right))""")
        assert widest <= 320
        small = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.db-werkboek-deel label.db-wb-keuze, .db-werkboek-deel button:not([hidden])'))
            .filter(e => e.offsetParent && e.getBoundingClientRect().height < 44).length""")
        assert small == 0
        # Self-score against the rubric, then the example answer (when the exercise has one).
        r1 = page.locator('.db-wb-geschreven[data-vraag="r1"]')
        r1.locator(".db-wb-rubriek > summary").tap()
        for criterion in range(r1.locator(".db-wb-criterium").count()):
            r1.locator(".db-wb-criterium").nth(criterion).locator("label").last.tap()
        assert "Jij geeft jezelf 8 van de 8 punten" in r1.locator(".db-wb-score").inner_text()
        if r1.locator(".db-wb-voorbeeld").count():
            assert r1.locator(".db-wb-voorbeeld").is_visible()
        # The formative check: steps, length, privacy.
        first_step = page.evaluate("JSON.parse(document.querySelector("
                                   "'script.db-werkboek-data').textContent).vragen.r1.stappen[0]")
        r1.locator("textarea").nth(0).fill("Kort.")
        r1.locator("textarea").nth(1).fill(STEP_TEXT + "Ik belde haar op 0470 12 34 56.")
        r1.locator(".db-wb-controleer").tap()
        result = r1.locator(".db-wb-resultaat").inner_text()
        assert "Nog niet helemaal klaar" in result and f"Nog doen: {first_step}" in result
        assert "woorden" in result  # the length, in the rules' own words
        assert "'0470 12 34 56' lijkt een telefoonnummer" in result
        r1.locator("textarea").nth(0).fill(STEP_TEXT * 3)
        r1.locator("textarea").nth(1).fill(STEP_TEXT * 3)
        r1.locator(".db-wb-controleer").tap()
        result = r1.locator(".db-wb-resultaat").inner_text()
        assert "Klaar om in te leveren" in result and "Geen namen of gegevens" in result
        # Hand in: the name is asked once, the file is the assignment's notebook.
        page.locator("#wb-naam").fill("Anouk Claes")
        with page.expect_download() as info:
            page.locator(".db-wb-lever").tap()
        download = info.value
        assert download.suggested_filename == f"anouk-claes-{AID}.ipynb"
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        handed_in = inbox / download.suggested_filename
        download.save_as(handed_in)
        assert "bij je downloads" in page.locator(".db-wb-inlevering").inner_text()
        page.reload()
        assert page.locator("#wb-naam").input_value() == "Anouk Claes"
        assert not errors, errors
    finally:
        context.close()

    notebook = json.loads(handed_in.read_text(encoding="utf-8"))
    assert notebook["metadata"]["draaiboek"]["cursist"] == "Anouk Claes"
    k3 = next(c for c in notebook["cells"] if answer_id(c) == "k3")
    assert "".join(k3["source"]).startswith(f'k3 = "{KEYS["k3"]}"')

    # The trainer's side, with the ordinary commands.
    folder = tmp_path / "cursus"
    learners = tmp_path / "cursisten.csv"
    learners.write_text(course_tests.LEARNERS, encoding="utf-8")
    run = course_tests.run
    for args in (("cursus", "maak", str(folder), "--regio", "vlaanderen", "--groep", "Boek"),):
        assert run(root, *args).returncode == 0
    for args in (("cursisten", str(learners)), ("uitdelen", "h01")):
        result = run(folder, "cursus", *args)
        assert result.returncode == 0, result.stdout + result.stderr
    result = run(folder, "cursus", "inlezen", str(inbox))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (folder / "submitted" / "c01" / AID / f"{AID}.ipynb").is_file()
    result = run(folder, "cursus", "nakijken", "h01", "--tijdslimiet", "5")
    assert result.returncode == 0, result.stdout + result.stderr
    from draaiboek.course.coursedir import open_course
    from draaiboek.course.scores import assignment_scores

    score = assignment_scores(open_course(folder), AID)["c01"]
    assert sum(s.score for q, s in score.questions.items() if q in KEYS) == len(KEYS), \
        result.stdout
    result = run(folder, "cursus", "feedback", "h01")
    assert result.returncode == 0, result.stdout + result.stderr
    feedback = (folder / "feedback" / "c01" / f"{AID}.html").read_text(encoding="utf-8")
    assert STEP_TEXT.strip()[:40] in feedback

    # Bad hand-ins: one clear Dutch message naming the file; nothing read in changes.
    before = (folder / "submitted" / "c01" / AID / f"{AID}.ipynb").read_bytes()
    bad = tmp_path / "fout"
    bad.mkdir()
    text = handed_in.read_text(encoding="utf-8")
    (bad / f"anouk-claes-{AID}-kapot.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    other = json.loads(text)
    other["metadata"]["draaiboek"]["oefening"] = "h02-visie-op-maatschappelijke-kwetsbaarheid"
    (bad / "anouk-claes-h02.ipynb").write_text(json.dumps(other), encoding="utf-8")
    edited = json.loads(text)
    edited["cells"][0].pop("cell_type")
    (bad / f"anouk-claes-{AID}-met-de-hand.ipynb").write_text(json.dumps(edited),
                                                              encoding="utf-8")
    stranger = json.loads(text)
    stranger["metadata"].pop("draaiboek")
    (bad / "anouk-claes-ander-boek.ipynb").write_text(json.dumps(stranger), encoding="utf-8")
    message = course_tests.clean_failure(run(folder, "cursus", "inlezen", str(bad)))
    assert f"anouk-claes-{AID}-kapot.ipynb" in message and "beschadigd" in message
    assert f"anouk-claes-{AID}-met-de-hand.ipynb" in message and "klopt niet" in message
    assert "anouk-claes-h02.ipynb" in message and "niet uitgedeeld" in message
    assert "anouk-claes-ander-boek.ipynb" in message and "geen Draaiboek-opdracht" in message
    assert (folder / "submitted" / "c01" / AID / f"{AID}.ipynb").read_bytes() == before
    # The same file twice: read in once, the newest counts, grades stay.
    twice = tmp_path / "twee"
    twice.mkdir()
    (twice / handed_in.name).write_bytes(handed_in.read_bytes())
    (twice / f"c01-{AID}.ipynb").write_bytes(handed_in.read_bytes())
    result = run(folder, "cursus", "inlezen", str(twice))
    assert result.returncode == 0, result.stdout + result.stderr
    output = " ".join(result.stdout.split())
    assert "1 inzending ingelezen" in output and "niet gebruikt" in output
    after = assignment_scores(open_course(folder), AID)["c01"]
    assert sum(s.score for q, s in after.questions.items() if q in KEYS) == len(KEYS)


@pytest.mark.browser
@pytest.mark.build
def test_course_book_keeps_answers_back(browser, tmp_path_factory) -> None:
    """`draaiboek_voorbeelden: false`: no right/wrong, no explanation, no example."""
    from draaiboek.build import Variant, build_variant

    from .conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("cursusboek"))
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "draaiboek_voorbeelden: true", "draaiboek_voorbeelden: false"), encoding="utf-8")
    result = build_variant(root, Variant("vlaanderen", "cursist"), clean=True)
    assert result.ok, result.problems
    page_html = (result.index.parent / PAGE).read_text(encoding="utf-8")
    loaded = _loaded()
    assert not any(answer_key_hash(AID, c.id, c.juist) in page_html
                   for c in loaded.exercise.kennisvragen)
    assert "db-wb-uitleg" not in page_html and "db-wb-voorbeeld" not in page_html
    context, page, errors = _phone(browser)
    try:
        page.goto((result.index.parent / PAGE).as_uri())
        page.locator('.db-wb-kennis[data-vraag="k1"] label:has(input[value="C"])').tap()
        feedback = page.locator('.db-wb-kennis[data-vraag="k1"] .db-wb-feedback').inner_text()
        assert feedback == "Bewaard: C." and not errors
    finally:
        context.close()


# --- Mijn voortgang ---------------------------------------------------------------------------

H03 = "book/h03-leef-en-belevingswereld.html"
H03_WORKBOOK = "exercises/h03-leef-en-belevingswereld.html"


def _play_case_to_an_end(page) -> str:
    for _ in range(40):
        if page.locator(".db-einde-soort").count():
            return page.locator(".db-einde-soort").inner_text()
        page.locator(".db-optie").first.click()
    raise AssertionError("the case did not end")


def _chapter(page, number: int) -> str:
    return page.locator(f'.db-vg-hoofdstuk[data-hoofdstuk="{number}"]').inner_text()


@pytest.mark.browser
@pytest.mark.build
def test_progress_shows_reading_checks_cases_and_workbooks(browser, book, tmp_path) -> None:
    _, html, base = book
    context, page, errors = _phone(browser, 360)
    try:
        page.goto(base + H03)
        right = page.locator(".db-zelftoets").first.locator("li.db-keuze[data-juist=true] button")
        right.click()
        wrong = page.locator(".db-zelftoets").nth(1).locator("li.db-keuze[data-juist=false] button")
        wrong.first.click()
        page.goto(base + "cases/peeters.html")
        ending = _play_case_to_an_end(page)
        page.goto(base + H03_WORKBOOK)
        page.locator('.db-wb-kennis[data-vraag="k1"] label').first.click()
        page.goto(base + "book/voortgang.html")
        h03 = _chapter(page, 3)
        assert "Gelezen" in h03
        checks = page.evaluate("""() => JSON.parse(document.querySelector(
            'script.db-voortgang-data').textContent).hoofdstukken[2].zelftoetsen.length""")
        assert f"Zelftoetsen: 1 van de {checks} juist (1 nog eens proberen)." in h03
        assert "uitgespeeld, met een" in h03, h03
        title = ending.split(":", 1)[-1].strip()
        assert f"einde ({title})" in h03, (ending, h03)
        cases = page.evaluate("""() => JSON.parse(document.querySelector(
            'script.db-voortgang-data').textContent).hoofdstukken[2].casussen.length""")
        assert h03.count("nog niet gespeeld") == cases - 1  # the chapter's other cases
        assert "Werkboek: 1 vraag ingevuld, nog niet ingeleverd" in h03
        assert "Nog niet gelezen." in _chapter(page, 1)

        # Hand in: the workbook shows as handed in.
        page.goto(base + H03_WORKBOOK)
        page.locator("#wb-naam").fill("c02")
        with page.expect_download():
            page.locator(".db-wb-lever").click()
        page.goto(base + "book/voortgang.html")
        assert "ingeleverd op" in _chapter(page, 3)
        page.goto(base + "book/werkboek.html")
        assert page.locator('.db-wb-lijststatus[data-werkboek="h03-leef-en-belevingswereld"]'
                            ).inner_text() == "(ingeleverd)"
        page.goto(base + "book/voortgang.html")

        # Carry it to a new phone: export, erase (after a confirm), import.
        with page.expect_download() as info:
            page.locator(".db-vg-bewaar").click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert json.loads(saved.read_text())["formaat"] == "draaiboek-voortgang"
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.locator(".db-vg-wis").click()
        assert page.locator(".db-vg-bericht").inner_text() == "Er is niets gewist."
        assert "ingeleverd op" in _chapter(page, 3)
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator(".db-vg-wis").click()
        assert "Alles is gewist" in page.locator(".db-vg-bericht").inner_text()
        assert "Nog niet gelezen." in _chapter(page, 3)
        assert not page.evaluate("Object.keys(localStorage).filter(k => "
                                 "k.startsWith('draaiboek:') && !k.includes('voortgang')).length")
        page.goto(base + H03_WORKBOOK)
        assert not page.locator('.db-wb-kennis[data-vraag="k1"] input:checked').count()

        # Bad files: a clear Dutch message naming the file; nothing changes.
        new_phone, new_page, more_errors = _phone(browser, 360)
        try:
            new_page.goto(base + "book/voortgang.html")
            for name, text, expected in (
                ("foto.json", "niet eens json", "geen voortgangsbestand"),
                ("ander.json", json.dumps({"formaat": "iets anders"}), "geen voortgangsbestand"),
                ("veranderd.json", json.dumps({"formaat": "draaiboek-voortgang", "versie": 1,
                                               "gegevens": {"iets:anders": "1"}}),
                 "met de hand veranderd"),
            ):
                bad = tmp_path / name
                bad.write_text(text, encoding="utf-8")
                new_page.locator(".db-vg-bestand").set_input_files(str(bad))
                message = new_page.locator(".db-vg-bericht")
                message.filter(has_text=name).wait_for()
                assert expected in message.inner_text() and "niets veranderd" in message.inner_text()
            new_page.locator(".db-vg-bestand").set_input_files(str(saved))
            new_page.locator(".db-vg-bericht").filter(has_text="staat weer").wait_for()
            h03 = _chapter(new_page, 3)
            assert "Gelezen" in h03 and "ingeleverd op" in h03 and "uitgespeeld" in h03
            new_page.goto(base + H03_WORKBOOK)
            assert new_page.locator('.db-wb-kennis[data-vraag="k1"] input').first.is_checked()
            assert new_page.locator("#wb-naam").input_value() == "c02"
            assert not more_errors, more_errors
        finally:
            new_phone.close()
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.build
def test_workbook_with_the_keyboard(browser, book) -> None:
    _, html, base = book
    context, page, errors = _phone(browser, 360)
    try:
        page.goto(base + H03_WORKBOOK)
        first = page.locator('.db-wb-kennis[data-vraag="k1"] input').first
        first.focus()
        page.keyboard.press("Space")
        assert first.is_checked()
        page.keyboard.press("ArrowDown")  # a radio group: arrows choose
        second = page.locator('.db-wb-kennis[data-vraag="k1"] input').nth(1)
        assert second.is_checked()
        feedback = page.locator('.db-wb-kennis[data-vraag="k1"] .db-wb-feedback')
        assert feedback.get_attribute("aria-live") == "polite" and feedback.inner_text()
        page.keyboard.press("Tab")  # on to the next question
        assert page.evaluate("document.activeElement.name") == second.get_attribute("name") \
            .replace("k1", "k2")
        field = page.locator('.db-wb-geschreven[data-vraag="r1"] textarea').first
        field.focus()
        page.keyboard.type("Ik kwam binnen en zag dat de moeder moe was.")
        for _ in range(40):
            page.keyboard.press("Tab")
            if "db-wb-controleer" in page.evaluate("document.activeElement.className"):
                break
        page.keyboard.press("Enter")
        result = page.locator('.db-wb-geschreven[data-vraag="r1"] .db-wb-resultaat')
        assert result.get_attribute("aria-live") == "polite" and "woorden" in result.inner_text()
        page.reload()
        assert field.input_value() == "Ik kwam binnen en zag dat de moeder moe was."
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.build
def test_workbook_and_progress_from_disk(browser, book, tmp_path) -> None:
    """From a USB stick (file://): answers kept, hand-in made, progress shown."""
    _, html, _ = book
    context, page, errors = _phone(browser, 320)
    foreign: list[str] = []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:")):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto((html / H03_WORKBOOK).as_uri())
        page.locator('.db-wb-kennis[data-vraag="k2"] label').nth(1).click()
        page.locator('.db-wb-geschreven[data-vraag="c1"] textarea').fill("Van op een stick.")
        page.reload()
        assert page.locator('.db-wb-geschreven[data-vraag="c1"] textarea').input_value() == \
            "Van op een stick."
        page.locator("#wb-naam").fill("c03")
        with page.expect_download() as info:
            page.locator(".db-wb-lever").click()
        assert info.value.suggested_filename == "c03-h03-leef-en-belevingswereld.ipynb"
        page.goto((html / "book" / "voortgang.html").as_uri())
        assert "ingeleverd op" in _chapter(page, 3)
        assert not foreign and not errors, (foreign, errors)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("width", (360, 1280))
def test_workbook_and_progress_pages_have_no_axe_violations(browser, book, width) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .test_browser import AXE_TAGS

    _, html, base = book
    context, page, errors = _phone(browser, width)
    axe, problems = Axe(), []
    try:
        page.goto(base + H03_WORKBOOK)
        page.locator('.db-wb-kennis[data-vraag="k1"] label').first.click()
        page.locator('.db-wb-geschreven[data-vraag="r1"] textarea').first.fill("Jan Peeters")
        page.locator('.db-wb-geschreven[data-vraag="r1"] .db-wb-controleer').click()
        r2 = page.locator('.db-wb-geschreven[data-vraag="r2"]')
        r2.locator(".db-wb-rubriek > summary").click()
        for criterion in range(r2.locator(".db-wb-criterium").count()):
            r2.locator(".db-wb-criterium").nth(criterion).locator("label").first.click()
        page.locator(".db-wb-kopie > summary").click()
        for path in (H03_WORKBOOK, "book/voortgang.html", "book/werkboek.html"):
            if path != H03_WORKBOOK:
                page.goto(base + path)
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            if result.violations_count:
                problems.append(f"{path} @ {width}px:\n{result.generate_report()}")
        assert not problems, "\n".join(problems)
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.build
def test_workbook_page_weight(browser, book) -> None:
    """First visit of a workbook page (HTML, CSS, JS, with gzip) within the page budget;
    the notebook it hands in travels with it."""
    from .test_browser import PAGE_BUDGET, Visit, _gzip_size

    _, html, base = book
    visit = Visit(browser, base, 360)
    try:
        visit.open(H03_WORKBOOK)
        sizes = {url: _gzip_size(html, url, base) for url in set(visit.local)}
    finally:
        visit.close()
    total = sum(sizes.values())
    page = sizes[base + H03_WORKBOOK]
    print(f"workbook page: {total / 1024:.0f} KB gzip in all, of which HTML {page / 1024:.0f} KB")
    assert total <= PAGE_BUDGET and not visit.foreign
