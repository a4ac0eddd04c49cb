"""nbgrader's own `nbgrader export`, made to treat missing work as `draaiboek cursus
exporteer` does: an assignment a learner did not hand in (or that is not graded yet) has an
empty score, not 0. An LMS reads an empty cell as "no grade", so a late hand-in is not
recorded as a fail. The course's `nbgrader_config.py` selects this plugin."""

from __future__ import annotations

import csv
import io

from nbgrader.api import MissingEntry
from nbgrader.plugins import CsvExportPlugin


class BlankWhenMissing(CsvExportPlugin):
    """nbgrader's CSV export, with empty scores where nothing was handed in."""

    def export(self, gradebook):
        super().export(gradebook)
        dest = self.to or "grades.csv"
        with open(dest, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows:
            return
        for row in rows:
            try:
                gradebook.find_submission(row["assignment"], row["student_id"])
            except MissingEntry:
                for key in ("raw_score", "late_submission_penalty", "score"):
                    row[key] = ""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        with open(dest, "w", encoding="utf-8") as handle:
            handle.write(out.getvalue())
