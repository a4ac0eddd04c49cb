"""Where the project is: the folder with _config.yml and regions/."""

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
