"""Installable and readable offline: a web app manifest, the icon and favicon, and a service
worker at the site root that keeps the whole edition on the device after one visit.

Everything is written when the build has finished, from what is really in the output
folder: the list of files to keep is every page plus every file a page or a stylesheet
refers to (nothing a learner never needs offline, such as `_sources`, `objects.inv` or the
theme's unused translations). The worker is hand-written (about 60 lines, `worker/sw.js`):
it needs no npm step, and it answers Sphinx's `?v=<hash>` URLs and folder URLs from the
cache, which Workbox's precache does not do without extra configuration."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import quote, unquote

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import icons
from .editions import is_trainer
from .regions import region_of

logger = logging.getLogger(__name__)

WORKER = Path(__file__).parent / "worker" / "sw.js"
WORKER_NAME = "sw.js"
MANIFEST_NAME = "manifest.json"  # .json: every web server knows its content type
ICONS = "_static/icons"
# name → (size, maskable); the SVG is the favicon for browsers that take one
PNG_ICONS = {
    "favicon-32.png": (32, False),
    "apple-touch-icon.png": (180, False),
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-192.png": (192, True),
    "icon-maskable-512.png": (512, True),
}
# Never kept for offline reading: build bookkeeping, sources, source maps, the worker itself.
SKIP = re.compile(r"(^|/)(\.buildinfo|objects\.inv|sw\.js)$|^_sources/|\.map$|^\.")
TRAINER_MARK = "db-trainer"  # the class of a {trainer} block (editions.py)
_HTML_REF = re.compile(r"""(?:src|href)\s*=\s*["']([^"'#?]+)""")
_CSS_REF = re.compile(r"""url\(\s*["']?([^"')#?]+)|@import\s+["']([^"'#?]+)""")


def _head(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Manifest, icons and theme colour in the <head> of every page (the theme prints
    `metatags` in its head, as Sphinx's basic layout does)."""
    def to(path: str) -> str:
        return context["pathto"](path, 1)

    tags = [
        f'<link rel="manifest" href="{to(MANIFEST_NAME)}">',
        f'<link rel="icon" href="{to(ICONS + "/favicon-32.png")}" sizes="32x32" type="image/png">',
        f'<link rel="icon" href="{to(ICONS + "/favicon.svg")}" type="image/svg+xml">',
        f'<link rel="apple-touch-icon" href="{to(ICONS + "/apple-touch-icon.png")}">',
        f'<meta name="theme-color" content="{icons.BLUE}">',
    ]
    if pagename == app.config.root_doc:
        # offline.js shows its short notice on the start page only
        tags.append('<meta name="draaiboek-startpagina" content="ja">')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def manifest(app: Sphinx) -> dict:
    region = region_of(app)
    trainer = is_trainer(app.config)
    title = app.config.html_title or app.config.project
    edition = "trainerseditie" if trainer else "editie voor cursisten"
    icon = [
        {"src": f"{ICONS}/{name}", "sizes": f"{size}x{size}", "type": "image/png",
         "purpose": "maskable" if maskable else "any"}
        for name, (size, maskable) in PNG_ICONS.items() if size >= 192
    ]
    icon.append({"src": f"{ICONS}/favicon.svg", "sizes": "any", "type": "image/svg+xml",
                 "purpose": "any"})
    return {
        "name": f"{title} ({region.naam}{', trainer' if trainer else ''})",
        "short_name": "Draaiboek trainer" if trainer else "Draaiboek",
        "description": f"{title}: {edition} voor {region.naam}. Ook zonder internet te lezen.",
        "lang": region.taal,
        "dir": "ltr",
        "id": "./",
        "start_url": app.builder.get_target_uri(app.config.root_doc),
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": icons.BLUE,
        "categories": ["education", "books"],
        "icons": icon,
    }


def _refs(file: Path) -> list[str]:
    text = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix == ".css":
        return [a or b for a, b in _CSS_REF.findall(text)]
    return _HTML_REF.findall(text)


def precache_files(outdir: Path) -> list[str]:
    """Every page, and every file that a page or stylesheet refers to (transitively), as
    paths relative to the site root."""
    outdir = outdir.resolve()
    found = {p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts}
    for extra in ("searchindex.js", MANIFEST_NAME):  # the search page may load the index late
        if (outdir / extra).is_file():
            found.add(outdir / extra)
    found.update(p for p in (outdir / ICONS).glob("*") if p.is_file())
    # the search page loads each hit's text by script (search.py): keep them all
    found.update(p for p in (outdir / "_static" / "zoektekst").rglob("*.js") if p.is_file())
    queue = [p for p in found if p.suffix in (".html", ".css")]
    while queue:
        file = queue.pop()
        for ref in _refs(file):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I):  # another origin, data:, mailto:
                continue
            target = (file.parent / unquote(ref.replace("&amp;", "&"))).resolve()
            if target in found or not target.is_file() or not target.is_relative_to(outdir):
                continue
            found.add(target)
            if target.suffix == ".css":
                queue.append(target)
    files = sorted(p.relative_to(outdir).as_posix() for p in found)
    return [f for f in files if not SKIP.search(f)]


def build_hash(outdir: Path, files: list[str]) -> str:
    """Changes when any kept file or the worker changes, and only then: a rebuild with the
    same content does not make every phone fetch the whole book again."""
    digest = hashlib.sha256(WORKER.read_bytes())
    for name in files:
        digest.update(name.encode() + b"\0" + (outdir / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def write_worker(outdir: Path, variant: str, *, trainer: bool) -> tuple[list[str], int]:
    """Write `sw.js` for what is in `outdir` now; returns the kept files and their size."""
    files = precache_files(outdir)
    if not trainer:
        leaked = [f for f in files if f.endswith((".html", ".js"))
                  and TRAINER_MARK in (outdir / f).read_text(encoding="utf-8", errors="replace")]
        if leaked:
            raise ExtensionError(
                "Trainersmateriaal in de editie voor cursisten: " + ", ".join(leaked[:5])
                + ". Zet het in een {trainer}-blok."
            )
    source = (WORKER.read_text(encoding="utf-8")
              .replace("__BUILD__", build_hash(outdir, files))
              .replace("__VARIANT__", variant)
              .replace("__FILES__", json.dumps([quote(f) for f in files], indent=0)))
    (outdir / WORKER_NAME).write_text(source, encoding="utf-8")
    return files, sum((outdir / f).stat().st_size for f in files)


def _write(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    folder = outdir / ICONS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "favicon.svg").write_text(icons.svg(), encoding="utf-8")
    for name, (size, maskable) in PNG_ICONS.items():
        (folder / name).write_bytes(icons.png(size, maskable=maskable))
    (outdir / MANIFEST_NAME).write_text(
        json.dumps(manifest(app), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    variant = f"{region_of(app).id}/{app.config.draaiboek_editie}"
    files, size = write_worker(outdir, variant, trainer=is_trainer(app.config))
    logger.info(f"offline lezen: {len(files)} bestanden, {size / 1e6:.1f} MB")


def setup_offline(app: Sphinx) -> None:
    app.connect("html-page-context", _head)
    app.connect("build-finished", _write, priority=990)  # last: after files are removed
    app.add_js_file("offline.js", loading_method="defer")
