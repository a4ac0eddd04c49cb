"""Incremental builds that see what Sphinx cannot.

Sphinx re-reads a page when its own file changed or a file it noted as a dependency did.
Three things escape that: a chapter lists the cards and cases that name it (a new card or a
changed `hoofdstukken:` must reach the chapter), a card page lists the cases that use it (and
the reverse), and the package's own CSS and JavaScript are copied only when some page is
rebuilt. Each of these is summed up in a small fingerprint file in the doctree folder,
written only when its content changes; a page that shows such data notes the file as a
dependency, so Sphinx re-reads exactly those pages when it changes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx

FOLDER = "draaiboek-vingerafdruk"
CARDS, CASES, STATIC = "kaarten", "casussen", "statisch"


def _path(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / FOLDER / f"{name}.json"


def write_fingerprint(app: Sphinx, name: str, data: object) -> None:
    """Store `data` as the fingerprint `name`; the file is touched only when it differs."""
    path = _path(app, name)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def depends_on(app: Sphinx, name: str) -> None:
    """The page being read shows data summed up in fingerprint `name`."""
    app.env.note_dependency(str(_path(app, name)))


def _files_digest(folders: list[str]) -> dict[str, str]:
    digest = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest[str(path)] = hashlib.sha1(path.read_bytes()).hexdigest()
    return digest


def _static_fingerprint(app: Sphinx) -> None:
    """The package's static files and templates: when one changes, the start page is read
    again, so the build goes on to copy the static files (Sphinx stops early when no page
    is out of date, and then copies nothing)."""
    package = str(Path(__file__).parent.parent)
    ours = [f for f in [*app.config.html_static_path, *app.config.templates_path]
            if str(Path(app.confdir or app.srcdir, f)).startswith(package)]
    write_fingerprint(app, STATIC, _files_digest(ours))


def _note_static(app: Sphinx, doctree) -> None:
    if app.env.docname == app.config.root_doc:
        depends_on(app, STATIC)


def setup_freshness(app: Sphinx) -> None:
    app.connect("builder-inited", _static_fingerprint)
    app.connect("doctree-read", _note_static)
