"""The command line in Dutch without a course: the catalogue for click's own texts is complete
and compiled, plural forms, the j/N question, Dutch placeholders."""

from __future__ import annotations

import gettext
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import click
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from draaiboek.dutch import LOCALE, ask, bind, plural

CATALOGUE = LOCALE / "nl" / "LC_MESSAGES"


def test_every_click_message_has_a_dutch_translation() -> None:
    with open(CATALOGUE / "messages.po", "rb") as source:
        catalogue = read_po(source, locale="nl")
    ours = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    untranslated = [m.id for m in catalogue if m.id and not all(
        m.string if isinstance(m.string, tuple) else [m.string])]
    assert not untranslated
    clicks = {(m[2] if isinstance(m[2], str) else m[2][0])
              for m in extract_from_dir(os.path.dirname(click.__file__))}
    missing = sorted(m for m in clicks - ours if len(m) > 1)
    assert not missing, f"new click texts to translate: {missing}"


def test_the_compiled_catalogue_is_current() -> None:
    with open(CATALOGUE / "messages.po", "rb") as source:
        catalogue = read_po(source, locale="nl")
    fresh = io.BytesIO()
    write_mo(fresh, catalogue)
    fresh.seek(0)
    current = gettext.GNUTranslations(fresh)
    with open(CATALOGUE / "messages.mo", "rb") as shipped:
        installed = gettext.GNUTranslations(shipped)
    drop_header = lambda catalog: {k: v for k, v in catalog.items() if k != ""}  # noqa: E731
    assert drop_header(current._catalog) == drop_header(installed._catalog), \
        "run: PYTHONPATH=src .venv/bin/python -m draaiboek.dutch"


def test_plural_forms() -> None:
    assert plural(1, "probleem", "problemen") == "1 probleem"
    assert plural(2, "probleem", "problemen") == "2 problemen"
    assert plural(0, "bestand", "bestanden") == "0 bestanden"


def test_the_yes_no_question_takes_dutch_answers() -> None:
    bind()

    @click.command()
    def question() -> None:
        click.echo("ja" if ask("Doorgaan?") else "nee")

    runner = CliRunner()
    for typed, expected in (("j\n", "ja"), ("ja\n", "ja"), ("nee\n", "nee"), ("\n", "nee"),
                            ("misschien\nJ\n", "ja")):
        result = runner.invoke(question, input=typed)
        assert result.output.strip().endswith(expected), result.output
        assert "[j/N]" in result.output
    assert "Antwoord met j (ja) of n (nee)." in runner.invoke(question,
                                                              input="x\nn\n").output


def test_command_line_help_and_errors_in_dutch(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "draaiboek", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": ""})

    for args in (["--help"], ["cursus", "--help"], ["cursus", "nakijken", "--help"]):
        result = run(*args)
        assert result.returncode == 0
        assert "Gebruik:" in result.stdout and "Opties:" in result.stdout
        assert not re.search(r"\b(Usage|Options|Show this message|TEXT|PATH|INTEGER)\b",
                             result.stdout), result.stdout
    assert "[standaard: 10; 1<=x<=600]" in run("cursus", "nakijken", "--help").stdout
    bad = run("cursus", "beoordelen", "h01", "--per", "leerling")
    assert bad.returncode == 2
    assert "Fout: Ongeldige waarde voor '--per': 'leerling' kan niet; kies een van " \
           "'vraag', 'cursist'." in bad.stderr
    unknown = run("cursus", "nakijkn")
    assert "Het commando 'nakijkn' bestaat niet." in unknown.stderr
    assert "Bedoel je" in unknown.stderr
    nowhere = run("cursus", "overzicht")
    assert nowhere.returncode == 1 and str(tmp_path) in nowhere.stderr
    assert "staat geen cursus" in nowhere.stderr and "Traceback" not in nowhere.stderr


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, path + (name,))


def test_every_command_help_is_dutch() -> None:
    """Every command and sub-command, not only the ones a test happens to call: a group made
    with plain click.group() shows '[OPTIONS] COMMAND [ARGS]' again."""
    from draaiboek.cli import cli

    bind()
    runner = CliRunner()
    checked = 0
    for path, _ in _commands(cli):
        result = runner.invoke(cli, [*path, "--help"], prog_name="draaiboek")
        assert result.exit_code == 0, (path, result.output)
        assert "Gebruik:" in result.output, (path, result.output)
        assert not re.search(r"\b(Usage|Options|Commands|OPTIONS|COMMAND|ARGS|Show this "
                             r"message|TEXT|PATH|INTEGER|FILENAME)\b", result.output), \
            (path, result.output)
        checked += 1
    assert checked >= 25
