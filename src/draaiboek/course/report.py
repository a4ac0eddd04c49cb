"""Export and report. The CSV for an LMS carries scores only — never a word of what a learner
wrote. The report (`export/rapport.html`, one self-contained file) shows every learner ×
every assignment, and each learner's progress over the chapters, as plots with the same
numbers in tables beside them (for screen readers and for printing)."""

from __future__ import annotations

import base64
import csv
import html
import io
from datetime import date
from pathlib import Path

from .coursedir import Course, CourseError
from .learners import course_learners
from .scores import all_scores

EXPORT = "export"


def _short(assignment: str) -> str:
    return assignment.split("-")[0]


def export_csv(course: Course, delimiter: str = ",") -> Path:
    """One row per learner, one column per assignment (score), then the total and maximum.
    Empty means: not handed in or not graded yet (so does `nbgrader export` in the course
    folder, see `nbexport.py`)."""
    scores = all_scores(course)
    if not scores:
        raise CourseError("Er is nog geen opdracht uitgedeeld, dus er zijn geen cijfers.")
    target = course.folder(EXPORT, "cijfers.csv")
    target.parent.mkdir(exist_ok=True)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    assignments = list(scores)
    maxima = {a: max((s.max_score for s in scores[a].values()), default=0) for a in assignments}
    writer.writerow(["id", "voornaam", "achternaam", "email",
                     *(_short(a) for a in assignments), "totaal", "maximum"])
    for learner in course_learners(course):
        row = [scores[a].get(learner.id) for a in assignments]
        done = [(a, s) for a, s in zip(assignments, row) if s is not None]
        writer.writerow([learner.id, learner.voornaam, learner.achternaam, learner.email,
                         *("" if s is None else f"{s.score:g}" for s in row),
                         f"{sum(s.score for _, s in done):g}",
                         f"{sum(maxima[a] for a, _ in done):g}"])
    # A byte-order mark: Excel in nl-BE/nl-NL then reads ë, ç and é right.
    target.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return target


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode()


def _plots(learners: list[str], assignments: list[str], grid: list[list[float | None]]
           ) -> tuple[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    values = np.array([[np.nan if v is None else v for v in row] for row in grid])
    short = [_short(a) for a in assignments]
    height = max(2.5, 0.32 * len(learners) + 1.2)
    fig, ax = plt.subplots(figsize=(max(5, 0.7 * len(short) + 2.5), height))
    cmap = matplotlib.colormaps["YlGn"].with_extremes(bad="#d9d9d9")
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(short)), short)
    ax.set_yticks(range(len(learners)), learners)
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            ax.text(j, i, "–" if value is None else f"{value:.0f}", ha="center", va="center",
                    fontsize=8, color="black" if value is None or value < 70 else "white")
    fig.colorbar(image, ax=ax, label="score (%)")
    ax.set_title("Score per cursist en opdracht (%); grijs = nog niets")
    overview = _png(fig)
    plt.close(fig)

    columns = min(4, max(1, len(learners)))
    rows = -(-len(learners) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.2 * rows), sharey=True,
                             squeeze=False)
    for k, learner in enumerate(learners):
        ax = axes[k // columns][k % columns]
        points = [(j, v) for j, v in enumerate(grid[k]) if v is not None]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", color="#0b5e55")
        ax.set_title(learner, fontsize=9)
        ax.set_ylim(0, 105)
        ax.set_xticks(range(len(short)), short, fontsize=7, rotation=90)
        ax.grid(alpha=0.3)
    for k in range(len(learners), rows * columns):
        axes[k // columns][k % columns].axis("off")
    fig.suptitle("Voortgang per cursist over de hoofdstukken (score in %)")
    fig.tight_layout()
    progress = _png(fig)
    plt.close(fig)
    return overview, progress


def write_report(course: Course) -> Path:
    scores = all_scores(course)
    if not scores:
        raise CourseError("Er is nog geen opdracht uitgedeeld, dus er is nog geen rapport.")
    learners = course_learners(course)
    assignments = list(scores)
    grid = [[scores[a][lr.id].percent if lr.id in scores[a] else None for a in assignments]
            for lr in learners]
    overview, progress = _plots([lr.id for lr in learners], assignments, grid)
    e = html.escape
    head = "".join(f"<th scope='col'>{e(_short(a))}</th>" for a in assignments)
    rows = []
    for learner, row in zip(learners, grid):
        cells = "".join("<td>–</td>" if v is None else f"<td>{v:.0f}%</td>" for v in row)
        open_work = sum(1 for a in assignments if learner.id in scores[a]
                        and not scores[a][learner.id].complete)
        rows.append(f"<tr><th scope='row'>{e(learner.id)} ({e(learner.naam)})</th>{cells}"
                    f"<td>{open_work or ''}</td></tr>")
    handed_in = [sum(1 for lr in learners if lr.id in scores[a]) for a in assignments]
    summary = "".join(f"<li>{e(a)}: {n} van {len(learners)} nagekeken</li>"
                      for a, n in zip(assignments, handed_in))
    page = f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport {e(course.groep)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem}}
table{{border-collapse:collapse}}th,td{{border:1px solid #8a8a8a;padding:.25rem .5rem}}
img{{max-width:100%;height:auto}}</style></head><body><main>
<h1>Rapport: {e(course.groep)}</h1>
<p>Regio {e(course.regio)} · {len(learners)} cursisten · gemaakt op {date.today():%d-%m-%Y}.
Alleen scores; geen tekst van cursisten.</p>
<ul>{summary}</ul>
<h2>Overzicht: cursisten × opdrachten</h2>
<img src="data:image/png;base64,{overview}" alt="Kleurenkaart met de score in procent van
elke cursist op elke opdracht; de tabel eronder geeft dezelfde cijfers.">
<table><caption>Score in procent ('–' = nog niet ingeleverd of nagekeken)</caption>
<thead><tr><th scope="col">Cursist</th>{head}<th scope="col">Nog te beoordelen</th></tr>
</thead><tbody>{''.join(rows)}</tbody></table>
<h2>Voortgang per cursist</h2>
<img src="data:image/png;base64,{progress}" alt="Per cursist een lijn met de score in
procent per hoofdstuk; de tabel hierboven geeft dezelfde cijfers.">
</main></body></html>"""
    target = course.folder(EXPORT, "rapport.html")
    target.parent.mkdir(exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
