"""Phone measurement of a built edition: which pages scroll sideways at 320 and 360 px, and
how much a first visit to a few pages transfers (HTML + every file it loads, each gzip -6).

    .venv/bin/python benchmarks/phone_pages.py _build/vlaanderen/cursist/html [...more]

Used to choose the theme (issue 10): run it on a build with each theme.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

WEIGHED = ("book/h01-thuiscompagnie-in-een-notendop.html", "book/h03-leef-en-belevingswereld.html",
           "methods/index.html", "search.html")


def pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if "_static" not in p.parts and p.name != "genindex.html"
                  and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:2000])


def measure(browser, html: Path) -> dict:
    server = serve(html)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result: dict = {"wide": {}, "weight": {}}
    try:
        for width in (320, 360):
            context = browser.new_context(viewport={"width": width, "height": 740})
            page = context.new_page()
            wide = []
            for path in pages(html):
                page.goto(base + path, wait_until="load")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    wide.append((path, scroll))
            result["wide"][width] = wide
            context.close()
        for path in WEIGHED:
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            urls: set[str] = set()
            page.on("request", lambda r: urls.add(r.url))
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(300)
            total = 0
            for url in urls:
                file = html / (unquote(urlparse(url).path).lstrip("/") or "index.html")
                if url.startswith(base) and file.is_file():
                    total += len(gzip.compress(file.read_bytes(), 6))
            result["weight"][path] = (len(urls), total)
            context.close()
    finally:
        server.shutdown()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("html", nargs="+", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for html in args.html:
            result = measure(browser, html)
            print(f"== {html} ({len(pages(html))} pages)")
            for width, wide in result["wide"].items():
                print(f"  sideways scroll at {width} px: {len(wide)} pages",
                      ", ".join(f"{p} ({w})" for p, w in wide[:8]))
            for path, (count, total) in result["weight"].items():
                print(f"  {path}: {count} requests, {total:,} B gzip")
        browser.close()


if __name__ == "__main__":
    main()
