"""Building one variant (region × edition) of the book into `_build/<regio>/<editie>/html`.

Jupyter Book 1 computes the Sphinx configuration from `_config.yml`; we run Sphinx
ourselves so that each variant gets its own output, doctrees and notebook cache (the cache
does not know about regions), warnings count as errors, and a failed build never touches
the last good output: Sphinx writes into a staging folder that replaces `html` only when
the build succeeded.
"""

from __future__ import annotations

import io
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .project import skip_slow_iri_grammar
from .regions import available_regions

EDITIONS = ("cursist", "trainer")
BUILD_FOLDER = "_build"
_PROGRESS = re.compile(r"^(reading sources|writing output)\.\.\. \[\s*(\d+)%\]")
_WARNING = re.compile(r"^(?P<file>[^:\n]+?):(?P<line>\d+)?:? ?(?P<kind>WARNING|ERROR|CRITICAL|"
                      r"WAARSCHUWING|FOUT): (?P<text>.*)$")


@dataclass(frozen=True)
class Variant:
    region: str
    edition: str

    def folder(self, root: Path) -> Path:
        return root / BUILD_FOLDER / self.region / self.edition

    def html(self, root: Path) -> Path:
        return self.folder(root) / "html"

    def __str__(self) -> str:
        return f"{self.region}/{self.edition}"


@dataclass
class BuildResult:
    variant: Variant
    ok: bool
    seconds: float
    index: Path
    problems: list[str] = field(default_factory=list)
    log: Path | None = None


def all_variants(root: Path) -> list[Variant]:
    return [Variant(r, e) for r in available_regions(root) for e in EDITIONS]


class _StatusStream(io.TextIOBase):
    """Receives Sphinx's status output: keeps it for the log and reports progress."""

    def __init__(self, log: io.TextIOBase, on_progress: Callable[[str, int], None] | None):
        self.log = log
        self.on_progress = on_progress
        self.buffer = ""

    def write(self, text: str) -> int:
        self.log.write(text)
        self.buffer += text
        while "\n" in self.buffer:
            line, self.buffer = self.buffer.split("\n", 1)
            match = _PROGRESS.match(line)
            if match and self.on_progress:
                phase = "lezen" if match.group(1) == "reading sources" else "schrijven"
                self.on_progress(phase, int(match.group(2)))
        return len(text)


# Sphinx's most common warnings, told in Dutch with what to do.
_DUTCH = (
    (re.compile(r"undefined label: '?([^']*)'?"),
     r"de verwijzing naar '\1' klopt niet: dat label bestaat niet. Kijk de naam na."),
    (re.compile(r"unknown document: '?([^']*)'?"),
     r"de pagina '\1' bestaat niet. Kijk de bestandsnaam na."),
    (re.compile(r"term not in glossary: '?([^']*)'?"),
     r"'\1' staat niet in de woordenlijst. Voeg het woord toe of verbeter de schrijfwijze."),
    (re.compile(r"Substitution error:UndefinedError: '([^']*)' is undefined"),
     r"de term '{{ \1 }}' bestaat in dit regioprofiel niet. Voeg hem toe onder 'termen:'."),
    (re.compile(r"image file not readable: (.*)"),
     r"de afbeelding \1 bestaat niet. Kijk het pad na."),
    (re.compile(r"Unknown directive type:? '?\{?([^'}\s]*)\}?'?.*"),
     r"het blok '{\1}' bestaat niet (onbekende soort blok). Kijk de naam na, of maak er "
     r"gewone tekst van."),
    (re.compile(r"Unknown interpreted text role:? '?([^'\s]*)'?.*"),
     r"'{\1}' is geen bekende opmaak in de tekst. Kijk de naam na."),
    (re.compile(r'Error in "([^"]*)" directive:.*'),
     r"het blok '{\1}' is niet goed geschreven. Kijk de regels direct na de opening na."),
    (re.compile(r"document isn't included in any toctree"),
     "deze pagina staat niet in _toc.yml. Voeg ze toe of verwijder ze."),
)


