"""Shared fixtures: a copy of the project in a temporary folder, the four variants built
once per test session (clean, warnings as errors), and headless Chromium."""

from __future__ import annotations

import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("_config.yml", "_toc.yml", "index.md", "book", "regions", "methods", "cases", "exercises")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def copy_project(dest: Path) -> Path:
    """A copy of the book's sources, so tests never touch the developer's _build."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="session")
def project_copier():
    """copy_project, for module- or session-scoped fixtures that need their own copy."""
    return copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# The regions the shared `built` fixture builds (both editions each). Fixed, not "every
# profile in regions/": the suite's time must not grow with each region a coordinator adds.
# Other regions (Brussel) are built in one targeted test in test_regions.py.
BUILT_REGIONS = ("vlaanderen", "nederland")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The variants of BUILT_REGIONS built clean with warnings as errors:
    {'vlaanderen/cursist': result}."""
    from draaiboek.build import EDITIONS, Variant, build_variant

    root = copy_project(tmp_path_factory.mktemp("boek"))
    variants = [Variant(r, e) for r in BUILT_REGIONS for e in EDITIONS]
    results = {str(v): build_variant(root, v, clean=True) for v in variants}
    return root, results


def serve(folder: Path):
    handler = partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection early is not a test failure


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's Chromium ontbreekt (/usr/bin/chromium): browsertests overgeslagen. "
            "Installeer met: apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
