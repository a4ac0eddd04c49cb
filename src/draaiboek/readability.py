"""Plain-language measures of a text: Flesch-Douma (textstat, Dutch), sentence length and
the sentences that are too long. Used on every chapter by the build and by the tests.

Formula scores are an alarm, not proof of B1: a human still reads the text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# Budgets from DESIGN.md §7 and the chapter issue.
MIN_FLESCH_DOUMA = 60.0
MAX_AVG_SENTENCE = 15.0
LONG_SENTENCE = 20  # words; such sentences are listed in the report
# Running prose (paragraphs outside lists and tables) should read as adult text: about
# 10-14 words a sentence. Shorter reads as staccato, talking down to a professional.
PROSE_SENTENCE_RANGE = (10.0, 14.0)
# "Een kwetsuur is een wond." / "X betekent: ..." - a gloss; fine for a real term, not
# for everyday words. The report lists them so an editor can judge each one.
_GLOSS = re.compile(r"\bbetekent\b|\bwil zeggen\b|\bis een (ander )?woord voor\b", re.I)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9'‘“\"(])")
_WORD = re.compile(r"[\wÀ-ÿ'’-]+")


@dataclass
class Readability:
    words: int
    sentences: int
    flesch_douma: float
    avg_sentence_length: float
    long_sentences: list[str] = field(default_factory=list)
    prose_avg_sentence_length: float = 0.0
    glosses: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        low, high = PROSE_SENTENCE_RANGE
        return (
            self.flesch_douma >= MIN_FLESCH_DOUMA
            and self.avg_sentence_length <= MAX_AVG_SENTENCE
            and low <= self.prose_avg_sentence_length <= high
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def sentences_of(blocks: list[str]) -> list[str]:
    """Split text blocks (paragraphs, list items) into sentences; a block always ends one."""
    result = []
    for block in blocks:
        block = " ".join(block.split())
        if not block:
            continue
        result += [s for s in _SENTENCE_END.split(block) if _WORD.search(s)]
    return result


def average_sentence_length(blocks: list[str]) -> float:
    sentences = sentences_of(blocks)
    words = sum(len(_WORD.findall(s)) for s in sentences)
    return round(words / len(sentences), 1) if sentences else 0.0


def measure(blocks: list[str], prose: list[str] | None = None) -> Readability:
    """Measure text given as blocks (one paragraph or list item each); `prose` is the part
    of those blocks that is running text (not a list item or table cell)."""
    import textstat  # slow to import; only needed when measuring

    textstat.set_lang("nl")
    sentences = sentences_of(blocks)
    words = sum(len(_WORD.findall(s)) for s in sentences)
    if not sentences or not words:
        return Readability(0, 0, 0.0, 0.0)
    # Give textstat one sentence per line, each ending in punctuation, so it counts the
    # sentences the same way we do; syllables come from Pyphen's Dutch dictionary.
    text = "\n".join(s if s[-1] in ".!?" else s + "." for s in sentences)
    syllables = textstat.syllable_count(text)
    avg = words / len(sentences)
    flesch = 206.835 - 0.93 * avg - 77 * (syllables / words)
    # textstat's own Flesch-Douma on the same text agrees; keep the explicit formula so the
    # word and sentence counts in the report are exactly the ones used.
    return Readability(
        words=words,
        sentences=len(sentences),
        flesch_douma=round(flesch, 1),
        avg_sentence_length=round(avg, 1),
        long_sentences=[s for s in sentences if len(_WORD.findall(s)) > LONG_SENTENCE],
        prose_avg_sentence_length=average_sentence_length(blocks if prose is None else prose),
        glosses=[s for s in sentences if _GLOSS.search(s)],
    )
