"""The reflection models and the other rules of the formative checks. Standard library
only: this module is also embedded in every exercise notebook."""

from __future__ import annotations

import re

MODELS = {
    "starr": ("STARR", ["Situatie", "Taak", "Actie", "Resultaat", "Reflectie"]),
    "korthagen": ("het reflectiemodel van Korthagen (ALACT)",
                  ["Handelen", "Terugblikken", "Bewustwording", "Alternatieven", "Uitproberen"]),
    "gibbs": ("de reflectiecyclus van Gibbs",
              ["Beschrijving", "Gevoelens", "Evaluatie", "Analyse", "Conclusie", "Actieplan"]),
}


def steps_covered(answer: str, model: str) -> dict[str, int]:
    """Words written under each step heading of the model."""
    _, steps = MODELS[model]
    found = {m["step"].strip(): len(re.findall(r"\w+", m["text"])) for m in _STEP.finditer(answer)}
    return {step: found.get(step, 0) for step in steps}


_STEP = re.compile(r"^\*\*(?P<step>[^*:]+):\*\*(?P<text>.*?)(?=^\*\*[^*:]+:\*\*|\Z)",
                   re.MULTILINE | re.DOTALL)
