"""Self-check questions ("zelftoetsen"): schema, loading from pages, and checks.

A self-check is written inside a chapter page as a fenced block whose body is YAML:

    ```{zelftoets}
    id: h01-1
    vraag: Wat betekent 'samen doen'?
    keuzes:
      - tekst: ...
        juist: true
        uitleg: ...
    ```

The Sphinx directive, the Jupyter player and `draaiboek check` all read it through
`parse_selfcheck`, so there is one schema and one set of error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .problems import ContentError, Problem, display_path
from .questionbias import Question, bias_problems
from .yamlfile import validate_yaml
from .textfile import read_text

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Opening fence of a zelftoets block: ```{zelftoets} or ~~~{zelftoets}, three or more marks.
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\{zelftoets\}\s*$")


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    tekst: str = Field(description="Het antwoord zoals de lezer het ziet.")
    juist: bool = Field(description="true voor het juiste antwoord, anders false.")
    uitleg: str = Field(description="Waarom dit antwoord juist of niet juist is.")

    @field_validator("uitleg")
    @classmethod
    def _no_verdict(cls, value: str) -> str:
        if re.match(r"^\W*(juist|niet juist|fout|goed zo)\b", value, re.IGNORECASE):
            raise ValueError(
                "begin de uitleg niet met 'Juist' of 'Niet juist' | Het boek zet dat er zelf "
                "voor; begin meteen met de reden."
            )
        return value


class SelfCheck(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, description="Vaste naam, bv. h01-1 (uniek in het boek).")
    vraag: str = Field(description="De vraag.")
    keuzes: list[Choice] = Field(min_length=2, max_length=6, description="2 tot 6 antwoorden.")

    @model_validator(mode="after")
    def _one_right_answer(self) -> "SelfCheck":
        right = sum(choice.juist for choice in self.keuzes)
        if right != 1:
            raise ValueError(
                f"er zijn {right} juiste antwoorden; er moet er precies één zijn | "
                "Zet 'juist: true' bij één antwoord en 'juist: false' bij de andere."
            )
        return self


def parse_selfcheck(text: str, file: str, first_line: int = 1) -> SelfCheck:
    """Validate the YAML body of one zelftoets block; ContentError names file and line."""
    try:
        check, _ = validate_yaml(text, file, SelfCheck, "een zelftoets bevat velden: id, vraag "
                                 "en keuzes", first_line=first_line)
    except ContentError as exc:
        raise ContentError([
            Problem(p.file, "de id mag alleen kleine letters, cijfers en streepjes bevatten.",
                    "Schrijf bijvoorbeeld id: h01-3.", p.line, p.place)
            if p.place == "id" and "ongeldige waarde" in p.message else p
            for p in exc.problems
        ]) from None
    return check


@dataclass(frozen=True)
class SelfCheckBlock:
    """The raw YAML body of a zelftoets block and where it stands."""

    body: str
    file: str
    first_line: int


def selfcheck_blocks(text: str, file: str) -> list[SelfCheckBlock]:
    """Find the zelftoets blocks in a MyST page."""
    lines = text.splitlines()
    blocks, index = [], 0
    while index < len(lines):
        match = _FENCE.match(lines[index].strip())
        if not match:
            index += 1
            continue
        fence = match.group("fence")
        start = index + 1
        end = start
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        blocks.append(SelfCheckBlock("\n".join(lines[start:end]), file, start + 1))
        index = end + 1
    return blocks


def selfchecks_in_page(path: Path, root: Path) -> list[SelfCheck]:
    """All self-checks of one page, in order (raises ContentError on the first bad one)."""
    name = display_path(path, root)
    text = read_text(path, name)
    return [parse_selfcheck(b.body, b.file, b.first_line) for b in selfcheck_blocks(text, name)]


def check_selfchecks(pages: list[Path], root: Path) -> list[Problem]:
    """Every self-check in the pages is valid, and every id is used once."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in pages:
        name = display_path(path, root)
        valid: list[SelfCheck] = []
        try:
            text = read_text(path, name)
        except ContentError as exc:
            problems += exc.problems
            continue
        for block in selfcheck_blocks(text, name):
            try:
                check = parse_selfcheck(block.body, block.file, block.first_line)
            except ContentError as exc:
                problems += exc.problems
                continue
            valid.append(check)
            where = f"{name}, regel {block.first_line}"
            if check.id in seen:
                problems.append(
                    Problem(
                        name,
                        f"de id '{check.id}' wordt al gebruikt ({seen[check.id]}).",
                        "Geef elke zelftoets een eigen id, bv. h01-1, h01-2, ...",
                        block.first_line,
                        "id",
                    )
                )
            else:
                seen[check.id] = where
        problems += bias_problems(name, f"de zelftoetsen van {path.stem}",
                                  [as_question(check) for check in valid])
    return problems


def as_question(check: SelfCheck) -> Question:
    """A self-check as the answer-bias measures see it (author's order)."""
    return Question(check.id, check.vraag, tuple(c.tekst for c in check.keuzes),
                    next(i for i, c in enumerate(check.keuzes) if c.juist))
