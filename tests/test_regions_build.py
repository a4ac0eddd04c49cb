"""Brussel (a child of Vlaanderen) built in both editions, in one targeted test.

The shared `built` fixture builds only vlaanderen and nederland (conftest.BUILT_REGIONS), so
the suite's time does not grow with every region; this module adds Brussel's two builds once
and checks what inheritance, list changes, text places and the overview page do in HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from draaiboek.build import Variant, build_variant

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def brussel(tmp_path_factory, project_copier):
    root = project_copier(tmp_path_factory.mktemp("brussel"))
    results = {e: build_variant(root, Variant("brussel", e), clean=True)
               for e in ("cursist", "trainer")}
    return root, results


def _text(html: Path, page: str) -> str:
    soup = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article[role=main]").get_text(" ").split())


@pytest.mark.parametrize("edition", ["cursist", "trainer"])
def test_brussel_builds_clean(brussel, edition: str) -> None:
    _, results = brussel
    assert results[edition].ok, "\n".join(results[edition].problems)


def test_sociale_kaart_has_brussels_name_and_services(brussel) -> None:
    _, results = brussel
    text = _text(results["cursist"].index.parent, "book/sociale-kaart.html")
    assert "Sociale kaart: Brussel" in text and "Sociale kaart: Vlaanderen" not in text
    assert "CAW Brussel" in text and "Vlaamse Gemeenschapscommissie (VGC)" in text
    assert "OCMW en Sociaal Huis" not in text  # left out with zonder:
    assert "Hulplijn 1712" in text  # inherited
    assert "Ordonnantie over de eerstelijnszorg" in text  # law added with erbij:
    assert "Beroepsgeheim (artikel 458" in text  # inherited laws stay
    assert "Bronnen bij de Brusselse diensten" in text  # the region's own text


def test_region_text_replaces_the_paragraph_in_its_place(brussel) -> None:
    _, results = brussel
    html = results["cursist"].index.parent
    page = (html / "book/h06-stappen-van-het-traject.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    own = soup.select('div.db-regio[data-regio="brussel"]')
    assert own and "In Brussel komt de vraag vaak via het OCMW van de gemeente" in own[0].get_text()
    assert "In Vlaanderen komt de vraag bij een dienst voor gezinszorg" not in page
    # Inherited {only} regio_vlaanderen paragraphs elsewhere in the chapter stay.
    assert "In deze uitgave heet dit plan het ondersteuningsplan" in page


def test_overview_page_only_in_the_trainer_edition(brussel) -> None:
    _, results = brussel
    assert not (results["cursist"].index.parent / "book/trainer-regio-overzicht.html").exists()
    text = _text(results["trainer"].index.parent, "book/trainer-regio-overzicht.html")
    assert "Regio-overzicht: Brussel" in text
    assert "het OCMW van de gemeente" in text and "CAW Brussel" in text
    assert "h06-aanmelding" in text and "budgetbeheer-ocmw" in text
