"""The quality harness in a real browser (Debian's Chromium, headless): no request to any
other origin, the book works from disk, zero axe violations (WCAG 2.1 AA and 2.2 AA) at
360 and 1280 px, chapter pages within the page-weight budget, and self-checks that work
with the keyboard and remember the answer."""

from __future__ import annotations

import gzip
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from .conftest import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

WIDTHS = (360, 1280)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_BUDGET = 120 * 1024  # bytes transferred with gzip, per chapter page (DESIGN.md §7)
# Variants whose every page is checked; together they cover both regions and editions.
CHECKED = ["vlaanderen/cursist", "nederland/trainer"]


def pages_of(html: Path) -> list[str]:
    """Every page of the book: chapters, reference pages, method cards, search."""
    return sorted(
        p.relative_to(html).as_posix() for p in html.rglob("*.html")
        if "_static" not in p.parts and p.name != "genindex.html"
    )


class Visit:
    """Load one page, recording every request; other origins are blocked and listed."""

    def __init__(self, browser, base: str, width: int):
        self.base = base
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.local: list[str] = []
        self.failed: list[str] = []
        self.page.route("**/*", self._route)
        # axe re-fetches stylesheets with fetch() and resolves @import against the page;
        # only what the page itself loads counts.
        self.page.on("requestfailed", lambda r: self._failed(r))
        self.page.on("response", lambda r: r.status >= 400 and self._failed(r.request))

    def _failed(self, request) -> None:
        if request.resource_type not in ("fetch", "xhr"):
            self.failed.append(request.url)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:"):
            self.local.append(url)
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.base + path, wait_until="load")
        self.page.wait_for_timeout(150)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def servers(built):
    root, results = built
    running = {v: serve(results[v].index.parent) for v in CHECKED}
    yield {v: (f"http://127.0.0.1:{s.server_address[1]}/", results[v].index.parent)
           for v, s in running.items()}
    for server in running.values():
        server.shutdown()


