"""Where the project is (the folder with _config.yml and regions/), and start-up helpers
every command shares."""

from __future__ import annotations

from pathlib import Path


def find_root(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "regions").is_dir():
            return folder
    return None


def chapter_page(root: Path, chapter: str) -> Path:
    """The page of a chapter given as 'h01' or 1."""
    prefix = f"h{int(str(chapter).lstrip('h')):02d}-"
    for page in sorted((root / "book").glob(f"{prefix}*.md")):
        return page
    raise FileNotFoundError(f"Hoofdstuk {chapter} bestaat (nog) niet in book/.")


def skip_slow_iri_grammar() -> None:
    """jsonschema (imported by Jupyter Book and nbformat) validates the 'iri' format with
    rfc3987-syntax when it is installed, and that package compiles a grammar at import: about
    1.8 s of every command, for a format nothing here uses. Blocking the optional import
    makes jsonschema skip that one format check."""
    import sys

    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
