"""Build benchmark: `draaiboek build` beside plain `jupyter-book build` of the same sources,
in the same run, as ratios. Also measures the page weight of the chapter pages.

    make bench            (or: .venv/bin/python benchmarks/build.py --herhalingen 3)

Each measurement runs in a fresh copy of the sources in a temporary folder:
- clean build of the default variant (vlaanderen, cursist);
- edit-one-page rebuild: one sentence added to chapter 1, then build again.
Budgets (DESIGN.md §7): clean ≤ 60 s, edit-one-page ≤ 5 s, chapter page ≤ 400 KB gzip.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SOURCES = ("_config.yml", "_toc.yml", "index.md", "book", "regions", "methods", "cases")
EDITED = "book/h01-thuiscompagnie-in-een-notendop.md"


def fresh_copy(base: Path, name: str) -> Path:
    target = base / name
    target.mkdir()
    for item in SOURCES:
        src = ROOT / item
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / item)
    return target


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"Mislukt: {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def edit(project: Path) -> None:
    page = project / EDITED
    page.write_text(page.read_text(encoding="utf-8") + "\nEen extra zin voor de meting.\n",
                    encoding="utf-8")


def one_round(base: Path, index: int) -> dict[str, float]:
    ours, plain = fresh_copy(base, f"ours{index}"), fresh_copy(base, f"plain{index}")
    draaiboek = [str(BIN / "draaiboek"), "build", "--schoon"]
    jupyter_book = [str(BIN / "jupyter-book"), "build", "."]
    times = {
        "plain_clean": timed(jupyter_book, plain),
        "ours_clean": timed(draaiboek, ours),
    }
    edit(plain)
    edit(ours)
    time.sleep(1)  # a distinct modification time
    times["plain_edit"] = timed(jupyter_book, plain)
    times["ours_edit"] = timed([str(BIN / "draaiboek"), "build"], ours)
    return times


def page_weights(html: Path) -> dict[str, int]:
    """Bytes transferred (gzip) per chapter page, as loaded by headless Chromium."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # the same set-up as the tests

    if not CHROMIUM.exists():
        return {}
    server = serve(html)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    weights = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for chapter in sorted((html / "book").glob("h*.html")):
            page = browser.new_page(viewport={"width": 360, "height": 800})
            urls: set[str] = set()
            page.on("request", lambda r, urls=urls: urls.add(r.url))
            page.goto(base + chapter.relative_to(html).as_posix(), wait_until="load")
            total = 0
            for url in urls:
                file = html / unquote(urlparse(url).path).lstrip("/")
                if url.startswith(base) and file.is_file():
                    total += len(gzip.compress(file.read_bytes(), 6))
            weights[chapter.name] = total
            page.close()
        browser.close()
    server.shutdown()
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=3, help="aantal rondes (mediaan)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="draaiboek-bench-") as tmp:
        rounds = [one_round(Path(tmp), i) for i in range(args.herhalingen)]
        median = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
        weights = page_weights(Path(tmp) / "ours0" / "_build" / "vlaanderen" / "cursist" / "html")
    print(f"Bouwtijden (mediaan van {args.herhalingen} rondes, vlaanderen/cursist):")
    print(f"{'meting':<24}{'draaiboek':>11}{'jupyter-book':>14}{'verhouding':>12}{'budget':>9}")
    for label, key, budget in (("schone bouw", "clean", 60), ("één pagina gewijzigd", "edit", 5)):
        ours, plain = median[f"ours_{key}"], median[f"plain_{key}"]
        print(f"{label:<24}{ours:>10.1f}s{plain:>13.1f}s{ours / plain:>11.2f}x{budget:>8}s")
    if weights:
        print("\nPaginagewicht (gzip, zoals Chromium de pagina laadt; budget 400 KB):")
        for name, size in weights.items():
            print(f"  {name}: {size / 1024:.0f} KB")
    else:
        print("\nPaginagewicht niet gemeten: /usr/bin/chromium ontbreekt.")


if __name__ == "__main__":
    main()