@pytest.mark.parametrize("variant", CHECKED)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_is_local_and_accessible(browser, servers, variant: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base, html = servers[variant]
    axe = Axe()
    problems = []
    visit = Visit(browser, base, width)
    try:
        failed = []
        for path in pages_of(html):
            page = visit.open(path)
            failed += visit.failed
            visit.failed.clear()
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            if result.violations_count:
                problems.append(f"{path} @ {width}px:\n{result.generate_report()}")
        assert not visit.foreign, f"requests to other origins: {sorted(set(visit.foreign))}"
        assert not failed, f"failed requests: {sorted(set(failed))}"
    finally:
        visit.close()
    assert not problems, "\n".join(problems)


def _gzip_size(html: Path, url: str, base: str) -> int:
    path = unquote(urlparse(url).path).lstrip("/") or "index.html"
    file = html / path
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0


def test_pages_stay_within_the_weight_budget(browser, servers) -> None:
    base, html = servers["vlaanderen/cursist"]
    pages = [p for p in pages_of(html) if "/h" in p or p.startswith("methods/")]
    assert pages
    for path in pages:
        visit = Visit(browser, base, 360)
        try:
            visit.open(path)
            total = sum(_gzip_size(html, url, base) for url in set(visit.local))
        finally:
            visit.close()
        assert total <= PAGE_BUDGET, f"{path}: {total / 1024:.0f} KB gzip > 120 KB"


def test_book_works_from_disk(browser, built) -> None:
    """Opened from a USB stick: file:// only, navigation and self-checks work."""
    _, results = built
    index = results["nederland/cursist"].index
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    foreign = []

    def route(r):
        if r.request.url.startswith("file://") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(index.as_uri(), wait_until="load")
        assert page.title() == "Draaiboek versterkend en verbindend werken"
        # The start page's own list (the menu's copy is closed, hence inert, on a phone).
        page.locator("article").get_by_role("link", name="Voorwoord").click()
        page.wait_for_url("**/voorwoord.html")
        assert "Voorwoord" in page.title()
        page.goto(index.parent.joinpath(
            "book", "h01-thuiscompagnie-in-een-notendop.html").as_uri())
        box = page.locator(".db-zelftoets").first
        box.locator("button.db-keuze-knop").first.click()
        assert box.locator(".db-feedback").inner_text().strip()
        assert not foreign, foreign
    finally:
        context.close()


def test_self_check_with_the_keyboard_and_remembered(browser, servers) -> None:
    base, _ = servers["vlaanderen/cursist"]
    visit = Visit(browser, base, 360)
    try:
        page = visit.open("book/h01-thuiscompagnie-in-een-notendop.html")
        box = page.locator(".db-zelftoets").first
        buttons = box.locator("button.db-keuze-knop")
        assert buttons.count() >= 3
        assert box.locator("details.db-uitleg").first.is_hidden()
        right = box.locator(".db-keuze").evaluate_all(
            "items => items.findIndex(i => i.dataset.juist === 'true')")
        wrong = 0 if right != 0 else 1
        feedback = box.locator(".db-feedback")
        assert feedback.get_attribute("aria-live") == "polite"

        buttons.nth(wrong).focus()
        page.keyboard.press("Enter")
        assert buttons.nth(wrong).get_attribute("aria-pressed") == "true"
        assert feedback.inner_text().startswith("Niet juist.")
        assert "ander antwoord" in feedback.inner_text()

        # to the right answer button, keyboard only (the order is shuffled per device)
        for _ in range(abs(right - wrong)):
            page.keyboard.press("Tab" if right > wrong else "Shift+Tab")
        page.keyboard.press("Space")
        assert feedback.inner_text().startswith("Juist.")
        assert "db-juist" in (feedback.get_attribute("class") or "")

        page.reload(wait_until="load")
        box = page.locator(".db-zelftoets").first
        assert box.locator("button.db-keuze-knop").nth(right).get_attribute("aria-pressed") == "true"
        assert box.locator(".db-feedback").inner_text().startswith("Juist.")
    finally:
        visit.close()


def _answer_order(page) -> list[list[str]]:
    """Per self-check on the page: the answers' texts in the order shown."""
    return page.locator(".db-zelftoets").evaluate_all(
        "boxes => boxes.map(b => Array.from(b.querySelectorAll('.db-keuze-knop'))"
        ".map(k => k.textContent))")


def test_self_check_answers_are_shuffled_per_device(browser, servers) -> None:
    """The answers are shown in an order of their own per device (a seed kept in
    localStorage), the same after a reload; letters follow the order shown; the right
    answer still gets 'Juist.'. Without the script the author's order stays."""
    base, _ = servers["vlaanderen/cursist"]
    orders = {}
    for seed in ("1", "2"):
        visit = Visit(browser, base, 360)
        try:
            visit.page.add_init_script(
                f"try {{ localStorage.getItem('draaiboek:volgorde') || "
                f"localStorage.setItem('draaiboek:volgorde', '{seed}'); }} catch (e) {{}}")
            page = visit.open("book/h01-thuiscompagnie-in-een-notendop.html")
            orders[seed] = _answer_order(page)
            letters = page.locator(".db-zelftoets").first.locator(".db-letter").all_inner_texts()
            assert letters == ["A", "B", "C", "D"][:len(letters)]
            page.reload(wait_until="load")
            assert _answer_order(page) == orders[seed]

            box = page.locator(".db-zelftoets").nth(1)
            right = box.locator(".db-keuze").evaluate_all(
                "items => items.findIndex(i => i.dataset.juist === 'true')")
            box.locator("button.db-keuze-knop").nth(right).click()
            assert box.locator(".db-feedback").inner_text().startswith("Juist.")
            wrong = (right + 1) % box.locator("button.db-keuze-knop").count()
            box.locator("button.db-keuze-knop").nth(wrong).click()
            assert box.locator(".db-feedback").inner_text().startswith("Niet juist.")

            # The same question id and seed give the same order; other seeds another one.
            same, differs = page.evaluate("""() => {
                const s = window.Draaiboek.shuffleOrder;
                const ids = Array.from({length: 40}, (_, i) => 'h0' + i);
                return [ids.every(id => s(4, id, 7).join() === s(4, id, 7).join()),
                        ids.filter(id => s(4, id, 7).join() !== s(4, id, 8).join()).length];
            }""")
            assert same and differs >= 20
        finally:
            visit.close()
    assert orders["1"] != orders["2"]

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "book/h01-thuiscompagnie-in-een-notendop.html")
        first = page.locator(".db-zelftoets").first.locator(".db-keuze-tekst").all_inner_texts()
        assert first[0].startswith("Je neemt het zware werk over")
    finally:
        context.close()


