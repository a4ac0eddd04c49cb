"""Case simulations: the scenario format (schema), loading with line numbers (loader),
story checks (validator), playing (engine), analysis, Twee 3 import/export (twee), and the
players: `widget` (Jupyter), `terminal` (command line) and static/casus.js (the book)."""

from .engine import PlayState, choose, finished, options, play, start
from .loader import CASES_FOLDER, LoadedCase, check_cases, load_cases, parse_case
from .schema import Case

__all__ = [
    "CASES_FOLDER", "Case", "LoadedCase", "PlayState", "check_cases", "choose", "finished",
    "load_cases", "options", "parse_case", "play", "start",
]
