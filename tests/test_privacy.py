"""The privacy screen: precision and recall at span level on labelled sentences (the tuning set
and a held-out set written after the tuning was frozen), its number checks, its advice, its
rules file, and the golden corpus that keeps the Python and the JavaScript screen in step."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from draaiboek.privacy import (MESSAGES, Finding, javascript, likely_names, rules_dict, screen,
                               screening_source)
from draaiboek.privacy.rules import load_rules
from draaiboek.problems import ContentError

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[1]
PRIVACY_JS = ROOT / "src" / "draaiboek" / "privacy" / "static" / "privacy.js"
YEAR = 2026  # the year of the check, fixed so that "ten years back" does not drift
TUNING = "privacy_corpus.yml"
HOLDOUT = "privacy_holdout.yml"
PRECISION, RECALL = 0.90, 0.95


@pytest.fixture(scope="module")
def rules() -> dict:
    return rules_dict(ROOT)


def labelled(name: str) -> list[dict]:
    """Sentences with their labelled items as (kind, start, end)."""
    items = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    for item in items:
        text, spans = item["tekst"], []
        for found in item["vondsten"]:
            start = -1
            for _ in range(found.get("keer", 1)):
                start = text.index(found["tekst"], start + 1)
            spans.append((found["soort"], start, start + len(found["tekst"])))
        item["spans"] = spans
    return items


def scores(items: list[dict], rules: dict) -> tuple[float, float, int, int, list[str]]:
    """Span-level precision and recall: a finding is right when it overlaps a labelled item of
    its kind that no earlier finding claimed; each labelled item counts once."""
    right = findings = matched = total = 0
    wrong = []
    for item in items:
        claimed: set[int] = set()
        got = screen(item["tekst"], rules, item.get("namen", ()), year=YEAR)
        for f in got:
            hit = next((n for n, (kind, s, e) in enumerate(item["spans"])
                        if n not in claimed and kind == f.kind and s < f.end and f.start < e),
                       None)
            if hit is None:
                wrong.append(f"te veel: {f.kind} {f.text!r} in {item['tekst']!r}")
            else:
                claimed.add(hit)
                right += 1
        for n, (kind, s, e) in enumerate(item["spans"]):
            if n not in claimed:
                wrong.append(f"gemist: {kind} {item['tekst'][s:e]!r} in {item['tekst']!r}")
        findings += len(got)
        matched += len(claimed)
        total += len(item["spans"])
    precision = right / findings if findings else 1.0
    recall = matched / total if total else 1.0
    return precision, recall, findings, total, wrong


def _report(label: str, items: list[dict], rules: dict) -> tuple[float, float, list[str]]:
    p, r, findings, total, wrong = scores(items, rules)
    clean = sum(not item["spans"] for item in items)
    print(f"\nprivacy screen, {label}: {len(items)} sentences ({clean} clean), {total} labelled "
          f"items, {findings} findings: precision {p:.3f}, recall {r:.3f}")
    for line in wrong:
        print("   ", line)
    return p, r, wrong


def test_tuning_set(rules: dict) -> None:
    items = labelled(TUNING)
    kinds = {kind for item in items for kind, _, _ in item["spans"]}
    assert kinds == set(MESSAGES), "every kind is in the tuning set"
    p, r, wrong = _report("tuning set", items, rules)
    assert p >= PRECISION and r >= RECALL, "\n".join(wrong)


def test_holdout_set(rules: dict) -> None:
    """Written after the tuning was frozen, and never tuned on."""
    items = labelled(HOLDOUT)
    assert len(items) >= 100 and sum(not item["spans"] for item in items) >= 40
    p, r, wrong = _report("held-out set", items, rules)
    assert p >= PRECISION and r >= RECALL, "\n".join(wrong)


@pytest.mark.parametrize("text", [
    "Rekening BE68 5390 0754 7035 klopt niet.",       # wrong IBAN check digits
    "Het nummer 123456789 is geen BSN.",              # fails the 11-check
    "Het BSN 123 456 789 is fout.",                   # in groups, fails the 11-check
    "Rijksregister 85.07.30-033.29 is fout.",         # wrong check digits
])
def test_numbers_with_wrong_check_digits_are_not_flagged(text: str, rules: dict) -> None:
    kinds = {f.kind for f in screen(text, rules)}
    assert not kinds & {"iban", "bsn", "rijksregisternummer"}, kinds


def test_findings_give_advice_that_fits_the_kind(rules: dict) -> None:
    found = screen("Ik belde mevrouw Peeters op 0470 12 34 56.", rules)
    assert [(f.kind, f.text) for f in found] == [("naam", "Peeters"),
                                                 ("telefoon", "0470 12 34 56")]
    name, phone = found
    assert "telefoonnummer" in phone.advice and "de moeder" not in phone.advice
    assert "de moeder" in name.advice
    assert phone.message.startswith("'0470 12 34 56' lijkt een telefoonnummer.")
    text = "Ik belde mevrouw Peeters op 0470 12 34 56."
    assert all(text[f.start:f.end] == f.text for f in found)


def test_one_finding_per_item(rules: dict) -> None:
    text = "Het adres is Kerkstraat 12, 3500 Hasselt en zij heet Fatima El Amrani."
    found = screen(text, rules)
    assert [(f.kind, f.text) for f in found] == [("adres", "Kerkstraat 12, 3500 Hasselt"),
                                                 ("naam", "Fatima El Amrani")]


def test_card_names_and_their_originators_come_from_the_cards(rules: dict) -> None:
    extra = set(rules["namen"]["geen_namen"]) - set(load_rules().namen.geen_namen)
    assert {"Krachtenkaart", "Wondervraag", "Greening"} <= extra
    text = "Krachtenkaart en wondervraag: zoals Greening het tekende."
    assert not screen(text, rules)
    assert [f.text for f in screen(text, rules_dict())] == ["Krachtenkaart", "Greening"]


def test_case_people_are_not_flagged_where_they_are_known(rules: dict) -> None:
    cast = likely_names("Sandra Peeters woont met Lotte en Kelly.", rules)
    assert cast == {"Sandra Peeters", "Lotte", "Kelly"}
    text = "Ik vroeg Sandra wat Lotte nodig had, en toen belde Youssef."
    assert [f.text for f in screen(text, rules, cast)] == ["Youssef"]


def test_a_bad_rules_file_gets_a_dutch_message(tmp_path: Path) -> None:
    text = (Path(load_rules.__wrapped__.__defaults__[0]).read_text(encoding="utf-8")
            .replace("patroon: '[A-Z]{2}[0-9]{2}", "patroon: '\\b[A-Z]{2}[0-9]{2}", 1))
    bad = tmp_path / "rules.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        rules_dict(path=bad)
    assert "leest Python anders dan JavaScript" in str(caught.value)
    assert "rules.yml" in str(caught.value)


def test_the_screening_core_runs_alone_from_its_source(rules: dict) -> None:
    """A notebook carries the screen's source and the rules as JSON: no draaiboek, yaml or
    pydantic needed."""
    source = screening_source()
    imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= set(sys.stdlib_module_names), imported
    script = (source + "\nimport json, sys\nrules = json.loads(sys.stdin.read())\n"
              "print(json.dumps([(f.kind, f.text, f.advice) for f in "
              "screen('Bel Fatima op 0470 12 34 56.', rules)]))\n")
    run = subprocess.run([sys.executable, "-I", "-c", script], input=json.dumps(rules),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [[f.kind, f.text, f.advice] for f in
                                      screen("Bel Fatima op 0470 12 34 56.", rules)]


# --- the golden corpus: Python and JavaScript give the same findings -----------------------

def golden_items() -> list[dict]:
    return yaml.safe_load((GOLDEN / "privacy.yml").read_text(encoding="utf-8"))


def _python(items: list[dict], rules: dict) -> list[list[dict]]:
    return [[{"kind": f.kind, "start": f.start, "end": f.end, "text": f.text,
              "advice": f.advice}
             for f in screen(item["tekst"], rules, item.get("namen", ()),
                             year=item.get("jaar", YEAR))]
            for item in items]


def _javascript(items: list[dict], rules: dict, tmp_path: Path) -> list[list[dict]]:
    (tmp_path / "rules.json").write_text(json.dumps(rules), encoding="utf-8")
    texts = [{"tekst": i["tekst"], "namen": list(i.get("namen", ())),
              "jaar": i.get("jaar", YEAR)} for i in items]
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    run = subprocess.run(["node", str(GOLDEN / "run_privacy.js"), str(PRIVACY_JS),
                          str(tmp_path / "rules.json"), str(tmp_path / "texts.json")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_golden_corpus_python(rules: dict) -> None:
    items = golden_items()
    for item, got in zip(items, _python(items, rules)):
        assert [(f["kind"], f["text"]) for f in got] == \
            [(v["soort"], v["tekst"]) for v in item["vondsten"]], item["tekst"]
        for f in got:
            assert item["tekst"][f["start"]:f["end"]] == f["text"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node ontbreekt: JS-privacyscherm overgeslagen")
def test_golden_corpus_javascript(rules: dict, tmp_path: Path) -> None:
    """The golden corpus, the tuning set and the held-out set all give the same findings, at
    the same places, in Python and in the page's script."""
    items = golden_items() + labelled(TUNING) + labelled(HOLDOUT)
    python, js = _python(items, rules), _javascript(items, rules, tmp_path)
    differ = [(item["tekst"], p, j) for item, p, j in zip(items, python, js) if p != j]
    assert not differ, differ[:3]


def test_the_script_ships_with_the_package() -> None:
    assert "DraaiboekPrivacy" in javascript()
    assert isinstance(screen("", rules_dict()), list)
    assert Finding.__module__.endswith("screening")