def test_card_catalogue_filters_offline(browser, servers) -> None:
    base, html = servers["vlaanderen/cursist"]
    visit = Visit(browser, base, 360)
    try:
        page = visit.open("methods/index.html")
        cards = page.locator(".db-kaart")
        total = cards.count()
        assert total >= 40
        count = page.locator(".db-aantal")
        assert count.inner_text() == f"{total} kaarten"
        assert page.locator("select[name=thema]").is_hidden(), "folded on a phone"
        page.get_by_text("Meer filters").click()

        page.select_option("select[name=thema]", "netwerk")
        network = page.locator(".db-kaart:visible").count()
        assert 0 < network < total
        assert count.inner_text() == f"{network} van de {total} kaarten"
        assert page.locator(".db-meer-filters summary").inner_text() == "Meer filters (1 gekozen)"
        for item in page.locator(".db-kaart:visible").all():
            assert "netwerk" in item.get_attribute("data-thema").split()

        page.select_option("select[name=fase]", "in-kaart-brengen")
        both = page.locator(".db-kaart:visible").count()
        assert 0 < both <= network

        page.select_option("select[name=thema]", "")
        page.select_option("select[name=fase]", "")
        page.select_option("select[name=hoofdstuk]", "4")
        chapter = page.locator(".db-kaart:visible").count()
        assert 0 < chapter < total
        page.select_option("select[name=hoofdstuk]", "")

        page.fill("input[name=tekst]", "ecogram")
        assert 1 <= page.locator(".db-kaart:visible").count() < total
        page.fill("input[name=tekst]", "woord-dat-nergens-staat")
        assert page.locator(".db-kaart:visible").count() == 0
        assert page.locator(".db-geen").is_visible()
        page.get_by_role("button", name="Alles tonen").click()
        assert page.locator(".db-kaart:visible").count() == total
        assert page.locator("input[name=tekst]").input_value() == ""
        assert not visit.foreign
    finally:
        visit.close()


def test_case_played_with_the_keyboard_to_an_ending(browser, servers) -> None:
    base, _ = servers["vlaanderen/cursist"]
    visit = Visit(browser, base, 360)
    try:
        page = visit.open("cases/peeters.html")
        assert page.locator(".db-casus-boek").is_hidden(), "the text version hides with JS"
        assert page.locator(".db-meter").count() == 4
        choices = 0
        while page.locator(".db-einde-soort").count() == 0:
            assert choices < 30, "the case ends"
            if choices:
                focused = page.evaluate("document.activeElement.className")
                assert "db-casus-feedback" in focused, "focus moves to what the choice did"
            for _ in range(80):  # Tab to the first choice, as a keyboard user does
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.className") == "db-optie":
                    break
            assert page.evaluate("document.activeElement.className") == "db-optie"
            page.keyboard.press("Enter")
            choices += 1
            feedback = page.locator(".db-casus-feedback")
            assert feedback.get_attribute("aria-live") == "polite"
            assert "Wat je keuze doet" in feedback.inner_text()
        assert page.locator(".db-transcript > li").count() == choices
        assert page.locator(".db-debrief").inner_text().strip()
        ending = page.locator(".db-einde-soort").inner_text()

        page.reload(wait_until="load")
        assert page.locator(".db-einde-soort").inner_text() == ending, "progress is kept"
        page.get_by_role("button", name="Terug").click()
        assert page.locator(".db-einde-soort").count() == 0
        assert page.locator(".db-optie").count() >= 1
        page.get_by_role("button", name="Opnieuw beginnen").click()
        assert page.locator(".db-bezoek").inner_text() == "Bezoek 1"
        assert not visit.foreign
    finally:
        visit.close()


