"""Loading cases: read the YAML (keeping lines), validate the schema, then validate the
story (validator.py). A case that does not pass raises one ContentError listing every
problem with file, line and scene/choice id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import ContentError, Problem, display_path
from ..regions import REGIONS_FOLDER, load_region
from ..yamlfile import YamlDocument, validate_yaml
from .schema import Case
from ..textfile import read_text

CASES_FOLDER = "cases"


@dataclass(frozen=True)
class LoadedCase:
    id: str
    case: Case
    file: str
    doc: YamlDocument
    region: str | None = None
    digest: str = ""  # of the file's text

    def line(self, *loc) -> int | None:
        return self.doc.line_of(tuple(loc))


def parse_case(text: str, file: str, region: str | None = None) -> LoadedCase:
    """Schema validation only (the graph checks are in validator.py)."""
    import hashlib

    case, doc = validate_yaml(text, file, Case, "een casus bevat velden (titel:, gezin:, "
                              "scenes:, ...)", "Kijk een bestaande casus na als voorbeeld.")

    digest = hashlib.sha256(text.encode()).hexdigest()
    return LoadedCase(Path(file).stem, case, file, doc, region, digest)


def case_files(root: Path, region: str | None) -> list[tuple[Path, str | None]]:
    files = [(p, None) for p in sorted((root / CASES_FOLDER).glob("*.yml"))]
    if region:
        for rid in (Path(f).stem for f in load_region(root, region).files):
            files += [(p, rid) for p in sorted((root / REGIONS_FOLDER / rid / CASES_FOLDER).glob("*.yml"))]
    return files


def load_case_file(path: Path, root: Path, region: str | None = None,
                   known_cards: set[str] | None = None) -> LoadedCase:
    from .validator import errors

    loaded = parse_case(read_text(path, display_path(path, root)), display_path(path, root), region)
    problems = errors(loaded, root, known_cards)
    if problems:
        raise ContentError(problems)
    return loaded


def load_cases(root: Path, region: str | None = None) -> list[LoadedCase]:
    """Every valid case for a region (shared + overlays); ContentError lists all problems."""
    from ..cards.catalogue import load_cards

    try:
        cards = {c.id for c in load_cards(root, region)}
    except ContentError:
        cards = None  # the cards report their own problems
    loaded, problems, seen = [], [], {}
    for path, rid in case_files(root, region):
        try:
            case = load_case_file(path, root, rid, cards)
        except ContentError as exc:
            problems += exc.problems
            continue
        if case.id in seen:
            problems.append(Problem(case.file, f"de id '{case.id}' bestaat al ({seen[case.id]}).",
                                    "Geef de casus een andere bestandsnaam."))
            continue
        seen[case.id] = case.file
        loaded.append(case)
    if problems:
        raise ContentError(problems)
    return loaded


def check_cases(root: Path, regions: list[str]) -> list[Problem]:
    problems, reported = [], set()
    for region in regions:
        try:
            load_cases(root, region)
        except ContentError as exc:
            fresh = [p for p in exc.problems if str(p) not in reported]
            reported |= {str(p) for p in fresh}
            problems += fresh
    return problems
