"""The scenario format of a case simulation (one YAML file per case in `cases/`).

Dutch keys, one schema. Conditions are written as short texts (`vertrouwen >= 5`,
`gekozen samen-opruimen`, `niet gekozen zelf-bellen`) and parsed here into data, so that
the Python engine and the JavaScript player evaluate exactly the same thing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_COMPARE = re.compile(r"^(?P<indicator>[a-z_]+)\s*(?P<op><=|>=|==|!=|<|>)\s*(?P<value>-?\d+)$")
_CHOSEN = re.compile(r"^(?P<negate>niet\s+)?gekozen\s+(?P<choice>[a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(frozen=True)
class Condition:
    """Either a comparison of an indicator with a number, or whether a choice was made."""

    indicator: str | None = None
    op: str | None = None
    value: int | None = None
    choice: str | None = None
    negate: bool = False

    def as_json(self) -> dict:
        if self.choice is not None:
            return {"gekozen": self.choice, "niet": self.negate}
        return {"indicator": self.indicator, "op": self.op, "waarde": self.value}


@lru_cache(maxsize=None)
def parse_condition(text: str) -> Condition:
    text = " ".join(text.split())
    match = _COMPARE.match(text)
    if match:
        return Condition(match["indicator"], match["op"], int(match["value"]))
    match = _CHOSEN.match(text)
    if match:
        return Condition(choice=match["choice"], negate=bool(match["negate"]))
    raise ValueError(
        f"de voorwaarde '{text}' begrijp ik niet | Schrijf bv. 'vertrouwen >= 5', "
        "'gekozen samen-koken' of 'niet gekozen zelf-bellen'."
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Conditional(_Strict):
    als: list[str] = Field(default_factory=list, description="Voorwaarden (allemaal waar).")

    @field_validator("als")
    @classmethod
    def _conditions_parse(cls, value: list[str]) -> list[str]:
        for text in value:
            parse_condition(text)
        return value

    @property
    def conditions(self) -> list[Condition]:
        return [parse_condition(text) for text in self.als]


class Indicator(_Strict):
    naam: str = Field(description="Naam zoals de speler die ziet, bv. Vertrouwen.")
    uitleg: str = Field("", description="Wat de indicator meet.")
    start: int
    min: int = 0
    max: int = 10
    richting: Literal["hoger-is-beter", "lager-is-beter"] = "hoger-is-beter"

    @model_validator(mode="after")
    def _start_within_bounds(self) -> "Indicator":
        if not self.min <= self.start <= self.max:
            raise ValueError(f"de startwaarde {self.start} ligt niet tussen {self.min} en "
                             f"{self.max} | Kies een start binnen min en max.")
        return self


class Member(_Strict):
    naam: str
    rol: str
    leeftijd: int | None = None
    over: str = ""


class Family(_Strict):
    naam: str
    leden: list[Member] = Field(min_length=1)
    krachten: list[str] = Field(min_length=1)
    netwerk: list[str] = Field(default_factory=list)


class Choice(_Conditional):
    id: str = Field(pattern=ID, description="Vaste naam van de keuze, uniek in de casus.")
    tekst: str
    naar: str = Field(description="De scène waar deze keuze naartoe leidt.")
    effecten: dict[str, int] = Field(default_factory=dict)
    feedback: str = Field(min_length=1, description="Wat de keuze doet, en waarom.")
    principe: str = Field(min_length=1, description="Het principe achter de feedback.")
    kaart: str | None = Field(None, description="Id van de methodekaart die erbij hoort.")


class Route(_Conditional):
    naar: str


class Ending(_Strict):
    titel: str
    soort: Literal["sterk", "gemengd", "moeilijk"]
    debrief: str = Field(min_length=1)


class TwineMap(_Strict):
    """Where a passage stands on Twine's story map, so the author's map survives export
    and import (written by `draaiboek casus importeer`; leave it out to let the export
    lay the map out by visit)."""

    positie: list[int | float] = Field(min_length=2, max_length=2,
                                       description="x en y van de passage op de kaart.")
    grootte: list[int | float] | None = Field(None, min_length=2, max_length=2,
                                              description="Breedte en hoogte (standaard "
                                              "100, 100).")

    @field_validator("grootte")
    @classmethod
    def _positive(cls, value: list | None) -> list | None:
        if value is not None and min(value) <= 0:
            raise ValueError("een grootte is groter dan 0 | Schrijf bv. [200, 100].")
        return value


class Scene(_Strict):
    bezoek: int = Field(ge=1, description="Het hoeveelste huisbezoek.")
    titel: str
    tekst: str
    keuzes: list[Choice] = Field(default_factory=list)
    verder: list[Route] = Field(default_factory=list)
    einde: Ending | None = None
    twine: TwineMap | None = Field(None, description="Plaats op de kaart van Twine.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Scene":
        kinds = sum(bool(x) for x in (self.keuzes, self.verder, self.einde))
        if kinds != 1:
            raise ValueError("een scène heeft ofwel keuzes, ofwel verder, ofwel einde | "
                             "Geef de scène precies één van die drie.")
        return self


class TrainerGuide(_Strict):
    doel: str
    verloop: list[str] = Field(min_length=1)
    bespreekvragen: list[str] = Field(min_length=3)
    valkuilen: list[str] = Field(default_factory=list)


class Case(_Strict):
    """A whole case simulation."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Casus")

    titel: str
    samenvatting: str
    gezin: Family
    hoofdstukken: list[int] = Field(min_length=1)
    kaarten: list[str] = Field(default_factory=list)
    indicatoren: dict[str, Indicator] = Field(min_length=1)
    start: str
    scenes: dict[str, Scene] = Field(min_length=1)
    trainer: TrainerGuide
    twine: TwineMap | None = Field(None, description="Plaats van de passage Casus in Twine.")

    @field_validator("scenes")
    @classmethod
    def _scene_ids(cls, value: dict[str, Scene]) -> dict[str, Scene]:
        for key in value:
            if not re.match(ID, key):
                raise ValueError(f"de scène-id '{key}' is ongeldig | Gebruik kleine letters, "
                                 "cijfers en streepjes.")
        return value

    def choice(self, choice_id: str) -> Choice:
        for scene in self.scenes.values():
            for choice in scene.keuzes:
                if choice.id == choice_id:
                    return choice
        raise KeyError(choice_id)

    @property
    def endings(self) -> dict[str, Scene]:
        return {sid: s for sid, s in self.scenes.items() if s.einde is not None}