def _dutch(text: str) -> str:
    for pattern, replacement in _DUTCH:
        if pattern.search(text):
            return pattern.sub(replacement, text)
    return text


def _readable_problem(line: str, root: Path) -> str:
    """A Sphinx warning line as an author reads it: relative file, 'regel N', Dutch."""
    match = _WARNING.match(line.strip())
    if not match:
        return _dutch(line.strip())
    file = match.group("file")
    try:
        file = Path(file).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        pass
    where = file + (f", regel {match.group('line')}" if match.group("line") else "")
    return f"{where}: {_dutch(match.group('text'))}"


def build_variant(
    root: Path,
    variant: Variant,
    *,
    clean: bool = False,
    on_progress: Callable[[str, int], None] | None = None,
) -> BuildResult:
    """Build one variant strictly (warnings are errors). The last good HTML stays until a
    new build has fully succeeded."""
    skip_slow_iri_grammar()
    from jupyter_book.config import get_final_config
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()  # plain text in the log and in our messages

    started = time.perf_counter()
    folder = variant.folder(root)
    folder.mkdir(parents=True, exist_ok=True)
    html, staging = folder / "html", folder / ".html-nieuw"
    doctrees = folder / ".doctrees"
    shutil.rmtree(staging, ignore_errors=True)
    if clean:
        shutil.rmtree(doctrees, ignore_errors=True)
        shutil.rmtree(folder / ".jupyter_cache", ignore_errors=True)
    elif html.is_dir():
        shutil.copytree(html, staging)

    log_path = folder / "build.log"
    warnings = io.StringIO()
    status_code: int | Exception
    with log_path.open("w", encoding="utf-8") as log:
        status = _StatusStream(log, on_progress)
        try:
            sphinx_config, _ = get_final_config(
                user_yaml=root / "_config.yml",
                cli_config={
                    "draaiboek_regio": variant.region,
                    "draaiboek_editie": variant.edition,
                    "nb_execution_cache_path": str(folder / ".jupyter_cache"),
                    "external_toc_path": (root / "_toc.yml").as_posix(),
                    "latex_individualpages": False,
                },
                sourcedir=root,
                use_external_toc=True,
            )
            with patch_docutils(str(root)), docutils_namespace():
                app = Sphinx(
                    srcdir=str(root),
                    confdir=None,
                    outdir=str(staging),
                    doctreedir=str(doctrees),
                    buildername="html",
                    confoverrides=sphinx_config,
                    status=status,
                    warning=warnings,
                    freshenv=clean,
                    warningiserror=True,
                    keep_going=True,
                )
                app.build()
                status_code = app.statuscode
        except Exception as exc:  # noqa: BLE001 - every failure becomes a readable message
            status_code = exc
        log.write(warnings.getvalue())

    problems = [
        _readable_problem(line, root)
        for line in warnings.getvalue().splitlines()
        if line.strip() and not line.startswith(" ")
    ]
    if isinstance(status_code, Exception):
        problems.append(_describe_exception(status_code))
    ok = status_code == 0 and not problems
    if ok:
        _replace(html, staging)
    else:
        # Keep the last good HTML; forget the environment, so that the next build reads
        # every page again and shows every warning again.
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    return BuildResult(
        variant, ok, time.perf_counter() - started, html / "index.html", problems, log_path
    )


def _describe_exception(exc: Exception) -> str:
    from sphinx.errors import ConfigError, SphinxError

    if isinstance(exc, ConfigError):
        return str(exc)
    if isinstance(exc, SphinxError):
        return f"{exc.category}: {exc}"
    return f"onverwachte fout tijdens het bouwen: {type(exc).__name__}: {exc}"


def _replace(html: Path, staging: Path) -> None:
    old = html.with_name(".html-oud")
    shutil.rmtree(old, ignore_errors=True)
    if html.exists():
        html.rename(old)
    staging.rename(html)
    shutil.rmtree(old, ignore_errors=True)
