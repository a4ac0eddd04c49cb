"""The book on a carer's phone (issue 10), in headless Chromium at 320 and 360 px over every
page of both editions of one region: nothing scrolls sideways, what a learner taps is at
least 44 x 44 px, no English label, no console error; the menu and the page contents open by
tap and by keyboard; search works from file:// with snippets; the start page reaches every
page in at most two taps."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from .conftest import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

PHONE_VARIANTS = ["vlaanderen/cursist", "vlaanderen/trainer"]
CHAPTER = "book/h01-thuiscompagnie-in-een-notendop.html"
LONG_CHAPTER = "book/h03-leef-en-belevingswereld.html"

# Everything a learner taps. Checked where it is rendered (a closed drawer still has a size).
TARGETS = ", ".join([
    ".nav-overlay-icon", ".toc-overlay-icon:not(.no-toc)", ".theme-toggle", ".sidebar-search",
    ".sidebar-tree .reference", ".related-pages a", ".db-keuze-knop", ".db-overzicht-lijst a",
    ".db-kaarten a", ".db-zoekrij input", ".db-zoekrij button", ".db-filter input",
    ".db-filter select", ".db-optie", ".db-knop",
])
ENGLISH = re.compile(
    r"\b(Toggle|Skip to|Next|Previous|Made with|Search|Page|Back to top|On this page|Ctrl|"
    r"Last updated|Contents|Home|Light|Dark|Color|Navigation|Copy|Menu bar)\b")

# One evaluate per page: sideways scroll, targets, labels, wide tables.
CHECK = """(targets) => {
  const width = window.innerWidth;
  const content = document.querySelector('.content');
  const scroll = Math.max(document.documentElement.scrollWidth,
                          content ? content.scrollWidth - content.clientWidth + width : 0);
  const small = [];
  for (const el of document.querySelectorAll(targets)) {
    const r = el.getBoundingClientRect();
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.width < 43.5 || r.height < 43.5) {
      small.push(`${el.className || el.tagName} "${(el.textContent || '').trim().slice(0, 30)}" `
                 + `${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  const labels = [];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const a of ['aria-label', 'title', 'placeholder']) {
      if (el.hasAttribute(a)) labels.push(el.getAttribute(a));
    }
  }
  for (const el of document.querySelectorAll(
      '.skip-to-content, .related-pages .context, .back-to-top, .toc-title, .bottom-of-page, '
      + '.db-lade-knop, #search-results h2, .search-summary')) {
    labels.push(el.textContent.trim());
  }
  const tables = [...document.querySelectorAll('article table')].map(t => {
    const box = t.closest('.db-breed');
    return box && box.getAttribute('role') === 'region' && box.getAttribute('tabindex') === '0'
      && (box.getAttribute('aria-label') || '').length > 0;
  });
  return {scroll, small, labels, tables, lang: document.documentElement.lang,
          title: document.title};
}"""


def html_pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if "_static" not in p.parts and p.name != "genindex.html")


@pytest.fixture(scope="module")
def phone_servers(built):
    _, results = built
    running = {v: serve(results[v].index.parent) for v in PHONE_VARIANTS}
    yield {v: (f"http://127.0.0.1:{s.server_address[1]}/", results[v].index.parent)
           for v, s in running.items()}
    for server in running.values():
        server.shutdown()


def _phone(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 740}, has_touch=True,
                                  is_mobile=True, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    # A failed request is reported below with its address; the console only repeats it.
    page.on("console", lambda m: m.type == "error" and "Failed to load resource" not in m.text
            and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    # The browser asks for /favicon.ico by itself; the favicon is another part's work.
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
            and errors.append(f"{r.url}: {r.status}"))
    return context, page, errors


@pytest.mark.parametrize("variant", PHONE_VARIANTS)
@pytest.mark.parametrize("width", [320, 360])
def test_every_page_fits_a_phone(browser, phone_servers, variant: str, width: int) -> None:
    base, html = phone_servers[variant]
    context, page, errors = _phone(browser, width)
    problems = []
    try:
        for path in html_pages(html):
            page.goto(base + path, wait_until="load")
            found = page.evaluate(CHECK, TARGETS)
            if found["scroll"] > width:
                problems.append(f"{path}: scrolls sideways ({found['scroll']} px)")
            if found["small"]:
                problems.append(f"{path}: small targets {found['small'][:5]}")
            english = [t for t in found["labels"] if ENGLISH.search(t)]
            if english:
                problems.append(f"{path}: English labels {english}")
            if not all(found["tables"]):
                problems.append(f"{path}: a table without its own labelled, focusable box")
            if found["lang"] != "nl-BE":
                problems.append(f"{path}: lang={found['lang']}")
            if not found["title"].strip():
                problems.append(f"{path}: no <title>")
    finally:
        context.close()
    assert not errors, errors
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 360])
def test_menu_and_contents_open_on_tap(browser, phone_servers, width: int) -> None:
    base, _ = phone_servers["vlaanderen/cursist"]
    context, page, errors = _phone(browser, width)
    try:
        page.goto(base + "index.html", wait_until="load")
        menu = page.locator("#db-menu")
        assert menu.bounding_box()["x"] + menu.bounding_box()["width"] <= 1, "closed at first"
        page.locator("button.nav-overlay-icon").tap()
        page.wait_for_function("document.querySelector('#db-menu').getBoundingClientRect().x >= 0")
        assert page.locator("button.nav-overlay-icon").get_attribute("aria-expanded") == "true"
        chapter = menu.get_by_role("link", name=re.compile("Leef- en belevingswereld", re.I))
        chapter.tap()
        page.wait_for_url("**/" + LONG_CHAPTER)

        # A long chapter: its contents open on tap, a tap on the overlay closes them.
        toc_button = page.locator("button.toc-header-icon")
        toc_button.tap()
        page.wait_for_function("document.querySelector('#db-inhoud').getBoundingClientRect().right"
                               f" <= {width} + 1")
        links = page.locator("#db-inhoud .toc-tree a")
        assert links.count() >= 5
        assert toc_button.get_attribute("aria-expanded") == "true"
        page.locator("label.toc-overlay").tap(position={"x": 10, "y": 300})
        page.wait_for_function("!document.getElementById('__toc').checked")
        assert toc_button.get_attribute("aria-expanded") == "false"
    finally:
        context.close()
    assert not errors, errors


@pytest.mark.parametrize("width", [320, 360])
def test_menu_and_contents_by_keyboard(browser, phone_servers, width: int) -> None:
    base, _ = phone_servers["vlaanderen/cursist"]
    context, page, errors = _phone(browser, width)
    focused = "document.activeElement && (document.activeElement.id || document.activeElement.className)"
    try:
        page.goto(base + LONG_CHAPTER, wait_until="load")
        for _ in range(3):
            page.keyboard.press("Tab")
            if "nav-overlay-icon" in page.evaluate(focused):
                break
        assert "nav-overlay-icon" in page.evaluate(focused), "the menu button is the 2nd Tab stop"
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__navigation').checked")
        assert page.evaluate(focused) == "db-menu", "focus moves into the opened menu"
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('db-menu').contains(document.activeElement)")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__navigation').checked")
        assert "nav-overlay-icon" in page.evaluate(focused), "focus back on the menu button"
        page.keyboard.press("Space")
        assert page.evaluate("document.getElementById('__navigation').checked")
        page.keyboard.press("Escape")

        # A closed drawer is out of the Tab order.
        assert page.evaluate("document.getElementById('db-menu').inert")
        for _ in range(4):
            page.keyboard.press("Tab")
            assert not page.evaluate(
                "document.getElementById('db-menu').contains(document.activeElement)")

        toc = page.locator("button.toc-header-icon")
        toc.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__toc').checked")
        assert toc.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('db-inhoud').contains(document.activeElement)")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__toc').checked")
        assert "toc-header-icon" in page.evaluate(focused)
    finally:
        context.close()
    assert not errors, errors


def test_search_from_disk_shows_snippets_in_dutch(browser, built) -> None:
    _, results = built
    html = results["vlaanderen/cursist"].index.parent
    context, page, errors = _phone(browser, 320)
    try:
        page.goto(html.joinpath("search.html").as_uri() + "?q=netwerk", wait_until="load")
        page.wait_for_selector(".search-summary:not(:empty)")
        hits = page.locator("#search-results ul.search > li")
        assert hits.count() >= 3
        # Each hit gets its snippet once its page's text has loaded (one script per page).
        page.wait_for_function("[...document.querySelectorAll('#search-results ul.search > li')]"
                               ".every(li => li.querySelector('p.context'))")
        assert page.locator("#search-results p.context mark").count() >= 1
        field = page.locator("#db-zoekterm")
        assert field.input_value() == "netwerk"
        # Nothing lies over the typed text.
        box = field.bounding_box()
        at = page.evaluate("([x, y]) => document.elementFromPoint(x, y).id",
                           [box["x"] + 12, box["y"] + box["height"] / 2])
        assert at == "db-zoekterm"

        page.goto(html.joinpath("search.html").as_uri() + "?q=qwzxplof", wait_until="load")
        page.wait_for_function("document.querySelector('.search-summary') &&"
                               " document.querySelector('.search-summary').textContent.length")
        assert page.locator(".search-summary").inner_text().startswith("Niets gevonden.")
    finally:
        context.close()
    assert not errors, errors
    chapter = (html / CHAPTER).read_text(encoding="utf-8")
    assert "searchindex.js" not in chapter and "zoektekst.js" not in chapter, \
        "the search index loads on the search page only"


def test_start_page_reaches_every_page_in_two_taps(built) -> None:
    _, results = built
    html = results["vlaanderen/cursist"].index.parent
    start = html / "index.html"
    title = BeautifulSoup(start.read_text(encoding="utf-8"), "html.parser").title
    assert title is not None and title.get_text(strip=True)

    def links(page: Path) -> set[Path]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found = set()
        for a in soup.select("article[role=main] a[href]"):
            target = urlparse(urljoin(page.as_uri(), a["href"]))
            if target.scheme == "file" and target.path.endswith(".html"):
                found.add(Path(target.path))
        return found

    reached = {start} | links(start)
    for page in list(reached):
        reached |= links(page)
    pages = {p for p in html.rglob("*.html") if "_static" not in p.parts
             and p.name not in ("genindex.html", "search.html")}
    assert not pages - reached, sorted(p.relative_to(html).as_posix() for p in pages - reached)
    overview = BeautifulSoup(start.read_text(encoding="utf-8"), "html.parser")
    parts = [h.get_text(strip=True) for h in overview.select(".db-overzicht h2")]
    assert parts[:2] == ["Begin hier", "Hoofdstukken"]
    assert {"Methodekaarten", "Casussen", "Naslag"} <= set(parts)
