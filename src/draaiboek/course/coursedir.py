"""A course folder: what it holds, its settings file `cursus.yml`, the nbgrader configuration
that goes with it and access to its gradebook.

    <cursus>/cursus.yml                   group, region, project the course was made from
    <cursus>/nbgrader_config.py           generated: `nbgrader formgrader` works here too
    <cursus>/gradebook.db                 nbgrader's gradebook: scores and comments
    <cursus>/source/<opdracht>/           teacher version, localised for the region
    <cursus>/release/<opdracht>/          learner version (hand this out)
    <cursus>/submitted/<id>/<opdracht>/   read-in submissions
    <cursus>/autograded/<id>/<opdracht>/  executed and scored copies
    <cursus>/beoordelingen/<opdracht>/<id>.yml   rubric levels the trainer chose
    <cursus>/feedback/<id>/<opdracht>.html       feedback for the learner
    <cursus>/export/                      scores for an LMS, the report
    <cursus>/voor-de-hub/nbgrader_config.py   a course on JupyterHub: the learners' settings

A course on JupyterHub (`hub:` in cursus.yml) exchanges assignments, submissions and feedback
through nbgrader's exchange folder on the hub server instead of by zip and mail (see `hub.py`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from ..problems import ContentError, Problem

SETTINGS = "cursus.yml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class CourseError(Exception):
    """Something a trainer can fix: the message says what and how (Dutch)."""


def _bin_on_path() -> None:
    """nbgrader shells out to `alembic` from the interpreter's bin/ folder."""
    folder = str(Path(sys.executable).parent)
    if folder not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")


@dataclass(frozen=True)
class Hub:
    """Where a course on JupyterHub exchanges files: nbgrader's exchange folder on the hub
    server and the course's id in it."""
    uitwisseling: str
    cursus_id: str


@dataclass(frozen=True)
class Course:
    root: Path
    groep: str
    regio: str
    project: Path
    hub: Hub | None = None

    @property
    def course_id(self) -> str:
        return self.hub.cursus_id if self.hub else self.root.name

    # --- folders ------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.root / "gradebook.db"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_path}"

    def folder(self, step: str, *parts: str) -> Path:
        return self.root.joinpath(step, *parts)

    def submitted(self, learner: str, assignment: str) -> Path:
        return self.folder("submitted", learner, assignment, f"{assignment}.ipynb")

    def autograded(self, learner: str, assignment: str) -> Path:
        return self.folder("autograded", learner, assignment, f"{assignment}.ipynb")

    def released(self, assignment: str) -> Path:
        return self.folder("release", assignment, f"{assignment}.ipynb")

    def source(self, assignment: str) -> Path:
        return self.folder("source", assignment, f"{assignment}.ipynb")

    def assignments(self) -> list[str]:
        """Assignments released in this course, in chapter order."""
        return sorted(p.parent.name for p in self.root.glob("release/*/*.ipynb")
                      if p.stem == p.parent.name)

    # --- nbgrader -----------------------------------------------------------------------
    def nbgrader_config(self, **extra):
        from traitlets.config import Config

        from ..exercises.notebook import NBGRADER_CONFIG

        config = Config()
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.course_id = self.course_id
        if self.hub:
            config.Exchange.root = self.hub.uitwisseling
        for key, value in {**NBGRADER_CONFIG, **extra}.items():
            section, name = key.split(".")
            setattr(config[section], name, value)
        return config

    @contextlib.contextmanager
    def gradebook(self) -> Iterator:
        from nbgrader.api import Gradebook

        _bin_on_path()
        with Gradebook(self.db_url, self.course_id) as gb:
            yield gb