PHONES = (320, 360)


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def _no_axe_violations(page, part: str) -> None:
    """axe on one of our widgets after it changed (the theme's parts are checked on load)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context=part,
                       options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert not result.violations_count, result.generate_report()


def _check_feedback_in_view(page, width: int) -> None:
    """What a choice did is on screen, focused, announced, with every indicator's change;
    the next scene follows below it."""
    feedback = page.locator(".db-casus-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    assert feedback.inner_text().startswith("Wat je keuze doet"), feedback.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('db-casus-feedback')")
    box = feedback.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"] / 3, f"{width}px: feedback at {box}"
    covered = page.evaluate("""f => { const r = f.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 4);
        return hit && f.contains(hit) ? "" : (hit ? hit.outerHTML.slice(0, 120) : "niets"); }""",
                            feedback.element_handle())
    assert not covered, f"{width}px: the feedback is covered by {covered}"
    assert _in_view(page, feedback.locator(".db-feedback-titel")), f"{width}px"
    changes = feedback.locator(".db-gevolg")
    marked = page.locator(".db-meter .db-delta")
    if changes.count():
        assert changes.count() == marked.count()
        for item in changes.all():
            assert _in_view(page, item), f"{width}px: {item.inner_text()} not in view"
            assert re.fullmatch(r".+ [+-]\d+ \(nu \d+\)", item.inner_text()), item.inner_text()
    else:
        assert _in_view(page, feedback.locator(".db-gevolgen-geen"))
    scene = page.locator(".db-scene")
    assert scene.bounding_box()["y"] >= box["y"] + box["height"] - 1, "next scene below the feedback"
    for option in page.locator(".db-optie").all():
        size = option.bounding_box()
        assert size["height"] >= 44 and size["width"] >= 44, f"{width}px: choice {size}"


@pytest.mark.parametrize("width", PHONES + (1280,))
def test_case_feedback_is_in_view_after_a_tap_and_a_key(browser, servers, width: int) -> None:
    base, _ = servers["vlaanderen/cursist"]
    phone = width < 1000
    context = browser.new_context(viewport={"width": width, "height": 740 if phone else 800},
                                  has_touch=phone, is_mobile=phone)
    page = context.new_page()
    try:
        page.goto(base + "cases/peeters.html", wait_until="load")
        page.evaluate("localStorage.clear()")
        page.reload(wait_until="load")
        assert page.locator(".db-casus-feedback").inner_text() == ""
        first = page.locator(".db-optie").first
        first.scroll_into_view_if_needed()
        if phone:
            first.tap()
        else:
            first.click()
        _check_feedback_in_view(page, width)

        for _ in range(40):  # on with the keyboard: Tab from the feedback to the next choice
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.className") == "db-optie":
                break
        assert page.evaluate("document.activeElement.className") == "db-optie"
        page.keyboard.press("Enter")
        _check_feedback_in_view(page, width)
        _no_axe_violations(page, ".db-casus")
        if phone:
            page.screenshot(path=str(Path(tempfile.gettempdir()) / f"draaiboek-casus-{width}.png"))
    finally:
        context.close()


def _cards_showing(page, word: str) -> set[str]:
    """The catalogue's cards whose own page shows `word` (fetched and read as text)."""
    return set(page.evaluate("""async word => {
        const links = [...document.querySelectorAll('.db-kaart .db-kaarttitel a')];
        const found = [];
        for (const a of links) {
          const html = await (await fetch(a.href)).text();
          const doc = new DOMParser().parseFromString(html, 'text/html');
          const main = doc.querySelector('article') || doc.querySelector('main');
          main.querySelectorAll('.headerlink, script').forEach(e => e.remove());
          if (main.textContent.toLowerCase().includes(word)) found.push(a.getAttribute('href'));
        }
        return found;
    }""", word))


def _shown(page) -> set[str]:
    return set(page.locator(".db-kaart:visible .db-kaarttitel a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"))


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("variant, here, elsewhere", [
    ("vlaanderen/cursist", "verzorgende", "thuisbegeleider"),
    ("nederland/trainer", "thuisbegeleider", "verzorgende"),
])
def test_catalogue_searches_what_the_region_shows(browser, servers, variant, here, elsewhere,
                                                  width: int) -> None:
    base, _ = servers[variant]
    context = browser.new_context(viewport={"width": width, "height": 740},
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base + "methods/index.html", wait_until="load")
        total = page.locator(".db-kaart").count()
        assert not page.locator(".db-kaart[data-tekst*='{{']").count(), "raw terms in the search text"
        search = page.locator("input[name=tekst]")
        count = page.locator(".db-aantal")
        assert count.get_attribute("role") == "status"

        search.tap()
        page.keyboard.type(elsewhere, delay=10)
        assert page.locator(".db-kaart:visible").count() == 0, f"{elsewhere} in the {variant} book"
        assert _in_view(page, count) and _in_view(page, page.locator(".db-geen"))

        search.fill("")
        search.tap()
        page.keyboard.type(here, delay=10)
        expected = _cards_showing(page, here)
        assert len(expected) >= 5
        assert _shown(page) == expected
        assert count.inner_text() == f"{len(expected)} van de {total} kaarten"
        assert _in_view(page, count), f"{width}px: count out of view"
        first = page.locator(".db-kaart:visible").first
        assert _in_view(page, first.locator(".db-kaarttitel a")), f"{width}px: first card out of view"
        assert count.bounding_box()["y"] > search.bounding_box()["y"], "count under the controls"
        page.screenshot(path=str(Path(tempfile.gettempdir()) / f"draaiboek-kaarten-{width}.png"))

        page.locator(".db-meer-filters summary").tap()
        targets = [search, page.locator(".db-meer-filters summary"),
                   page.get_by_role("button", name="Alles tonen"),
                   *page.locator(".db-filters select").all(),
                   *page.locator(".db-kaart:visible .db-kaarttitel a").all()]
        for target in targets:
            size = target.bounding_box()
            assert size["height"] >= 44 and size["width"] >= 44, f"{width}px: {size}"
        _no_axe_violations(page, ".db-catalogus")
        wide = page.locator(".db-catalogus, .db-catalogus *").evaluate_all(
            f"els => els.filter(e => e.getBoundingClientRect().right > {width} + 0.5).length")
        assert wide == 0, f"{width}px: the catalogue is wider than the screen"
    finally:
        context.close()
