"""Autograde in parallel and isolated, without changing nbgrader.

nbgrader autogrades one submission after the other, each in a fresh kernel; the kernel is
what takes the time. So we run in two steps:

1. **Execute, in parallel** (worker processes, forked after the imports): each
   worker cleans the submission with nbgrader's own sanitising preprocessors (locked cells
   restored from the gradebook, which is only read) and executes it in the shielded kernel
   (`sandbox.py`). The executed notebook is kept in `.nakijken/uitvoer/`, keyed by a hash of
   exactly what was executed.
2. **Score, one by one**, as each execution comes in: the real `nbgrader autograde`, with its `Execute` step replaced by
   `ShieldedExecute`, which takes the stored execution when the cleaned notebook has the same
   hash and otherwise executes it itself. nbgrader does all its bookkeeping as usual and is
   the only one writing the gradebook.

`ShieldedExecute` never executes learner code: our own cells (their code restored from the
gradebook) run as they are, and of any other code cell only the answer line rebuilt from its
letters (`k1 = "B"`), so redefining `kennisvraag`, an object that equals everything, an
endless loop or `os._exit` in an answer cell never run. The bubblewrap kernel is the second
wall. A crash costs one question: if a cell kills the kernel, that cell gets an error, a
new kernel starts, and grading goes on with the next cell. Outputs are
cut to a reasonable size. Manual grades are never touched; `rubric.py` puts back the "already
graded" mark of answers that did not change.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .coursedir import Course, CourseError, _bin_on_path
from .sandbox import KERNEL_NAME, write_kernel_spec

WORK = ".nakijken"
MAX_OUTPUT = 20_000  # characters kept per output


@dataclass
class Outcome:
    learner: str
    ok: bool
    message: str = ""
    score: float | None = None
    max_score: float | None = None


@dataclass
class GradingRun:
    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# --- the preprocessor ----------------------------------------------------------------------

def notebook_key(nb) -> str:
    """What determines an execution: the cells as they will run."""
    cells = [(c.cell_type, c.source, c.get("metadata", {}).get("nbgrader", {}))
             for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()


def _make_execute_class():
    from nbclient.exceptions import DeadKernelError
    from nbformat import NotebookNode
    from nbgrader.preprocessors import Execute
    from traitlets import Unicode

    from ..exercises.answers import canonical_line

    class ShieldedExecute(Execute):
        """nbgrader's Execute; reuses a stored execution, survives a killed kernel and cuts
        huge output."""

        store_folder = Unicode("", help="Where executions of step 1 are kept.").tag(config=True)

        def _stored(self, resources) -> Path | None:
            if not self.store_folder:
                return None
            info = resources["nbgrader"]
            return Path(self.store_folder) / info["assignment"] / f"{info['student']}.ipynb"

        def preprocess(self, nb, resources=None, km=None):
            import nbformat

            stored = self._stored(resources)
            key = notebook_key(nb)
            if stored and stored.is_file():
                done = nbformat.read(stored, as_version=4)
                if done.metadata.get("draaiboek_uitvoering") == key:
                    del done.metadata["draaiboek_uitvoering"]
                    return done, resources
            return self.execute_shielded(nb, resources, km)

        def execute_shielded(self, nb, resources, km=None):
            from nbclient import NotebookClient

            NotebookClient.__init__(self, nb, km)
            self._ours = None
            self._answers = {qid for qid, spec in nb.metadata.get("draaiboek", {}).get(
                "vragen", {}).items() if spec.get("soort") == "kennis"}
            self.reset_execution_trackers()
            self._check_assign_resources(resources)
            start = 0
            while start < len(self.nb.cells):
                ran_a_cell = False
                try:
                    with self.setup_kernel():
                        info = self.wait_for_reply(self.kc.kernel_info())
                        self.nb.metadata["language_info"] = info["content"]["language_info"]
                        self._replay_setup(start)
                        for index in range(start, len(self.nb.cells)):
                            start = index
                            ran_a_cell = True
                            self.preprocess_cell(self.nb.cells[index], resources, index)
                        start = len(self.nb.cells)
                except (DeadKernelError, RuntimeError, TimeoutError):
                    if not ran_a_cell:
                        raise  # the kernel does not start at all: not the learner's doing
                    self.nb.cells[start].outputs.append(NotebookNode(
                        output_type="error", ename="KernelGestopt",
                        evalue="De code in deze cel liet Python stoppen of liep vast.",
                        traceback=["KernelGestopt: de code in deze cel liet Python stoppen "
                                   "of liep vast. Deze vraag telt niet mee."]))
                    start += 1
            self.set_widgets_metadata()
            return self.nb, self.resources

        def _replay_setup(self, start: int) -> None:
            """After a restart: run the locked set-up cells before `start` again, silently."""
            for index, cell in enumerate(self.nb.cells[:start]):
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if cell.cell_type == "code" and meta.get("grade_id") in (self._ours or ()) \
                        and not meta.get("grade"):
                    self.execute_cell(copy.deepcopy(cell), index, store_history=False)

        def _our_cells(self, resources) -> set[str]:
            """Ids of the cells whose code comes from the gradebook (restored by nbgrader's
            OverwriteCells if a learner changed them)."""
            from nbgrader.api import Gradebook

            info = resources["nbgrader"]
            with Gradebook(info["db_url"]) as gb:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
                return {cell.name for cell in notebook.source_cells if cell.locked}

        def preprocess_cell(self, cell, resources, index):
            """Run our own (locked) cells as they are; of any other code cell run only the
            rebuilt answer line. Learner code itself is never executed."""
            if cell.cell_type == "code":
                if self._ours is None:
                    self._ours = self._our_cells(resources)
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if grade_id not in self._ours:
                    line = canonical_line(cell.source, self._answers)
                    if line is None:
                        cell.outputs = [NotebookNode(
                            output_type="stream", name="stdout",
                            text="Niet uitgevoerd: alleen een antwoordregel telt.\n")]
                        return cell, resources
                    stand_in = copy.deepcopy(cell)
                    stand_in.source = line
                    stand_in, resources = self._run_cell(stand_in, resources, index)
                    cell.outputs = stand_in.outputs
                    cell.execution_count = stand_in.execution_count
                    return cell, resources
            return self._run_cell(cell, resources, index)

        def _run_cell(self, cell, resources, index):
            cell, resources = super().preprocess_cell(cell, resources, index)
            for output in cell.get("outputs", []):
                if "text" in output and len(output.text) > MAX_OUTPUT:
                    output.text = output.text[:MAX_OUTPUT] + "\n… (uitvoer ingekort)"
                for kind, value in output.get("data", {}).items():
                    if isinstance(value, str) and len(value) > MAX_OUTPUT:
                        output.data[kind] = value[:MAX_OUTPUT] + "\n… (uitvoer ingekort)"
            return cell, resources

    return ShieldedExecute


_EXECUTE = None


def shielded_execute():
    global _EXECUTE
    if _EXECUTE is None:
        _EXECUTE = _make_execute_class()
    return _EXECUTE


# --- configuration -------------------------------------------------------------------------

def grading_config(course: Course, timeout: int, shielded: bool):
    import warnings

    from sqlalchemy.exc import SAWarning

    # nbgrader 0.9.6 with SQLAlchemy 2 warns on every autograde; harmless (research notes W1).
    warnings.filterwarnings("ignore", category=SAWarning, module="nbgrader")
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    work = course.root / WORK
    write_kernel_spec(work, course.root, course.project, shielded)
    os.environ["JUPYTER_PATH"] = str(work)  # where nbclient finds our kernel spec
    _bin_on_path()
    execute = shielded_execute()
    config = course.nbgrader_config(**{
        "Autograde.autograde_preprocessors": [execute, IgnorePattern, ClearMetadataPreprocessor,
                                              LimitOutput, SaveAutoGrades, AssignLatePenalties,
                                              CheckCellMetadata],
        "OverwriteCells.add_missing_cells": True,
        "Autograde.create_student": False,
    })
    for name in ("ShieldedExecute", "Execute"):
        config[name].kernel_name = KERNEL_NAME
        config[name].timeout = timeout
        config[name].startup_timeout = 60
        config[name].shutdown_kernel = "immediate"  # the kernel is thrown away anyway
    config.ShieldedExecute.store_folder = str(work / "uitvoer")
    return config


# --- step 1: execute in parallel -----------------------------------------------------------

def _execute_one(course_root: str, assignment: str, learner: str, timeout: int,
                 shielded: bool) -> tuple[str, str]:
    """Worker: clean and execute one submission, keep the result. Returns (learner, problem)."""
    import nbformat
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    from .coursedir import open_course

    course = open_course(Path(course_root))
    config = grading_config(course, timeout, shielded)
    converter = Autograde(coursedir=CourseDirectory(config=config), config=config)
    converter.exporter = converter.exporter_class(parent=converter, config=config)
    converter._sanitizing = True
    converter._init_preprocessors()
    path = str(course.submitted(learner, assignment))
    try:
        resources = converter.init_single_notebook_resources(path)
        resources.setdefault("metadata", {})["path"] = str(Path(path).parent)
        output, resources = converter.exporter.from_filename(path, resources=resources)
        nb = nbformat.reads(output, as_version=4)
        key = notebook_key(nb)
        executor = shielded_execute()(config=config)
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        executed, _ = executor.execute_shielded(nb, resources)
    except Exception as exc:  # noqa: BLE001 - step 2 meets the same problem and reports it
        return learner, f"{type(exc).__name__}: {exc}"
    executed.metadata["draaiboek_uitvoering"] = key
    target = Path(config.ShieldedExecute.store_folder) / assignment / f"{learner}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(executed, target)
    return learner, ""


def _pool(workers: int) -> ProcessPoolExecutor:
    # Forked workers inherit the imports (nbgrader, nbconvert) instead of paying for them.
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("fork"))


# --- step 2: score with nbgrader -----------------------------------------------------------

class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage())


def needs_grading(course: Course, assignment: str, learner: str) -> bool:
    graded = course.autograded(learner, assignment)
    if not graded.is_file():
        return True
    stamp = course.submitted(learner, assignment).parent / "timestamp.txt"
    done = graded.parent / "timestamp.txt"
    if stamp.is_file() and done.is_file():
        return stamp.read_text().strip() != done.read_text().strip()
    return stamp.stat().st_mtime > graded.stat().st_mtime if stamp.is_file() else False


def score_one(course: Course, assignment: str, learner: str, config) -> str:
    """nbgrader autograde for one learner; returns the problem (empty when fine)."""
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    config.CourseDirectory.assignment_id = assignment
    config.CourseDirectory.student_id = learner
    converter = Autograde(coursedir=CourseDirectory(config=config), config=config)
    converter.force = True
    collect = _Collect()
    converter.log.addHandler(collect)
    try:
        converter.start()
    except Exception as exc:  # noqa: BLE001 - nbgrader raises after logging the cause
        return _explain(collect.records, exc)
    finally:
        converter.log.removeHandler(collect)
    return ""


def _explain(records: list[str], exc: Exception) -> str:
    text = "\n".join(records)
    if "NotJSONError" in text or "not valid JSON" in text:
        return "de notebook is beschadigd (geen geldige JSON)."
    if "Kernel died" in text or "DeadKernelError" in text:
        return "Python stopte al bij het starten."
    for line in reversed(records):
        if "Traceback" not in line and line.strip():
            return line.strip().splitlines()[-1][:300]
    return str(exc)[:300]


def grade(course: Course, assignment: str, *, learners: list[str] | None = None,
          again: bool = False, workers: int | None = None, timeout: int = 10,
          shielded: bool = True, progress: Callable[[str, str, int], None] = lambda *_: None
          ) -> GradingRun:
    """Autograde every (or the given) learner's submission of one assignment. `progress` is
    told (phase, learner, number of learners to do) after each step of each learner."""
    from .learners import course_learners
    from .rubric import keep_manual_marks

    if not course.released(assignment).is_file():
        raise CourseError(f"De opdracht {assignment} is nog niet uitgedeeld. Doe eerst "
                          f"'draaiboek cursus uitdelen {assignment}'.")
    known = {learner.id for learner in course_learners(course)}
    chosen = learners if learners is not None else sorted(known)
    for learner in chosen:
        if learner not in known:
            raise CourseError(f"De cursist '{learner}' staat niet in deze cursus.")
    run = GradingRun(assignment)
    todo = []
    for learner in chosen:
        if not course.submitted(learner, assignment).is_file():
            continue
        if again or needs_grading(course, assignment, learner):
            todo.append(learner)
        else:
            run.skipped.append(learner)
    for learner in todo:
        _repair_submission(course, assignment, learner)
    workers = workers or (os.cpu_count() or 2) + 1  # kernels also wait: one more than cores
    config = grading_config(course, timeout, shielded)
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    problems = {}
    # Step 1 runs in the workers; step 2 scores each learner as soon as it is executed.
    with _pool(workers) as pool:
        futures = [pool.submit(_execute_one, str(course.root), assignment, learner, timeout,
                               shielded) for learner in todo]
        for future in as_completed(futures):
            learner, _ = future.result()
            progress("uitgevoerd", learner, len(todo))
            problem = score_one(course, assignment, learner, config)
            if problem:
                problems[learner] = problem
            stored = Path(config.ShieldedExecute.store_folder) / assignment / f"{learner}.ipynb"
            stored.unlink(missing_ok=True)  # used once; learner data does not linger
            progress("nagekeken", learner, len(todo))
    keep_manual_marks(course, assignment)
    scores = auto_scores(course, assignment)
    for learner in todo:
        score, maximum = scores.get(learner, (None, None))
        run.outcomes.append(Outcome(learner, learner not in problems,
                                    problems.get(learner, ""), score, maximum))
    return run


def _repair_submission(course: Course, assignment: str, learner: str) -> None:
    """Submissions normally come in repaired by `intake`; one put in submitted/ by hand is
    repaired here. A file that is not JSON is left for nbgrader to report."""
    from .intake import repair

    path = course.submitted(learner, assignment)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        released = json.loads(course.released(assignment).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return
    if isinstance(notebook, dict) and isinstance(notebook.get("cells"), list) and \
            repair(notebook, released):
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")


def auto_scores(course: Course, assignment: str) -> dict[str, tuple[float, float]]:
    """learner → (automatic score, its maximum) for the knowledge checks."""
    with course.gradebook() as gb:
        return {s.student.id: (s.code_score, s.max_code_score)
                for s in gb.assignment_submissions(assignment)}
