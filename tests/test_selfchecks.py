"""Self-check blocks: extraction from pages, schema, and Dutch errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from draaiboek.problems import ContentError
from draaiboek.selfchecks import check_selfchecks, parse_selfcheck, selfcheck_blocks

GOOD = """id: t-1
vraag: Wat doe je eerst?
keuzes:
  - tekst: Luisteren.
    juist: true
    uitleg: Zo leer je het gezin kennen.
  - tekst: Opruimen.
    juist: false
    uitleg: Dan neem je het over.
"""


def page(*bodies: str) -> str:
    parts = ["# Titel", "", "Tekst."]
    for body in bodies:
        parts += ["", "```{zelftoets}", body.rstrip("\n"), "```"]
    return "\n".join(parts) + "\n"


def test_blocks_are_found_with_their_first_line() -> None:
    blocks = selfcheck_blocks(page(GOOD, GOOD.replace("t-1", "t-2")), "book/x.md")
    assert [b.first_line for b in blocks] == [6, 18]
    assert parse_selfcheck(blocks[1].body, "book/x.md", blocks[1].first_line).id == "t-2"


def test_a_valid_check_parses() -> None:
    check = parse_selfcheck(GOOD, "book/x.md")
    assert check.id == "t-1" and [c.juist for c in check.keuzes] == [True, False]


@pytest.mark.parametrize(
    "body, line, words",
    [
        (GOOD.replace("juist: false", "juist: true"), 1, ["2 juiste antwoorden"]),
        (GOOD.replace("    uitleg: Dan neem je het over.\n", ""), 7, ["'uitleg' ontbreekt"]),
        (GOOD.replace("vraag:", "vrag:"), 2, ["onbekend veld 'vrag'", "Bedoel je 'vraag'?"]),
        (GOOD.replace("id: t-1", "id: T 1"), 1, ["kleine letters"]),
        (GOOD.replace("juist: false", "juist: misschien"), 8, ["geen ja of nee"]),
        (GOOD.replace("  - tekst: Opruimen.", "  - tekst: Opruimen: nu"), 7, ["YAML-opmaak"]),
    ],
)
def test_bad_checks_name_line_and_fix(body: str, line: int, words: list[str]) -> None:
    with pytest.raises(ContentError) as caught:
        parse_selfcheck(body, "book/x.md", first_line=1)
    problem = next(p for p in caught.value.problems if words[0] in str(p))
    assert problem.file == "book/x.md"
    assert problem.line == line, str(problem)
    for word in words:
        assert word in str(problem)


def test_duplicate_ids_across_pages(tmp_path: Path) -> None:
    (tmp_path / "book").mkdir()
    a, b = tmp_path / "book" / "a.md", tmp_path / "book" / "b.md"
    a.write_text(page(GOOD), encoding="utf-8")
    b.write_text(page(GOOD), encoding="utf-8")
    problems = check_selfchecks([a, b], tmp_path)
    assert len(problems) == 1
    assert problems[0].file == "book/b.md" and problems[0].line == 6
    assert "al gebruikt (book/a.md, regel 6)" in problems[0].message
