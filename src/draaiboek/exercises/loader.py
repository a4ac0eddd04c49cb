"""Loading exercises: `exercises/<chapter>.yml` → validated `LoadedExercise` objects.
Nothing else reads those files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import ContentError, display_path
from ..yamlfile import validate_yaml
from .schema import Exercise
from ..textfile import read_text

EXERCISES_FOLDER = "exercises"
SOURCE_FOLDER = "exercises/source"


@dataclass(frozen=True)
class LoadedExercise:
    id: str
    exercise: Exercise
    file: str
    case_names: tuple[str, ...] = ()  # the case's fictional people: not a privacy risk


def parse_exercise(text: str, file: str, root: Path | None = None) -> LoadedExercise:
    exercise, _ = validate_yaml(text, file, Exercise, "een oefening bevat velden (titel:, "
                                "kennisvragen:, ...)", "Kijk een bestaande oefening na.")
    names = tuple(dict.fromkeys(name for question in exercise.casusvragen
                                for name in case_names(root, question.casus))) if root else ()
    return LoadedExercise(Path(file).stem, exercise, file, names)


def case_names(root: Path, case_id: str) -> tuple[str, ...]:
    """Names of the invented people in a case (and the carer playing it): a learner's answer
    about the case may use them without a privacy warning. Found with the general rules:
    the list goes into the source notebook, which must not change when a card is added."""
    from ..privacy import likely_names, project_rules

    path = root / "cases" / f"{case_id}.yml"
    if not path.is_file():
        return ()
    return tuple(sorted(likely_names(read_text(path), project_rules(None))))


def exercise_files(root: Path) -> list[Path]:
    return sorted((root / EXERCISES_FOLDER).glob("h[0-9][0-9]-*.yml"))


def load_exercises(root: Path) -> list[LoadedExercise]:
    loaded, problems = [], []
    for path in exercise_files(root):
        try:
            loaded.append(parse_exercise(read_text(path, display_path(path, root)),
                                         display_path(path, root), root))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return loaded
