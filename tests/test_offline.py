"""Installable and readable offline (manifest, icons, service worker) and "Lees voor"
(speech synthesis), on the session's built book in Debian's Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from draaiboek.regions import load_region
from draaiboek.sphinx import offline

from .conftest import serve

pytestmark = [pytest.mark.build]

LEARNER = "vlaanderen/cursist"
# pydata-sphinx-theme logs this on every page (issue 10, item 7); it is not ours.
THEME_NOISE = "Got invalid theme mode"
# A speechSynthesis that offers voices (headless Chromium has none): every utterance is
# recorded and "ends" after window.__delay ms unless it is cancelled.
SPEECH_STUB = """
(() => {
  const voices = [
    {name: "Samantha", lang: "en-US", localService: true, default: true, voiceURI: "s"},
    {name: "Xander", lang: "NL_nl", localService: true, default: false, voiceURI: "x"},
    {name: "Ellen", lang: "nl_BE", localService: true, default: false, voiceURI: "e"},
  ];
  window.__spoken = []; window.__delay = 5;
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  }
  const synth = new EventTarget();
  let timer = null, current = null;
  synth.getVoices = () => voices.slice();
  synth.speak = (u) => {
    window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name});
    current = u;
    timer = setTimeout(() => { current = null; u.onend && u.onend({}); }, window.__delay);
  };
  synth.cancel = () => {
    clearTimeout(timer);
    if (current) { const u = current; current = null; u.onerror && u.onerror({error: "interrupted"}); }
  };
  synth.pause = () => {}; synth.resume = () => {};
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  Object.defineProperty(window, "SpeechSynthesisUtterance", {value: Utterance, configurable: true});
})();
"""


def html_of(built, variant: str) -> Path:
    return built[1][variant].index.parent


def worker_files(html: Path) -> list[str]:
    source = (html / "sw.js").read_text(encoding="utf-8")
    return [unquote(f) for f in json.loads(re.search(r"var FILES = (\[.*?\]);", source, re.S)[1])]


def worker_build(html: Path) -> str:
    return re.search(r'var BUILD = "(\w+)"', (html / "sw.js").read_text(encoding="utf-8"))[1]


def pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if "_static" not in p.parts)


# --- the build's output ------------------------------------------------------------------


def test_every_variant_has_its_own_complete_manifest(built) -> None:
    from PIL import Image

    root, results = built
    names = set()
    for variant, result in results.items():
        html = result.index.parent
        data = json.loads((html / "manifest.json").read_text(encoding="utf-8"))
        region = load_region(root, variant.split("/")[0])
        assert data["lang"] == region.taal
        assert region.naam in data["name"] and data["short_name"].startswith("Draaiboek")
        assert ("trainer" in data["name"]) == variant.endswith("trainer")
        assert data["display"] == "standalone"
        assert data["scope"] == "./" and data["id"] == "./"
        assert (html / data["start_url"]).is_file(), "start_url is relative and exists"
        assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"])
        names.add(data["name"])
        purposes = set()
        for icon in data["icons"]:
            file = html / icon["src"]
            assert file.is_file(), icon["src"]
            purposes.add((icon["purpose"], icon["sizes"]))
            if icon["type"] == "image/png":
                width, height = Image.open(file).size
                assert f"{width}x{height}" == icon["sizes"]
        assert {("any", "192x192"), ("any", "512x512"), ("maskable", "512x512")} <= purposes
        for page in ("book/voorwoord.html", "methods/index.html", "search.html"):
            head = (html / page).read_text(encoding="utf-8").split("</head>")[0]
            assert 'rel="manifest"' in head and 'rel="icon"' in head and "theme-color" in head
            assert f'<meta name="draaiboek-taal" content="{region.taal}">' in head
    assert len(names) == len(results), "every variant installs under its own name"


def test_the_worker_keeps_every_page_and_what_they_need(built) -> None:
    builds = set()
    for variant, result in built[1].items():
        html = result.index.parent
        files = worker_files(html)
        assert all((html / f).is_file() for f in files)
        assert set(pages(html)) <= set(files)
        assert {"searchindex.js", "manifest.json", "_static/lees-voor.js", "_static/offline.js",
                "_static/draaiboek.css", "_static/casus.js"} <= set(files)
        for never in ("_sources/", ".buildinfo", "objects.inv", ".map", "sw.js"):
            assert not [f for f in files if never in f], never
        trainer_files = [f for f in files if f.endswith(".html")
                         and offline.TRAINER_MARK in (html / f).read_text(encoding="utf-8")]
        if variant.endswith("cursist"):
            assert not trainer_files, "the learner edition keeps no trainer material"
        else:
            assert trainer_files, "the marker the learner check relies on is real"
        builds.add(worker_build(html))
    assert len(builds) == len(built[1])


def test_build_hash_changes_with_the_content_only(built, tmp_path) -> None:
    html = shutil.copytree(html_of(built, LEARNER), tmp_path / "html")
    before = worker_build(html)
    offline.write_worker(html, LEARNER, trainer=False)
    assert worker_build(html) == before, "same content, same cache: no download again"
    page = html / "book" / "voorwoord.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>Nieuw.</p></article>"),
                    encoding="utf-8")
    offline.write_worker(html, LEARNER, trainer=False)
    assert worker_build(html) != before


def test_the_learner_edition_refuses_trainer_material(built, tmp_path) -> None:
    from sphinx.errors import ExtensionError

    html = shutil.copytree(html_of(built, LEARNER), tmp_path / "html")
    page = html / "book" / "voorwoord.html"
    page.write_text(page.read_text(encoding="utf-8") + '<div class="db-trainer"></div>',
                    encoding="utf-8")
    with pytest.raises(ExtensionError, match="Trainersmateriaal.*voorwoord"):
        offline.write_worker(html, LEARNER, trainer=False)


# --- in the browser ----------------------------------------------------------------------


class Watch:
    """A page whose failed requests and console errors are recorded."""

    def __init__(self, browser, width: int = 360, script: str | None = None):
        self.context = browser.new_context(viewport={"width": width, "height": 740})
        if script:
            self.context.add_init_script(script)
        self.page = self.context.new_page()
        self.failed: list[str] = []
        self.errors: list[str] = []
        # ERR_ABORTED: the page was left while it loaded (a favicon, say): not a missing file
        self.page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                     and self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and THEME_NOISE not in m.text
                     and self.errors.append(m.text))

    def close(self) -> None:
        self.context.close()


def visit_until_controlled(page, url: str) -> list[str]:
    page.goto(url, wait_until="load")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    return page.evaluate("caches.keys()")


@pytest.fixture(scope="module")
def learner_sites(built):
    running = {v: serve(html_of(built, v)) for v in (LEARNER, "nederland/cursist")}
    yield {v: f"http://127.0.0.1:{s.server_address[1]}/" for v, s in running.items()}
    for server in running.values():
        server.shutdown()


@pytest.mark.browser
def test_after_one_visit_every_page_opens_offline(browser, built, learner_sites) -> None:
    html, base = html_of(built, LEARNER), learner_sites[LEARNER]
    watch = Watch(browser)
    page = watch.page
    try:
        names = visit_until_controlled(page, base + "index.html")  # the start page shows the notice
        assert len(names) == 1 and worker_build(html) in names[0] and LEARNER in names[0]
        assert "zonder internet" in page.locator(".db-offline").inner_text()
        watch.context.set_offline(True)
        for path in pages(html) + ["", "book/h03-leef-en-belevingswereld.html?v=x#kop"]:
            response = page.goto(base + path, wait_until="load")
            assert response.ok and response.from_service_worker, path
            # index.html may be a redirect to the start page: wait for a page with content
            page.wait_for_selector("article, [role=main], main", state="attached")
        page.goto(base + "book/h01-thuiscompagnie-in-een-notendop.html", wait_until="load")
        box = page.locator(".db-zelftoets").first
        box.locator("button.db-keuze-knop").first.click()
        assert box.locator(".db-feedback").inner_text().strip()
        page.goto(base + "methods/ecogram.html", wait_until="load")
        assert "Ecogram" in page.locator("h1").first.inner_text()
        page.goto(base + "cases/peeters.html", wait_until="load")
        page.locator(".db-optie").first.click()
        assert "Wat je keuze doet" in page.locator(".db-casus-feedback").inner_text()
        page.goto(base + "search.html?q=netwerk", wait_until="load")
        page.wait_for_selector("ul.search li", timeout=10_000)  # Sphinx's own results list
        assert not watch.failed, watch.failed
        assert not watch.errors, watch.errors
    finally:
        watch.close()


@pytest.mark.browser
def test_a_new_build_replaces_the_old_cache(browser, built, tmp_path) -> None:
    html = shutil.copytree(html_of(built, LEARNER), tmp_path / "html")
    server = serve(html)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    watch = Watch(browser)
    page = watch.page
    try:
        old = visit_until_controlled(page, base + "book/voorwoord.html")
        assert len(old) == 1 and worker_build(html) in old[0]
        # a new build: other content, the worker written again as build-finished does
        chapter = html / "book" / "h02-visie-op-maatschappelijke-kwetsbaarheid.html"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace(
            "</h1>", "</h1><p id='nieuw'>Nieuw in deze versie.</p>", 1), encoding="utf-8")
        offline.write_worker(html, LEARNER, trainer=False)
        page.reload(wait_until="load")  # the browser checks sw.js and installs the new one
        build = worker_build(html)
        for _ in range(150):  # activate deletes the old cache
            new = page.evaluate("caches.keys()")
            if len(new) == 1 and build in new[0]:
                break
            page.wait_for_timeout(200)
        assert len(new) == 1 and build in new[0] and new != old, "old cache gone, new name"
        watch.context.set_offline(True)
        page.goto(base + chapter.relative_to(html).as_posix(), wait_until="load")
        assert page.locator("#nieuw").inner_text() == "Nieuw in deze versie."
        assert not watch.errors, watch.errors
    finally:
        watch.close()
        server.shutdown()


@pytest.mark.browser
def test_from_file_nothing_breaks(browser, built) -> None:
    html = html_of(built, LEARNER)
    watch = Watch(browser)
    page = watch.page
    try:
        for path in ("book/voorwoord.html", "book/h01-thuiscompagnie-in-een-notendop.html"):
            page.goto((html / path).as_uri(), wait_until="load")
            page.wait_for_function("document.documentElement.dataset.leesVoor === 'geen'",
                                   timeout=10_000)
        assert page.evaluate("navigator.serviceWorker === undefined || "
                             "navigator.serviceWorker.controller === null")
        assert page.locator(".db-offline").count() == 0, "no offline notice on file://"
        page.locator("button.db-keuze-knop").first.click()
        assert page.locator(".db-feedback").first.inner_text().strip()
        assert not watch.errors, watch.errors
        assert not watch.failed, watch.failed
    finally:
        watch.close()


# --- Lees voor ---------------------------------------------------------------------------

CHAPTER = "book/h01-thuiscompagnie-in-een-notendop.html"


def _spoken(page) -> list[dict]:
    return page.evaluate("window.__spoken")


@pytest.mark.browser
def test_no_dutch_voice_no_button(browser, learner_sites) -> None:
    watch = Watch(browser)  # headless Chromium has no voices at all
    try:
        watch.page.goto(learner_sites[LEARNER] + CHAPTER, wait_until="load")
        watch.page.wait_for_function("document.documentElement.dataset.leesVoor === 'geen'",
                                     timeout=10_000)
        assert watch.page.locator(".db-lv button:visible").count() == 0
        assert not watch.errors, watch.errors
    finally:
        watch.close()
    only_english = SPEECH_STUB.replace('lang: "NL_nl"', 'lang: "en-GB"').replace(
        'lang: "nl_BE"', 'lang: "fr-BE"')
    watch = Watch(browser, script=only_english)
    try:
        watch.page.goto(learner_sites[LEARNER] + CHAPTER, wait_until="load")
        watch.page.wait_for_function("document.documentElement.dataset.leesVoor === 'geen'")
        assert watch.page.locator(".db-lv button:visible").count() == 0
    finally:
        watch.close()


@pytest.mark.browser
@pytest.mark.parametrize("variant, lang, voice", [
    (LEARNER, "nl-BE", "Ellen"), ("nederland/cursist", "nl-NL", "Xander")])
def test_reads_the_article_aloud_in_the_regions_dutch(browser, learner_sites, variant, lang,
                                                      voice) -> None:
    watch = Watch(browser, script=SPEECH_STUB)
    page = watch.page
    try:
        page.goto(learner_sites[variant] + CHAPTER, wait_until="load")
        button = page.locator(".db-lv-knop")
        assert button.inner_text().strip() == "Lees voor"
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        button.click()
        page.wait_for_function("document.querySelector('.db-lv').dataset.staat === 'stil'",
                               timeout=30_000)
        spoken = _spoken(page)
        assert len(spoken) > 20, "the page goes out in many short pieces"
        assert {s["lang"] for s in spoken} == {lang}
        assert {s["voice"] for s in spoken} == {voice}
        assert all(0 < len(s["text"]) <= 200 for s in spoken)
        text = " ".join(s["text"] for s in spoken)
        assert text.startswith("1. Thuiscompagnie in een notendop")
        assert "Lees voor" not in text and "Pauzeer" not in text, "not the control itself"
        assert "Zoek in dit boek" not in text and "Naar boven" not in text, "no menus"
        assert "#" not in text, "no heading links"
        assert page.locator(".db-lv-status").inner_text() == "Klaar met voorlezen."
        assert not watch.errors, watch.errors
    finally:
        watch.close()


@pytest.mark.browser
def test_pause_stop_and_the_keyboard(browser, learner_sites) -> None:
    watch = Watch(browser, script=SPEECH_STUB)
    page = watch.page
    try:
        page.goto(learner_sites[LEARNER] + CHAPTER, wait_until="load")
        page.evaluate("window.__delay = 60000")  # each piece 'speaks' for a minute
        control = page.locator(".db-lv")
        for _ in range(40):  # Tab to the button, as a keyboard user does
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.className") == "db-lv-knop":
                break
        assert page.evaluate("document.activeElement.className") == "db-lv-knop"
        page.keyboard.press("Enter")
        assert control.get_attribute("data-staat") == "leest"
        assert page.locator(".db-lv-knop").inner_text().strip() == "Pauzeer"
        assert page.locator(".db-lv-status").get_attribute("role") == "status"
        assert len(_spoken(page)) == 1
        assert page.locator(".db-lv-nu").count() == 1, "the text being read is marked"

        page.keyboard.press("Space")  # pause
        assert control.get_attribute("data-staat") == "pauze"
        assert page.locator(".db-lv-status").inner_text() == "Gepauzeerd."
        page.keyboard.press("Enter")  # go on with the same piece
        assert control.get_attribute("data-staat") == "leest"
        assert _spoken(page)[-1]["text"] == _spoken(page)[0]["text"]

        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "db-lv-stop"
        page.keyboard.press("Enter")
        assert control.get_attribute("data-staat") == "stil"
        assert page.locator(".db-lv-stop").is_hidden()
        assert page.locator(".db-lv-nu").count() == 0
        assert page.evaluate("document.activeElement.className") == "db-lv-knop"
        count = len(_spoken(page))
        page.wait_for_timeout(300)
        assert len(_spoken(page)) == count, "nothing more is spoken after Stop"
    finally:
        watch.close()


@pytest.mark.browser
def test_reads_from_the_section_in_view(browser, learner_sites) -> None:
    watch = Watch(browser, script=SPEECH_STUB)
    page = watch.page
    try:
        page.goto(learner_sites[LEARNER] + CHAPTER, wait_until="load")
        heading = page.locator("article h2").nth(2)
        # instant: a theme may scroll smoothly (Furo does), and the rule reads the screen now
        heading.evaluate("h => h.scrollIntoView({block: 'start', behavior: 'instant'})")
        page.evaluate("window.scrollBy({top: -80, behavior: 'instant'})")
        page.evaluate("window.__delay = 60000")
        page.locator(".db-lv-knop").click()
        first = _spoken(page)[0]["text"]
        title = heading.inner_text().replace("#", "").strip()
        assert first.startswith(title[:20]), (first, title)
    finally:
        watch.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360])
def test_the_button_is_accessible_on_a_phone(browser, learner_sites, width) -> None:
    from axe_playwright_python.sync_playwright import Axe

    watch = Watch(browser, width=width, script=SPEECH_STUB)
    page = watch.page
    try:
        page.goto(learner_sites[LEARNER] + CHAPTER, wait_until="load")
        page.wait_for_selector(".db-lv-knop")
        box = page.locator(".db-lv").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
        for state in ("stil", "leest"):
            if state == "leest":
                page.evaluate("window.__delay = 60000")
                page.locator(".db-lv-knop").click()
                stop = page.locator(".db-lv-stop").bounding_box()
                assert stop["width"] >= 44 and stop["height"] >= 44
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
            assert result.violations_count == 0, result.generate_report()
    finally:
        watch.close()
