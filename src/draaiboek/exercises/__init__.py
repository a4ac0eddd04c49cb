"""Graded exercises, one module per piece:

- `schema` — the format authors write (`exercises/<chapter>.yml`);
- `loader` — reading and validating those files (nothing else reads them);
- `notebook` — the compiler to the nbgrader source notebook;
- `check` — `draaiboek check` for exercises;
- `answers` — the one parser of a knowledge check's answer line;
- `rules` — the reflection models and other rules of the formative checks;
- `formative` — the formative checks (steps, length, privacy);
- `runtime` — what a notebook calls (`kennisvraag`, `zelfcontrole`).

Imports flow one way: rules, answers → formative → runtime; schema → loader → notebook → check.
"""
