"""The built book: all four variants build clean with warnings as errors; Dutch; the
learner edition holds no trainer material; the regions differ exactly where the profiles
say; every chapter has its required parts; the readability report is written."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from draaiboek.checks import toc_pages
from draaiboek.regions import load_region

pytestmark = pytest.mark.build

VARIANTS = ["vlaanderen/cursist", "vlaanderen/trainer", "nederland/cursist", "nederland/trainer"]


def html_dir(built, variant: str) -> Path:
    root, results = built
    return results[variant].index.parent


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def chapters(built) -> list[str]:
    root, _ = built
    pages, _ = toc_pages(root)
    return [p for p in pages if re.match(r"book/h\d\d-", p)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_builds_clean_with_warnings_as_errors(built, variant: str) -> None:
    _, results = built
    result = results[variant]
    assert result.ok, "\n".join(result.problems)
    assert result.index.is_file()
    assert result.index.parent == built[0] / "_build" / variant / "html"


@pytest.mark.parametrize("variant", VARIANTS)
def test_book_is_dutch_and_needs_no_server(built, variant: str) -> None:
    html = html_dir(built, variant)
    page = soup(html / "book" / "voorwoord.html")
    assert page.html["lang"] == ("nl-BE" if variant.startswith("vlaanderen") else "nl-NL")
    text = (html / "book" / "voorwoord.html").read_text(encoding="utf-8")
    assert "Zoek in dit boek" in text
    for needs_a_server in ("thebe", "binder", "colab", "launch-buttons", "fontawesome"):
        assert needs_a_server not in text.lower(), needs_a_server
    assert not (html / "_sources").exists(), "sources must not be copied"


def test_chapters_are_numbered(built) -> None:
    page = soup(html_dir(built, "vlaanderen/cursist") / "book" / "voorwoord.html")
    nav = page.select_one(".sidebar-tree")
    assert nav is not None and "1. Thuiscompagnie in een notendop" in nav.get_text(" ")


def test_figures_are_labelled_figuur(built) -> None:
    root, _ = built
    # The label format is configuration, checked here on a page that has a figure.
    pages = list((html_dir(built, "vlaanderen/cursist") / "book").glob("*.html"))
    captions = [c.get_text() for p in pages for c in soup(p).select("figcaption .caption-number")]
    assert captions, "the model chapter shows at least one figure"
    assert all(c.startswith("Figuur ") for c in captions), captions


def _trainer_snippets(built, variant: str) -> list[str]:
    html = html_dir(built, variant)
    snippets = []
    for page in (html / "book").glob("*.html"):
        for block in soup(page).select(".db-trainer"):
            words = block.get_text(" ").split()
            snippets += [" ".join(words[i:i + 10]) for i in range(0, len(words) - 10, 20)]
    return snippets


@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_learner_edition_holds_no_trainer_material(built, region: str) -> None:
    snippets = _trainer_snippets(built, f"{region}/trainer")
    assert len(snippets) >= 10, "the trainer edition has trainer material"
    learner = html_dir(built, f"{region}/cursist")
    everything = ""
    for path in learner.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".txt", ".md", ".inv"):
            everything += path.read_text(encoding="utf-8", errors="ignore")
    everything = " ".join(everything.split())
    assert "db-trainer" not in everything
    leaked = [s for s in snippets if s in everything]
    assert not leaked, leaked[:3]


_TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _article_tokens(path: Path) -> list[str]:
    article = soup(path).select_one("article[role=main]")
    for block in article.select(".db-regio"):
        block.decompose()
    return _tokens(article.get_text(" "))


def test_regions_differ_exactly_where_the_profiles_say(built) -> None:
    """Remove the region-only blocks; what is left may differ only by term pairs."""
    root, _ = built
    vl_terms = load_region(root, "vlaanderen").termen
    nl_terms = load_region(root, "nederland").termen
    pairs = [(_tokens(vl_terms[k]), _tokens(nl_terms[k])) for k in vl_terms]
    vl_dir, nl_dir = html_dir(built, "vlaanderen/cursist"), html_dir(built, "nederland/cursist")
    pages = sorted(p.relative_to(vl_dir) for p in (vl_dir / "book").glob("*.html"))
    assert pages
    unexplained = []
    for page in pages:
        a, b = _article_tokens(vl_dir / page), _article_tokens(nl_dir / page)
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for group in matcher.get_grouped_opcodes(3):
            i1, j1, i2, j2 = group[0][1], group[0][3], group[-1][2], group[-1][4]
            if not _explained(a[i1:i2], b[j1:j2], pairs):
                unexplained.append(f"{page}: {' '.join(a[i1:i2])!r} ↔ {' '.join(b[j1:j2])!r}")
    assert not unexplained, "\n".join(unexplained[:20])


def _explained(left: list[str], right: list[str], pairs) -> bool:
    """True when left becomes right by swapping term values, token by token."""
    seen: dict[tuple[int, int], bool] = {}

    def walk(i: int, j: int) -> bool:
        if (i, j) in seen:
            return seen[(i, j)]
        if i == len(left) and j == len(right):
            return True
        result = i < len(left) and j < len(right) and left[i] == right[j] and walk(i + 1, j + 1)
        for vl, nl in pairs:
            if result:
                break
            if left[i:i + len(vl)] == vl and right[j:j + len(nl)] == nl:
                result = walk(i + len(vl), j + len(nl))
        seen[(i, j)] = result
        return result

    return walk(0, 0)


@pytest.mark.parametrize("variant", ["vlaanderen/cursist", "nederland/cursist"])
def test_region_specific_text_and_social_map(built, variant: str) -> None:
    html = html_dir(built, variant)
    region = variant.split("/")[0]
    kaart = soup(html / "book" / "sociale-kaart.html").get_text(" ")
    if region == "vlaanderen":
        assert "OCMW" in kaart and "1712" in kaart and "Woonzorgdecreet" in kaart
        assert "Veilig Thuis" not in kaart
    else:
        assert "Veilig Thuis" in kaart and "Wmo 2015" in kaart and "Jeugdwet" in kaart
        assert "OCMW" not in kaart


NOT_BODY = (".db-blok, .db-zelftoets, section#samengevat, section#bronnen, h1, h2, h3, h4, figure, "
            "section#methodekaarten-bij-dit-hoofdstuk, section#casussen-bij-dit-hoofdstuk")


def body_words(article) -> int:
    """Words of teaching text outside every block, summary and source list."""
    article = BeautifulSoup(str(article), "html.parser")
    for node in article.select(NOT_BODY):
        node.decompose()
    return len(re.findall(r"\w+", article.get_text(" ")))


def _chapter_counts(built, variant: str, chapter: str) -> dict:
    page = soup(html_dir(built, variant) / f"{chapter}.html")
    article = page.select_one("article[role=main]")
    return {
        "leerdoelen": len(article.select(".db-leerdoelen")),
        "praktijk": len(article.select(".db-praktijk")),
        "zelftoets": len(article.select(".db-zelftoets")),
        "reflectie": len(article.select(".db-reflectie")),
        "sessieplan": len([t for t in article.select(".db-trainer .admonition-title")
                           if "Sessieplan" in t.get_text()]),
        "bronnen": len(article.select("section#bronnen li")),
        "woorden": body_words(article),
    }


@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_every_chapter_has_its_required_parts(built, region: str) -> None:
    assert chapters(built), "at least chapter 1 exists"
    missing = []
    for chapter in chapters(built):
        learner = _chapter_counts(built, f"{region}/cursist", chapter)
        trainer = _chapter_counts(built, f"{region}/trainer", chapter)
        needed = {"leerdoelen": 1, "praktijk": 3, "zelftoets": 5, "reflectie": 2, "bronnen": 1,
                  "woorden": 2000}
        missing += [f"{chapter}: {part} {learner[part]} < {least}"
                    for part, least in needed.items() if learner[part] < least]
        if learner["sessieplan"] != 0 or trainer["sessieplan"] != 1:
            missing.append(f"{chapter}: the session plan is in the trainer edition only")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("variant", ["vlaanderen/cursist", "nederland/cursist"])
def test_readability_report_covers_every_chapter(built, variant: str) -> None:
    root, _ = built
    folder = root / "_build" / variant
    rows = json.loads((folder / "leesbaarheid.json").read_text(encoding="utf-8"))
    assert {r["pagina"] for r in rows} == set(chapters(built))
    for row in rows:
        assert row["words"] > 0 and row["sentences"] > 0
        assert row["ok"], (row["pagina"], row["flesch_douma"], row["avg_sentence_length"],
                          row["prose_avg_sentence_length"])
    assert "Flesch-Douma" in (folder / "leesbaarheid.md").read_text(encoding="utf-8")


def test_self_checks_render_without_javascript(built) -> None:
    page = soup(html_dir(built, "vlaanderen/cursist") / "book" / "voorwoord.html")
    box = page.select_one(".db-zelftoets")
    assert box["role"] == "group" and box["aria-labelledby"]
    assert page.find(id=box["aria-labelledby"]) is not None
    choices = box.select(".db-keuze")
    assert len(choices) >= 3
    assert sum(c["data-juist"] == "true" for c in choices) == 1
    for choice in choices:
        explanation = choice.select_one("details.db-uitleg")
        assert explanation.summary and explanation.get_text(strip=True)
    assert box.select_one(".db-feedback")["aria-live"] == "polite"


def test_glossary_has_at_least_60_terms(built) -> None:
    page = soup(html_dir(built, "vlaanderen/cursist") / "book" / "woordenlijst.html")
    terms = page.select("dl.glossary > dt")
    assert len(terms) >= 60, len(terms)
    for term in terms:
        definition = term.find_next_sibling("dd")
        assert definition is not None and len(definition.get_text().split()) >= 5, term.text


@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_chapters_link_glossary_terms_they_use(built, region: str) -> None:
    html = html_dir(built, f"{region}/cursist")
    names = sorted(load_region(built[0], region).termen.values(), key=len, reverse=True)
    glossary = soup(html / "book" / "woordenlijst.html")
    terms = {dt["id"]: dt.get_text().strip().rstrip("#").strip()
             for dt in glossary.select("dl.glossary > dt") if dt.get("id")}
    unlinked = []
    for chapter in chapters(built):
        article = soup(html / f"{chapter}.html").select_one("article[role=main]")
        linked = {a["href"].split("#")[-1] for a in article.select("a[href*='woordenlijst']")}
        body = BeautifulSoup(str(article), "html.parser")
        for node in body.select(NOT_BODY):
            node.decompose()
        text = " " + " ".join(body.get_text(" ").split()) + " "
        for name in names:  # names of services filled in by the region are not term uses
            text = text.replace(name, " ")
        text = text.lower()
        for anchor, term in terms.items():
            if re.search(rf"\b{re.escape(term.lower())}\b", text) and anchor not in linked:
                unlinked.append(f"{chapter}: {term}")
    assert not unlinked, "\n".join(unlinked)


# Names such as ActiZ are not abbreviations; words of two capitals or more, and the Dutch
# laws written in lower case, are.
_ABBREVIATION = re.compile(r"\b(?:[A-Z][A-Z0-9]+[a-z]?|Wmo|Wlz|Wgs|Zvw|Wsnp)\b")


@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_every_abbreviation_is_explained(built, region: str) -> None:
    html = html_dir(built, f"{region}/trainer")
    listed = {cell.get_text().strip() for cell in
              soup(html / "book" / "afkortingen.html").select("article td:first-child")}
    used: dict[str, str] = {}
    for page in sorted((html / "book").glob("*.html")):
        if page.name == "afkortingen.html":
            continue
        text = soup(page).select_one("article[role=main]").get_text(" ")
        for found in _ABBREVIATION.findall(text):
            used.setdefault(found, page.name)
    missing = {abbr: page for abbr, page in used.items() if abbr not in listed}
    assert not missing, missing


@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_every_card_has_a_page_with_its_fields_and_chapters(built, region: str) -> None:
    from draaiboek.cards.catalogue import load_cards
    from draaiboek.sphinx.cards import card_docname

    root, _ = built
    html = html_dir(built, f"{region}/cursist")
    cards = load_cards(root, region)
    assert len(cards) >= 40
    for card in cards:
        page = soup(html / f"{card_docname(card)}.html")
        header = page.select_one(".db-kaartkop")
        assert header is not None, card.id
        assert "{{" not in page.get_text()
        chapter_links = [a["href"] for a in header.select("a[href*='book/h']")]
        assert len(chapter_links) == len(card.fields.hoofdstukken), card.id
        sections = [h.get_text().strip("#¶ ").strip() for h in page.select("article h2")]
        assert len(sections) == 7, (card.id, sections)
    catalogue = soup(html / "methods" / "index.html")
    assert len(catalogue.select(".db-kaart")) == len(cards)


@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_chapters_list_their_cards(built, region: str) -> None:
    from draaiboek.cards.catalogue import load_cards

    root, _ = built
    html = html_dir(built, f"{region}/cursist")
    cards = load_cards(root, region)
    for chapter in chapters(built):
        number = int(chapter.split("/h")[1][:2])
        expected = [c for c in cards if number in c.fields.hoofdstukken]
        section = soup(html / f"{chapter}.html").select_one("#methodekaarten-bij-dit-hoofdstuk")
        if not expected:
            assert section is None
            continue
        assert section is not None, chapter
        assert len(section.select("li a[href]")) == len(expected), chapter


def test_overlay_cards_only_in_their_region(built) -> None:
    from draaiboek.cards.catalogue import load_cards

    root, _ = built
    for region, other in (("vlaanderen", "nederland"), ("nederland", "vlaanderen")):
        own = [c for c in load_cards(root, region) if c.region]
        assert own, f"{region} has at least one card of its own"
        own_html = html_dir(built, f"{region}/cursist")
        for card in own:
            assert list(own_html.rglob(f"{card.id}.html")), card.id
        other_html = html_dir(built, f"{other}/cursist")
        for card in own:
            assert not list(other_html.rglob(f"{card.id}.html")), card.id
            catalogue = (other_html / "methods" / "index.html").read_text(encoding="utf-8")
            assert card.fields.titel not in catalogue


@pytest.mark.parametrize("region", ["vlaanderen", "nederland"])
def test_case_pages_and_their_index(built, region: str) -> None:
    from draaiboek.cases.loader import load_cases
    from draaiboek.sphinx.cases import case_docname

    root, _ = built
    html = html_dir(built, f"{region}/cursist")
    cases = load_cases(root, region)
    index = soup(html / "cases" / "index.html")
    assert len(index.select(".db-casussen > li")) == len(cases) >= 8
    for loaded in cases:
        page = soup(html / f"{case_docname(loaded)}.html")
        data = json.loads(page.select_one("script.db-casus-data").string)
        assert data["id"] == loaded.id and "{{" not in json.dumps(data)
        assert page.select_one(".db-gezin") is not None
        assert "{{" not in page.select_one("article").get_text()
        assert len(page.select(".db-boek-scene")) == len(loaded.case.scenes)
        chapter_links = page.select("article a[href*='book/h']")
        assert len(chapter_links) >= len(loaded.case.hoofdstukken), loaded.id
    trainer = soup(html_dir(built, f"{region}/trainer") / "cases" / "peeters.html")
    assert trainer.select(".db-trainer"), "the debrief guide is in the trainer edition"
    assert not soup(html / "cases" / "peeters.html").select(".db-trainer")
