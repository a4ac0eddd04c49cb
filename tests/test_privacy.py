"""The privacy screen on a labelled corpus (precision and recall), and its number checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from draaiboek.privacy import screen

CORPUS = yaml.safe_load((Path(__file__).parent / "fixtures" / "privacy_corpus.yml")
                        .read_text(encoding="utf-8"))


def scores(holdout: bool | None = None) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    wrong = []
    for item in CORPUS:
        if holdout is not None and bool(item.get("holdout")) != holdout:
            continue
        got = {f.kind for f in screen(item["tekst"])}
        want = set(item["soort"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            wrong.append(f"{item['tekst']!r}: {sorted(got)} (verwacht {sorted(want)})")
    return tp / (tp + fp), tp / (tp + fn), wrong


def test_corpus_is_large_and_balanced() -> None:
    assert len(CORPUS) >= 60
    kinds = {k for item in CORPUS for k in item["soort"]}
    assert kinds == {"telefoon", "e-mail", "iban", "rijksregisternummer", "bsn", "adres",
                     "postcode", "geboortedatum", "naam"}
    assert sum(not item["soort"] for item in CORPUS) >= 25, "enough clean sentences"


def test_precision_and_recall_on_the_corpus() -> None:
    for part, label in ((False, "tuning"), (True, "hold-out")):
        p, r, _ = scores(part)
        print(f"privacy screen, {label} sentences: precision {p:.2f}, recall {r:.2f}")
    precision, recall, wrong = scores()
    print(f"privacy screen, all sentences: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9 and recall >= 0.95, "\n".join(wrong)


@pytest.mark.parametrize("text", [
    "Rekening BE68 5390 0754 7035 klopt niet.",       # wrong IBAN check digits
    "Het nummer 123456789 is geen BSN.",              # fails the 11-check
    "Rijksregister 85.07.30-033.29 is fout.",         # wrong check digits
])
def test_numbers_with_wrong_check_digits_are_not_flagged(text: str) -> None:
    kinds = {f.kind for f in screen(text)}
    assert not kinds & {"iban", "bsn", "rijksregisternummer"}, kinds


def test_findings_say_what_to_do() -> None:
    finding = screen("Ik belde 0470 12 34 56.")[0]
    assert finding.kind == "telefoon" and finding.text == "0470 12 34 56"
    assert "Laat het weg" in finding.message
