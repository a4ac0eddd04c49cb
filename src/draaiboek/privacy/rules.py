"""The privacy screen's rules: one data file (`rules.yml`), one schema, one loader.

`rules_dict()` gives the rules as a plain, JSON-ready dict: the character-class placeholders
({L}, {Lu}, {Ll}) written out as explicit ranges, and (given a project) the names of the book's
own method cards and their originators added to the words that are no person. The Python
screen, a released notebook and the page's script all take this dict.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..problems import ContentError, problems_from_validation
from ..yamlfile import read_yaml

RULES_FILE = Path(__file__).with_name("rules.yml")
KINDS = ("telefoon", "e-mail", "iban", "rijksregisternummer", "bsn", "adres", "postcode",
         "geboortedatum", "naam")
CHECKS = ("iban", "rijksregisternummer", "bsn", "telefoon", "datum", "adres", "postcode_nl",
          "postcode_be")
# Scripts whose letters count as letters of a name: Latin (with all its accents), Greek,
# Cyrillic. Written out as ranges so Python's re and JavaScript read one and the same class.
_BLOCKS = ((0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x1E00, 0x1EFF))
# What a portable pattern may not use: Python and JavaScript read these differently.
_NOT_PORTABLE = re.compile(r"\\[bBwWdDsS]|\(\?<[=!]|\(\?P<|\(\?<[A-Za-z]")

Kind = Literal["telefoon", "e-mail", "iban", "rijksregisternummer", "bsn", "adres", "postcode",
               "geboortedatum", "naam"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindText(_Strict):
    label: str = Field(description="Wat het lijkt, na 'lijkt': 'een telefoonnummer'.")
    advies: str = Field(description="Wat de schrijver beter doet.")


class Identifier(_Strict):
    soort: Kind
    patroon: str = Field(description="Reguliere expressie (deel dat Python en JS gelijk lezen).")
    controle: Literal["iban", "rijksregisternummer", "bsn", "telefoon", "datum", "adres",
                      "postcode_nl", "postcode_be"] | None = None
    hoofdletters_negeren: bool = False

    @field_validator("patroon")
    @classmethod
    def _portable(cls, value: str) -> str:
        bad = _NOT_PORTABLE.search(value)
        if bad:
            raise ValueError(f"'{bad.group(0)}' leest Python anders dan JavaScript | Schrijf "
                             "een expliciete klasse, bv. [0-9] of [{L}].")
        try:
            re.compile(_expand(value))
        except re.error as exc:
            raise ValueError(f"het patroon is geen geldige reguliere expressie ({exc}) | "
                             "Kijk haakjes en tekens na.") from None
        return value


class Birth(_Strict):
    woorden: list[str] = Field(min_length=1)
    tekens_voor: int = Field(ge=0, le=200)
    tekens_na: int = Field(ge=0, le=200)
    oud_jaren: int = Field(ge=1, le=120)


class Names(_Strict):
    titels: list[str]
    deeltjes: list[str]
    auteurs: list[str]
    geen_namen: list[str]
    plaatsen: list[str]
    plaats_voorzetsels: list[str]
    openers: list[str]
    opener_uitgangen: list[str]
    straat_uitgangen: list[str]
    inversie: list[str]


class PrivacyRules(_Strict):
    """The rules file of the privacy screen."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Privacyregels")

    versie: Literal[1]
    soorten: dict[Kind, KindText]
    identificatoren: list[Identifier] = Field(min_length=1)
    adres_niet_voor: list[str]
    geboorte: Birth
    bsn_woorden: list[str]
    namen: Names

    @field_validator("soorten")
    @classmethod
    def _every_kind(cls, value: dict) -> dict:
        missing = [k for k in KINDS if k not in value]
        if missing:
            raise ValueError(f"de soort '{missing[0]}' ontbreekt | Geef elke soort een label "
                             "en een advies.")
        return value


def _ranges(keep) -> str:
    """A character class body (no brackets) of the letters in _BLOCKS that `keep` accepts."""
    points = [cp for lo, hi in _BLOCKS for cp in range(lo, hi + 1)
              if keep(unicodedata.category(chr(cp)))]
    parts, run = [], [points[0], points[0]]
    for cp in points[1:]:
        if cp == run[1] + 1:
            run[1] = cp
        else:
            parts.append(tuple(run))
            run = [cp, cp]
    parts.append(tuple(run))

    def char(cp: int) -> str:
        c = chr(cp)
        return c if c.isascii() and c.isalnum() else f"\\u{cp:04X}"

    return "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in parts)


@lru_cache(maxsize=1)
def letter_classes() -> dict[str, str]:
    return {
        "letter": _ranges(lambda cat: cat.startswith("L")),
        "hoofdletter": _ranges(lambda cat: cat in ("Lu", "Lt")),
        "kleine_letter": _ranges(lambda cat: cat == "Ll"),
    }


def _expand(pattern: str) -> str:
    classes = letter_classes()
    return (pattern.replace("{Lu}", classes["hoofdletter"])
            .replace("{Ll}", classes["kleine_letter"]).replace("{L}", classes["letter"]))


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_FILE) -> PrivacyRules:
    """The validated rules file; a bad file gives one Dutch message per problem."""
    name = path.name
    doc = read_yaml(path.read_text(encoding="utf-8"), name)
    try:
        return PrivacyRules.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError(problems_from_validation(exc, name, doc.line_of, PrivacyRules)) \
            from None


_PARTICLES = {"van", "de", "der", "den", "von", "ten", "ter", "du", "la", "le"}


def _capitalised_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words, with name particles between them: 'Rob van Pagée'."""
    runs: list[list[str]] = []
    current: list[str] = []
    pending: list[str] = []
    for word in re.findall(r"[^\W\d_][\w'’-]*", text):
        if word[0].isupper():
            current += pending + [word] if current else [word]
            pending = []
        elif current and word in _PARTICLES:
            pending.append(word)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return runs


def card_names(root: Path, region: str | None = None) -> list[str]:
    """Words and phrases of the book's own method cards that are no person: each card's title
    (and its capitalised words), and the people and bodies named as its origin."""
    from ..cards.catalogue import load_cards

    found: set[str] = set()
    for card in load_cards(root, region):
        title = re.sub(r"\{\{.*?\}\}", " ", card.fields.titel)
        for part in re.split(r"[:()\[\],;–]", title):
            words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", part)]
            if len(words) > 1:
                found.add(" ".join(words))
            found |= {w for w in words if w[0].isupper()}
        for chunk in re.split(r"[,;()]| en ", card.fields.herkomst.wie):
            for words in _capitalised_runs(chunk):
                if len(words) > 1:
                    found.add(" ".join(words))
                found.add(words[-1])  # the surname; a first name alone stays a name
    return sorted(found)


def rules_dict(root: Path | None = None, region: str | None = None,
               path: Path = RULES_FILE) -> dict:
    """The rules as a JSON-ready dict for the screen (Python, notebook and page). With a
    project root, the book's own method-card names join the words that are no person."""
    rules = load_rules(path).model_dump(mode="json")
    for ident in rules["identificatoren"]:
        ident["patroon"] = _expand(ident["patroon"])
    rules["tekens"] = dict(letter_classes())
    if root is not None:
        extra = [w for w in card_names(root, region) if w not in rules["namen"]["geen_namen"]]
        rules["namen"]["geen_namen"] = rules["namen"]["geen_namen"] + extra
    return rules
