"""An incremental build notices what Sphinx alone would miss: a new card reaches the
chapters it names, and a fingerprint file changes only when its content does."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from draaiboek.sphinx.freshness import _files_digest, write_fingerprint
from tests.conftest import copy_project


@pytest.mark.build
def test_a_new_card_reaches_its_chapter_without_a_clean_build(tmp_path: Path) -> None:
    from draaiboek.build import Variant, build_variant

    root = copy_project(tmp_path / "boek")
    variant = Variant("vlaanderen", "cursist")
    assert build_variant(root, variant, clean=True).ok
    card = (root / "methods" / "genogram.md").read_text(encoding="utf-8")
    (root / "methods" / "proefkaart.md").write_text(
        card.replace("titel: Genogram", "titel: Proefkaart voor de test")
            .replace("hoofdstukken: [4, 9]", "hoofdstukken: [3]"), encoding="utf-8")
    result = build_variant(root, variant)
    assert result.ok, result.problems
    html = root / "_build" / "vlaanderen" / "cursist" / "html"
    chapter = next((html / "book").glob("h03-*.html")).read_text(encoding="utf-8")
    assert "Proefkaart voor de test" in chapter
    catalogue = (html / "methods" / "index.html").read_text(encoding="utf-8")
    assert "Proefkaart voor de test" in catalogue
    (root / "methods" / "proefkaart.md").unlink()
    assert build_variant(root, variant).ok
    chapter = next((html / "book").glob("h03-*.html")).read_text(encoding="utf-8")
    assert "Proefkaart voor de test" not in chapter


class _App:
    def __init__(self, folder: Path):
        self.doctreedir = str(folder)


def test_a_fingerprint_file_changes_only_with_its_content(tmp_path: Path) -> None:
    app = _App(tmp_path)
    write_fingerprint(app, "kaarten", {"a": 1})
    path = tmp_path / "draaiboek-vingerafdruk" / "kaarten.json"
    old = time.time() - 100
    os.utime(path, (old, old))
    write_fingerprint(app, "kaarten", {"a": 1})
    assert path.stat().st_mtime == pytest.approx(old)
    write_fingerprint(app, "kaarten", {"a": 2})
    assert path.stat().st_mtime > old + 50


def test_the_static_digest_sees_a_changed_file(tmp_path: Path) -> None:
    (tmp_path / "boek.css").write_text("a {}", encoding="utf-8")
    before = _files_digest([str(tmp_path)])
    (tmp_path / "boek.css").write_text("a { color: red }", encoding="utf-8")
    assert _files_digest([str(tmp_path)]) != before
