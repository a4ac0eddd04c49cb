"""Lighthouse benchmark: the book's pages beside a default Jupyter Book 1 page, in one run.

    make bench            (or: .venv/bin/python benchmarks/lighthouse.py [--regio nederland])

What it does (DESIGN.md §7, issue 10 item 8):
- builds one variant of the book (default vlaanderen/cursist) from a fresh copy of the sources,
  and a tiny default book made by the plain tool (`jupyter-book create` + `jupyter-book build`);
- serves each over http://127.0.0.1 with gzip (a small stdlib handler);
- runs Lighthouse 12 (from benchmarks/node_modules, installed by `npm ci`) in its mobile
  preset with default simulated throttling, with Debian's Chromium, on the start page, a
  chapter, the card catalogue, a card and a case, and on the default book's pages; each page
  `--herhalingen` times (default 3), the run with the median performance score counts;
- reports performance, accessibility, best practices, LCP, TBT and total bytes per page,
  the ratios against the default Jupyter Book content page, and the gzip weight of each page
  (HTML plus every CSS, JS, font and image it loads on a first visit);
- writes _build/bench/lighthouse.json and _build/bench/lighthouse.md, and prints the table.

Goals (reported, not enforced): performance >= 95, accessibility 100, best practices >= 95,
a chapter page <= 120 KB gzip.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
SOURCES = ("_config.yml", "_toc.yml", "book", "regions", "methods", "cases")
OUT = ROOT / "_build" / "bench"
CATEGORIES = "performance,accessibility,best-practices"
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 95}
CHAPTER_BUDGET_KB = 120
# gzip like the server below; text files only (images and fonts go as they are).
TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves a folder; text files gzip-compressed when the browser accepts it."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in TEXT):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"Mislukt: {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def build_ours(base: Path, region: str, edition: str) -> Path:
    project = base / "draaiboek"
    project.mkdir()
    for item in SOURCES:
        src = ROOT / item
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / item)
    run([str(BIN / "draaiboek"), "build", "--regio", region, "--editie", edition, "--schoon"],
        project)
    return project / "_build" / region / edition / "html"


def build_default(base: Path) -> Path:
    """The plain tool's own sample book, built as it comes."""
    book = base / "jupyter-book-standaard"
    run([str(BIN / "jupyter-book"), "create", str(book)], base)
    run([str(BIN / "jupyter-book"), "build", str(book)], base)
    return book / "_build" / "html"


def our_pages(html: Path) -> dict[str, str]:
    """Start page (the root of _toc.yml), a chapter, the catalogue, a card and a case."""
    root = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"]
    chapter = sorted((html / "book").glob("h03-*.html")) or sorted((html / "book").glob("h0*.html"))
    card = html / "methods" / "ecogram.html"
    case = sorted((html / "cases").glob("*.html"))
    pages = {
        "startpagina": f"{root}.html",
        "hoofdstuk": chapter[0].relative_to(html).as_posix(),
        "kaartencatalogus": "methods/index.html",
        "methodekaart": card.relative_to(html).as_posix() if card.is_file()
        else sorted((html / "methods").glob("*.html"))[0].relative_to(html).as_posix(),
        "casus": next((p for p in case if p.stem != "index"), case[0]).relative_to(html).as_posix(),
    }
    return pages


DEFAULT_PAGES = {"JB1 standaard: start": "intro.html", "JB1 standaard: inhoud": "markdown.html"}
REFERENCE = "JB1 standaard: inhoud"