def create_course(target: Path, project: Path, regio: str, groep: str,
                  hub: Hub | None = None) -> Course:
    """A new, empty course folder for one group in one region; with `hub`, a course on
    JupyterHub that exchanges through nbgrader's exchange folder."""
    from ..regions import available_regions

    if regio not in available_regions(project):
        raise CourseError(f"De regio '{regio}' bestaat niet. Kies een van: "
                          f"{', '.join(available_regions(project))}.")
    if (target / SETTINGS).exists():
        raise CourseError(f"In {target} staat al een cursus. Kies een andere map; zo gaat "
                          "niets verloren van de cursus die er al is.")
    if target.exists() and any(target.iterdir()):
        raise CourseError(f"De map {target} is niet leeg. Kies een nieuwe of lege map.")
    target.mkdir(parents=True, exist_ok=True)
    settings = {"groep": groep, "regio": regio, "project": str(project.resolve()),
                "aangemaakt": datetime.now().isoformat(timespec="seconds")}
    if hub is not None:
        settings["hub"] = {"uitwisseling": hub.uitwisseling, "cursus_id": hub.cursus_id}
    (target / SETTINGS).write_text(
        "# Instellingen van deze cursus (gemaakt door 'draaiboek cursus maak').\n"
        + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_nbgrader_config(target, hub)
    if hub is not None:
        from .hub import write_learner_config

        write_learner_config(target, hub)
    course = open_course(target)
    with course.gradebook():
        pass  # creates gradebook.db
    return course


def nbgrader_config_text(folder_name: str, hub: Hub | None = None) -> str:
    """`nbgrader_config.py` for a course: the root is where the file is, found when nbgrader
    reads it, so a course folder can be moved or copied. `nbgrader export` leaves missing work
    blank, as `draaiboek cursus exporteer` does. A course on JupyterHub uses the hub's
    exchange folder and its own course id; any other course a private `.uitwisseling`."""
    from ..exercises.notebook import NBGRADER_CONFIG

    lines = ["# Gemaakt door 'draaiboek cursus maak'. Hiermee werken ook de formgrader van",
             "# nbgrader en 'nbgrader export' in deze map. De map mag verhuizen.",
             "import os",
             "c = get_config()  # noqa: F821",
             "c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))",
             f"c.CourseDirectory.course_id = {(hub.cursus_id if hub else folder_name)!r}",
             (f"c.Exchange.root = {hub.uitwisseling!r}" if hub else
              "c.Exchange.root = os.path.join(c.CourseDirectory.root, '.uitwisseling')"),
             "c.ExportApp.plugin_class = 'draaiboek.course.nbexport.BlankWhenMissing'"]
    if hub:
        # The learner settings the hub installs for everyone set the learner id to the
        # user's name; in the course folder nbgrader works for every learner.
        lines.append("c.CourseDirectory.student_id = '*'")
    lines += [f"c.{key} = {value!r}" for key, value in NBGRADER_CONFIG.items()]
    return "\n".join(lines) + "\n"


def write_nbgrader_config(folder: Path, hub: Hub | None = None) -> None:
    (folder / "nbgrader_config.py").write_text(nbgrader_config_text(folder.name, hub),
                                               encoding="utf-8")


def _modernise_config(root: Path, hub: Hub | None) -> None:
    """Courses made before the root was found at run time had it written in as a fixed
    path: nbgrader then used the old folder's gradebook after a move or copy."""
    path = root / "nbgrader_config.py"
    if path.is_file() and "os.path.abspath(__file__)" not in path.read_text(encoding="utf-8"):
        write_nbgrader_config(root, hub)


def find_course(start: Path) -> Path | None:
    for folder in [start.resolve(), *start.resolve().parents]:
        if (folder / SETTINGS).is_file():
            return folder
    return None


def open_course(folder: Path) -> Course:
    root = find_course(folder)
    if root is None:
        raise CourseError(f"In {folder.resolve()} staat geen cursus (geen {SETTINGS}). Ga naar "
                          "de map van je cursus, geef ze aan met --cursus, of maak er een met "
                          "'draaiboek cursus maak'.")
    try:
        data = yaml.safe_load((root / SETTINGS).read_text(encoding="utf-8")) or {}
        hub = (Hub(str(data["hub"]["uitwisseling"]), str(data["hub"]["cursus_id"]))
               if data.get("hub") is not None else None)
        _modernise_config(root, hub)
        return Course(root, str(data["groep"]), str(data["regio"]), Path(data["project"]), hub)
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ContentError([Problem(str(root / SETTINGS), f"dit bestand is beschadigd ({exc}).",
                                    "Zet groep:, regio:, project: (en hub: met uitwisseling: "
                                    "en cursus_id:) terug zoals ze stonden.")])
