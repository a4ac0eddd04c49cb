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


def _choice_block(qid: str, right: int, long_right: bool) -> str:
    """A self-check with four answers; the right one at index `right`, the longest or not."""
    lines = [f"id: {qid}", "vraag: Je komt binnen en ziet een stapel post. Wat doe je?", "keuzes:"]
    for i in range(4):
        if i == right:
            text = "Je opent de post samen en kijkt wat dringend is." if long_right else "Samen openen."
        else:
            text = f"Fout antwoord {i}, even lang als de rest."
        lines += [f"  - tekst: {text}", f"    juist: {'true' if i == right else 'false'}",
                  "    uitleg: Omdat het zo zit."]
    return "\n".join(lines) + "\n"


def _bias(tmp_path: Path, specs: list[tuple[int, bool]]) -> list[str]:
    path = tmp_path / "book" / "h09-x.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(page(*(_choice_block(f"h09-{n}", r, lng) for n, (r, lng) in
                           enumerate(specs, 1))), encoding="utf-8")
    return [f"{p.message} {p.fix}" for p in check_selfchecks([path], tmp_path)]


def test_bias_check_passes_a_balanced_chapter(tmp_path: Path) -> None:
    assert _bias(tmp_path, [(0, True), (1, False), (2, False), (3, False), (1, False),
                            (2, False)]) == []


def test_bias_check_flags_the_longest_answer(tmp_path: Path) -> None:
    problems = _bias(tmp_path, [(0, True), (1, True), (2, True), (3, False), (1, False),
                                (2, False)])
    assert len(problems) == 1
    assert "het langste in 3 van de 6 vragen (h09-1, h09-2, h09-3)" in problems[0]
    assert "hoogstens een derde" in problems[0]


def test_bias_check_flags_one_position(tmp_path: Path) -> None:
    problems = _bias(tmp_path, [(1, False), (1, False), (1, False), (1, False), (0, False),
                                (2, False)])
    assert len(problems) == 1
    assert "in 4 van de 6 vragen op plaats B" in problems[0]
    assert "A, B, C en D" in problems[0]


def test_bias_ignores_ties_and_term_markup() -> None:
    from draaiboek.questionbias import Question

    assert not Question("q", "?", ("abcd", "abcd", "ab"), 0).correct_is_longest
    assert Question("q", "?", ("abcde", "abcd", "ab"), 0).correct_is_longest
    # {{ coach }} counts as the word, not as the markup around it
    assert not Question("q", "?", ("{{ coach }}", "coachx"), 0).correct_is_longest


def test_exercise_bias_names_the_file(project: Path) -> None:
    import re

    from draaiboek.exercises.check import check_exercises

    path = project / "exercises" / "h01-thuiscompagnie-in-een-notendop.yml"
    text = re.sub(r"juist: [A-D]", "juist: A", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    messages = [p for p in check_exercises(project) if "plaats A" in p.message]
    assert len(messages) == 1
    assert messages[0].file == "exercises/h01-thuiscompagnie-in-een-notendop.yml"
    assert "kennisvragen van hoofdstuk 1" in messages[0].message