def lighthouse(url: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    command = [str(LIGHTHOUSE), url, f"--only-categories={CATEGORIES}", "--output=json",
               f"--output-path={report}", "--quiet",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not report.is_file():
        sys.exit(f"Lighthouse mislukt voor {url}:\n{result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def gzip_weight(html: Path, base: str, urls: list[str]) -> tuple[int, int, list]:
    """Bytes on a first visit as the gzip server sends them: (gzip total, number of files,
    the five largest files with their gzip size)."""
    total, files, sizes = 0, 0, []
    for url in set(urls):
        if not url.startswith(base):
            continue
        path = html / (unquote(urlparse(url).path).lstrip("/") or "index.html")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            continue
        data = path.read_bytes()
        size = len(gzip.compress(data, 6)) if path.suffix in TEXT else len(data)
        total += size
        files += 1
        sizes.append((size, path.relative_to(html).as_posix()))
    largest = [{"bestand": name, "gzip_bytes": size} for size, name in sorted(sizes, reverse=True)[:5]]
    return total, files, largest


def median_run(url: str, report: Path, runs: int) -> dict:
    """Lighthouse `runs` times; the run with the median performance score (as Lighthouse's
    own computeMedianRun advises: one run is noisy, more so on a busy machine)."""
    results = []
    for index in range(runs):
        results.append(lighthouse(url, report.with_name(f"{report.stem}-{index + 1}.json")))
    results.sort(key=lambda d: d["categories"]["performance"]["score"] or 0)
    median = results[len(results) // 2]
    report.write_text(json.dumps(median), encoding="utf-8")
    return median


def measure(name: str, html: Path, base: str, path: str, reports: Path, runs: int = 1) -> dict:
    data = median_run(base + path, reports / f"{name.replace(' ', '_').replace(':', '')}.json", runs)
    audits = data["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    weight, files, largest = gzip_weight(html, base, [r["url"] for r in requests])
    foreign = sorted({r["url"] for r in requests
                      if not r["url"].startswith((base, "data:"))})
    cats = data["categories"]
    return {
        "pagina": name,
        "pad": path,
        "performance": round(100 * (cats["performance"]["score"] or 0)),
        "accessibility": round(100 * (cats["accessibility"]["score"] or 0)),
        "best-practices": round(100 * (cats["best-practices"]["score"] or 0)),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "gzip_bytes": weight,
        "bestanden": files,
        "grootste_bestanden": largest,
        "herhalingen": runs,
        "andere_herkomst": foreign,
        "render_blocking": [i["url"].replace(base, "") for i in
                            audits.get("render-blocking-resources", {}).get("details", {})
                            .get("items", [])],
        "niet_gehaald": _failed_audits(data),
        "formFactor": data["configSettings"]["formFactor"],
        "throttling": data["configSettings"]["throttlingMethod"],
        "lighthouse": data["lighthouseVersion"],
        "runWarnings": data.get("runWarnings", []),
    }


def _failed_audits(data: dict) -> dict[str, list[str]]:
    result = {}
    for key, category in data["categories"].items():
        ids = []
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings") \
                    and audit.get("score") is not None and audit["score"] < 0.9:
                ids.append(ref["id"])
        result[key] = ids
    return result


def ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}" if reference else "–"


def table(rows: list[dict]) -> str:
    ref = next(r for r in rows if r["pagina"] == REFERENCE)
    lines = [
        "| pagina | perf | a11y | best pr. | LCP (s) | TBT (ms) | bytes (KB) | gzip eerste bezoek (KB) "
        "| perf ÷ JB1 | LCP ÷ JB1 | bytes ÷ JB1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['pagina']} | {r['performance']} | {r['accessibility']} | {r['best-practices']} "
            f"| {r['lcp_ms'] / 1000:.1f} | {r['tbt_ms']} | {r['bytes'] / 1024:.0f} "
            f"| {r['gzip_bytes'] / 1024:.0f} ({r['bestanden']} bestanden) "
            f"| {ratio(r['performance'], ref['performance'])} | {ratio(r['lcp_ms'], ref['lcp_ms'])} "
            f"| {ratio(r['bytes'], ref['bytes'])} |")
    return "\n".join(lines)


def goals(rows: list[dict]) -> list[str]:
    """Each page of ours against the goals: one line per miss."""
    misses = []
    for r in rows:
        if r["pagina"].startswith("JB1"):
            continue
        for key, goal in GOALS.items():
            if r[key] < goal:
                audits = ", ".join(r["niet_gehaald"].get(key, [])) or "–"
                misses.append(f"- {r['pagina']}: {key} {r[key]} < {goal} (audits onder 0,9: {audits})")
        if r["pagina"] == "hoofdstuk" and r["gzip_bytes"] > CHAPTER_BUDGET_KB * 1024:
            misses.append(f"- hoofdstuk: {r['gzip_bytes'] / 1024:.0f} KB gzip > {CHAPTER_BUDGET_KB} KB")
        if r["andere_herkomst"]:
            misses.append(f"- {r['pagina']}: verzoeken naar een andere herkomst: {r['andere_herkomst']}")
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regio", default="vlaanderen")
    parser.add_argument("--editie", default="cursist", choices=["cursist", "trainer"])
    parser.add_argument("--boek", type=Path, help="een gebouwde html-map gebruiken in plaats van te bouwen")
    parser.add_argument("--herhalingen", type=int, default=3,
                        help="Lighthouse-runs per pagina; de mediaan telt (standaard 3)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse ontbreekt. Installeer het met: cd benchmarks && npm ci")
    if not CHROMIUM.exists():
        sys.exit(f"Chromium ontbreekt ({CHROMIUM}). Installeer het met: apt-get install chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    reports = OUT / "lighthouse-rapporten"
    reports.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="draaiboek-lighthouse-") as tmp:
        base = Path(tmp)
        print("Bouwen: het boek en een standaard Jupyter Book …", flush=True)
        ours = args.boek.resolve() if args.boek else build_ours(base, args.regio, args.editie)
        plain = build_default(base)
        rows = []
        for html, pages in ((ours, our_pages(ours)), (plain, DEFAULT_PAGES)):
            server, url = serve(html)
            try:
                for name, path in pages.items():
                    print(f"Lighthouse: {name} ({path}) …", flush=True)
                    rows.append(measure(name, html, url, path, reports, args.herhalingen))
            finally:
                server.shutdown()
    result = {"variant": f"{args.regio}/{args.editie}", "doelen": GOALS,
              "hoofdstuk_budget_kb": CHAPTER_BUDGET_KB, "referentie": REFERENCE, "paginas": rows}
    (OUT / "lighthouse.json").write_text(json.dumps(result, indent=2, ensure_ascii=False),
                                         encoding="utf-8")
    misses = goals(rows)
    heaviest = "\n".join(
        f"- {r['pagina']}: " + ", ".join(f"{f['bestand']} {f['gzip_bytes'] / 1024:.0f} KB"
                                         for f in r["grootste_bestanden"]) for r in rows)
    text = (f"# Lighthouse mobiel ({rows[0]['lighthouse']}, {rows[0]['throttling']}), "
            f"{args.regio}/{args.editie}, gzip op 127.0.0.1, mediaan van {args.herhalingen} "
            f"run(s) per pagina\n\n{table(rows)}\n\n"
            f"Grootste bestanden bij een eerste bezoek (gzip):\n{heaviest}\n\n"
            f"Verhoudingen tegenover '{REFERENCE}' (de inhoudspagina van een standaard "
            "Jupyter Book 1, in dezelfde run gemeten).\n\n"
            f"Doelen: performance ≥ 95, accessibility 100, best practices ≥ 95, "
            f"hoofdstuk ≤ {CHAPTER_BUDGET_KB} KB gzip.\n\n"
            + ("Alle doelen gehaald.\n" if not misses else "Niet gehaald:\n" + "\n".join(misses) + "\n"))
    (OUT / "lighthouse.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
