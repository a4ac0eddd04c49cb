"""Reading a content file as text: the one place that checks size and encoding.

Every reader of a file a person hands us (profiles, cards, cases, chapters, exercises, Twine
files, learner lists) reads it through `read_text`, so a file saved by a Windows editor in
Latin-1 or UTF-16, a file of random bytes or a file far too big gets one Dutch message that
names the file, the line and what to do, instead of an error from deep inside a parser.
A UTF-8 byte order mark (what Notepad writes) is accepted and removed.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .problems import ContentError, Problem

# No content file comes near this; a bigger one is a mistake (a video, a database dump).
MAX_BYTES = 2 * 1024 * 1024

SAVE_AS_UTF8 = ("Sla het bestand op als UTF-8 (in Kladblok: Opslaan als → Codering: UTF-8; "
                "in VS Code: rechtsonder op de codering klikken → Opslaan met codering → UTF-8).")


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a content file as text; a ContentError naming `name` if they are not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError([Problem(name, "dit bestand is opgeslagen als UTF-16 (Unicode), "
                                    "niet als UTF-8.", SAVE_AS_UTF8, 1)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _looks_like_utf16(data):
            message = "dit bestand is opgeslagen als UTF-16 (Unicode), niet als UTF-8."
        else:
            message = (f"dit bestand is geen tekst in UTF-8: op deze regel staat een teken "
                       f"(byte 0x{data[exc.start]:02x}) dat in UTF-8 niet kan; het bestand is "
                       "waarschijnlijk opgeslagen als Latin-1/Windows-1252, of het is geen "
                       "tekstbestand.")
        raise ContentError([Problem(name, message, SAVE_AS_UTF8, line)]) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        message = ("dit bestand is opgeslagen als UTF-16 (Unicode), niet als UTF-8."
                   if _looks_like_utf16(data) else
                   "dit bestand bevat een nul-teken; het is geen gewoon tekstbestand.")
        raise ContentError([Problem(name, message, SAVE_AS_UTF8, line)])
    return text


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:200]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 4
                                 or sample[0::2].count(0) > len(sample) // 4)


def read_text(path: Path | str, name: str | None = None, limit: int = MAX_BYTES) -> str:
    """The text of a content file; problems become a ContentError naming `name` (default:
    the path). A missing file raises OSError as before, for callers that handle it."""
    path = Path(path)
    name = name or path.as_posix()
    size = path.stat().st_size
    if size > limit:
        raise ContentError([Problem(
            name, f"dit bestand is te groot ({size // 1024} kB; een inhoudsbestand mag "
            f"hoogstens {limit // 1024} kB zijn).",
            "Kijk of dit het goede bestand is; splits een te lang bestand in delen.")])
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return decode_text(data, name)
