"""Warning codes of the extension: every message ends in [draaiboek.<code>] and carries a
location, so that `suppress_warnings` works and an author can find the place."""

from __future__ import annotations

from enum import Enum

from sphinx.util import logging

LOGGER = logging.getLogger("draaiboek")


class DraaiboekWarning(Enum):
    """The kinds of problems the extension reports while building."""

    REGIO = "regio"
    """A region profile is missing or invalid."""
    ZELFTOETS = "zelftoets"
    """A self-check block is invalid."""
    BLOK = "blok"
    """A teaching block (leerdoelen, praktijk, ...) is used wrongly."""


def warn(kind: DraaiboekWarning, message: str, location=None) -> None:
    LOGGER.warning(
        f"{message} [draaiboek.{kind.value}]", type="draaiboek", subtype=kind.value,
        location=location,
    )
