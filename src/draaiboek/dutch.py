"""The command line in Dutch: click's own texts (help, usage, errors, prompts) through a
gettext catalogue, Dutch plural forms, a yes/no question that takes 'j' and 'nee', and the
way to write a command so that it runs as printed.

click 8 translates with `gettext.gettext`, i.e. the global domain "messages" (research notes
§7), so `bind()` points that domain at `locale/` in this package and sets `LANGUAGE=nl`. It
must run before click builds a help option or a message: `cli.main()` calls it first."""

from __future__ import annotations

import gettext
import os
import shutil
import sys
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"
METAVARS = {"TEXT": "TEKST", "PATH": "PAD", "FILE": "BESTAND", "DIRECTORY": "MAP",
            "INTEGER": "GETAL", "INTEGER RANGE": "GETAL", "FLOAT": "GETAL",
            "FLOAT RANGE": "GETAL", "BOOLEAN": "JA|NEE"}
YES, NO = ("j", "ja", "y", "yes"), ("n", "nee", "no")


def bind() -> None:
    os.environ["LANGUAGE"] = "nl"  # children (nbgrader, jupyter) inherit it
    gettext.bindtextdomain("messages", str(LOCALE))
    gettext.textdomain("messages")


def plural(count: int, one: str, many: str) -> str:
    """'1 probleem', '2 problemen', '0 problemen'."""
    return f"{count} {one if count == 1 else many}"


def ask(question: str, default: bool = False) -> bool:
    """A yes/no question with Dutch answers: [j/N] or [J/n]; j, ja, n, nee (and y/yes/no)."""
    import click

    hint = "[J/n]" if default else "[j/N]"
    while True:
        answer = click.prompt(f"{question} {hint}", default="", show_default=False,
                              prompt_suffix=" ").strip().lower()
        if not answer:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        click.echo("Antwoord met j (ja) of n (nee).", err=True)


def program() -> str:
    """How to call `draaiboek` so that a printed command runs as printed: plain `draaiboek`
    when that is on PATH and is this one, else the path of the one running now (relative to
    the current folder when it is below it, like `.venv/bin/draaiboek`)."""
    here = Path(sys.executable).parent / "draaiboek"
    found = shutil.which("draaiboek")
    if found and here.exists() and Path(found).resolve() == here.resolve():
        return "draaiboek"
    if not here.exists():
        return f"{sys.executable} -m draaiboek"
    try:
        return str(here.relative_to(Path.cwd()))
    except ValueError:
        return str(here)


def compile_catalogue() -> Path:
    """Compile locale/nl/LC_MESSAGES/messages.po to messages.mo (after editing the .po)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = LOCALE / "nl" / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as source:
        catalogue = read_po(source, locale="nl")
    with open(folder / "messages.mo", "wb") as target:
        write_mo(target, catalogue)
    return folder / "messages.mo"


if __name__ == "__main__":
    print(compile_catalogue())


def _command_classes():
    import click

    class DutchCommand(click.Command):
        """A command whose usage line reads 'Gebruik: ... [OPTIES]' and whose options show
        Dutch placeholders (TEKST, PAD, GETAL) instead of click's English type names."""

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("options_metavar", "[OPTIES]")
            super().__init__(*args, **kwargs)
            _dutch_metavars(self.params)

    def _dutch_metavars(params) -> None:
        for param in params:
            if isinstance(param, click.Option) and param.metavar is None and \
                    not param.is_flag and not isinstance(param.type, click.Choice):
                name = param.type.name.upper()
                param.metavar = METAVARS.get(name, name)

    class DutchGroup(click.Group):
        """A group whose usage line and sub-commands are Dutch too."""

        command_class = DutchCommand
        group_class = type  # sub-groups are DutchGroups as well

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("options_metavar", "[OPTIES]")
            kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
            super().__init__(*args, **kwargs)
            _dutch_metavars(self.params)

    return DutchCommand, DutchGroup


DutchCommand, DutchGroup = _command_classes()
