"""The exercise format authors write (`exercises/<chapter>.yml`): one pydantic schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    punten: int = Field(ge=0)
    beschrijving: str


class Criterion(_Strict):
    criterium: str
    niveaus: list[Level] = Field(min_length=2)

    @property
    def maximum(self) -> int:
        return max(level.punten for level in self.niveaus)


class _Rubric(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*$")
    vraag: str
    min_woorden: int = Field(50, ge=0)
    punten: int = Field(ge=1)
    rubriek: list[Criterion] = Field(min_length=3)
    voorbeeld: str = Field(min_length=1, description="een voorbeeldantwoord voor zelfstudie")

    @model_validator(mode="after")
    def _points_match_rubric(self):
        total = sum(c.maximum for c in self.rubriek)
        if total != self.punten:
            raise ValueError(f"de rubriek telt op tot {total} punten, maar punten is "
                             f"{self.punten} | Maak punten gelijk aan de som van het hoogste "
                             "niveau van elk criterium.")
        return self


class Reflection(_Rubric):
    titel: str
    model: Literal["vijf-vragen", "starr", "korthagen", "gibbs"]


class CaseQuestion(_Rubric):
    casus: str


class KnowledgeCheck(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*$")
    vraag: str
    keuzes: dict[Literal["A", "B", "C", "D"], str] = Field(min_length=3, max_length=4)
    juist: Literal["A", "B", "C", "D"]
    uitleg: str
    punten: int = Field(1, ge=1)

    @model_validator(mode="after")
    def _answer_is_a_choice(self):
        letters = list(self.keuzes)
        if letters != sorted(letters) or letters[0] != "A":
            raise ValueError("de keuzes moeten A, B, C (en D) heten, in die volgorde | "
                             "Schrijf de keuzes als A:, B:, C:.")
        if self.juist not in self.keuzes:
            raise ValueError(f"het juiste antwoord {self.juist} is geen van de keuzes | "
                             "Kies een letter die bij de keuzes staat.")
        return self


class Exercise(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, title="Oefening")

    titel: str
    hoofdstuk: int = Field(ge=1, le=11)
    inleiding: str
    kennisvragen: list[KnowledgeCheck] = Field(min_length=4)
    reflecties: list[Reflection] = Field(min_length=2)
    casusvragen: list[CaseQuestion] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self):
        ids = [k.id for k in self.kennisvragen] + [r.id for r in self.reflecties]
        ids += [c.id for c in self.casusvragen]
        double = sorted({i for i in ids if ids.count(i) > 1})
        if double:
            raise ValueError(f"de id '{double[0]}' komt twee keer voor | Geef elke vraag "
                             "een eigen id (k1, k2, r1, r2, c1, c2).")
        return self

    @property
    def total_points(self) -> int:
        return (sum(k.punten for k in self.kennisvragen) + sum(r.punten for r in self.reflecties)
                + sum(c.punten for c in self.casusvragen))

    @property
    def written_parts(self) -> list[Reflection | CaseQuestion]:
        """The rubric-graded questions in page and notebook order: reflections, then the
        case questions."""
        return [*self.reflecties, *self.casusvragen]


# --- the rules of the formative checks (rules.json) ---------------------------------------

class Step(_Strict):
    kop: str = Field(min_length=1)
    hint: str = Field(min_length=1)
    trefwoorden: list[str] = Field(min_length=1)


class ReflectionModel(_Strict):
    naam: str
    uitleg: str  # where the book explains the model, e.g. "hoofdstuk 8"
    vanaf_hoofdstuk: int = Field(ge=1, le=11)  # the first chapter whose exercise may ask for it
    stappen: list[Step] = Field(min_length=2)


class AnswerRules(_Strict):
    onbeantwoord: str
    vulwoorden: list[str]
    aanhalingstekens: str
    berichten: dict[Literal["ingevuld", "leeg", "twee_letters", "geen_keuze", "geen_letter",
                            "geen_regel"], str]
    of: str


class Rules(_Strict):
    """`src/draaiboek/exercises/rules.json`: read by the Python checks, embedded in every
    notebook and handed to the page's script."""
    versie: int
    modellen: dict[str, ReflectionModel]
    min_woorden_per_stap: int = Field(ge=1)
    casus_sjabloon: str
    sjabloonregels: list[str]
    markeerregels: list[str]  # nbgrader's marker lines, e.g. '### BEGIN '
    berichten: dict[Literal["stappen_ontbreken", "stappen_klaar", "te_kort", "lang_genoeg",
                            "leeg"], str]
    antwoord: AnswerRules

    @model_validator(mode="after")
    def _models_match_the_schema(self):
        allowed = set(Reflection.model_fields["model"].annotation.__args__)
        if set(self.modellen) != allowed:
            raise ValueError(f"modellen moet precies {sorted(allowed)} bevatten")
        return self
