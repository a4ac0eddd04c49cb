"""The privacy screen's core: find data in a text that could identify someone.

Standard library only and self-contained, so that its source can be copied as it stands into a
notebook cell (`inspect.getsource`) and run in any Jupyter. It takes its rules as a plain dict
(`draaiboek.privacy.rules_dict()`); `privacy/static/privacy.js` is the same algorithm for the
page, step by step, and a golden corpus keeps the two in step.
"""

import datetime
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    kind: str      # telefoon, e-mail, iban, rijksregisternummer, bsn, adres, postcode, ...
    start: int     # offset in the text (characters)
    end: int
    text: str
    advice: str    # what to do, in Dutch
    label: str = ""  # what it looks like, in Dutch ("een telefoonnummer")

    @property
    def message(self) -> str:
        return f"'{self.text}' lijkt {self.label}. {self.advice}"


_CACHE: dict = {}
_DATE_SHAPE = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}")
_MONTHS = {"jan": 1, "feb": 2, "maa": 3, "mrt": 3, "apr": 4, "mei": 5, "jun": 6, "jul": 7,
           "aug": 8, "sep": 9, "okt": 10, "nov": 11, "dec": 12}
_SKIP_BACK = " \t\r\n\"“”‘’'(*_[>#•-–—"
_ENDS = ".!?:;…"


def _regex(source: str, ignore_case: bool = False):
    key = (source, ignore_case)
    if key not in _CACHE:
        _CACHE[key] = re.compile(source, re.IGNORECASE if ignore_case else 0)
    return _CACHE[key]


def _digits(text: str) -> str:
    return "".join(c for c in text if "0" <= c <= "9")


def _mod97(number: str) -> int:
    rest = 0
    for c in number:
        rest = (rest * 10 + int(c)) % 97
    return rest


def _lower_set(words) -> set:
    return {w.lower() for w in words}


def _prepare(rules: dict) -> dict:
    """Word sets and compiled patterns derived from the rules (cached per rules dict)."""
    key = ("rules", id(rules))
    cached = _CACHE.get(key)
    if cached is not None and cached["rules"] is rules:
        return cached
    names = rules["namen"]
    letter = rules["tekens"]["letter"]
    single, phrases = set(), []
    for entry in list(names["auteurs"]) + list(names["geen_namen"]) + list(names["plaatsen"]):
        words = [m.group(0).lower() for m in re.finditer(
            "[" + letter + "]+(?:['’-][" + letter + "]+)*", entry)]
        if len(words) == 1:
            single.add(words[0])
        elif words:
            phrases.append(words)
    phrases.sort(key=len, reverse=True)
    prepared = {
        "rules": rules,
        "word": _regex("[" + letter + "]+(?:['’-][" + letter + "]+)*"),
        "wordchar": _regex("[" + letter + "0-9]"),
        "upper": _regex("[" + rules["tekens"]["hoofdletter"] + "]"),
        "lower_letter": _regex("[" + rules["tekens"]["kleine_letter"] + "]"),
        "single": single,
        "phrases": phrases,
        "places": _lower_set(names["plaatsen"]),
        "titles": _lower_set(names["titels"]),
        "particles": _lower_set(names["deeltjes"]),
        "openers": _lower_set(names["openers"]),
        "suffixes": [s.lower() for s in names["opener_uitgangen"]],
        "inversion": _lower_set(names["inversie"]),
        "streets": [s.lower() for s in names["straat_uitgangen"]],
        "place_words": _lower_set(names["plaats_voorzetsels"]),
        "not_before": _lower_set(rules["adres_niet_voor"]),
    }
    _CACHE[key] = prepared
    return prepared


def _inside(text: str, s: int, e: int, prep: dict) -> bool:
    """Is the match part of a longer word or number ("85.07.30-033.28" holds "07.30-033.28")?"""
    if s > 0 and prep["wordchar"].match(text[s - 1]):
        return True
    if e < len(text) and prep["wordchar"].match(text[e]):
        return True
    if s > 1 and text[s - 1] in ".-/" and "0" <= text[s - 2] <= "9":
        return True
    return e + 1 < len(text) and text[e] in ".-/" and "0" <= text[e + 1] <= "9"


# --- checks on a matched identifier: True, False, or a narrowed (start, end) -----------------

def _near(text: str, start: int, end: int, words, before: int, after: int) -> bool:
    window = (text[max(0, start - before):start] + " | " + text[end:end + after]).lower()
    return any(w.lower() in window for w in words)


def _check(name, text, start, end, rules, prep, year):
    found = text[start:end]
    if not name:
        return True
    if name == "iban":
        compact = found.replace(" ", "")
        if not 15 <= len(compact) <= 34:
            return False
        moved = compact[4:] + compact[:4]
        number = "".join(str(int(c, 36)) for c in moved)
        return _mod97(number) == 1
    if name == "rijksregisternummer":
        digits = _digits(found)
        if len(digits) != 11:
            return False
        month, day = int(digits[2:4]), int(digits[4:6])
        if month % 20 > 12 or month > 52 or day > 31:
            return False
        check = int(digits[9:])
        return 97 - _mod97(digits[:9]) == check or 97 - _mod97("2" + digits[:9]) == check
    if name == "bsn":
        digits = _digits(found)
        if len(digits) != 9 or digits == "000000000":
            return False
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
        if total % 11 != 0:
            return False
        return digits[0] != "0" or _near(text, start, end, rules["bsn_woorden"], 30, 0)
    if name == "telefoon":
        if _DATE_SHAPE.fullmatch(found):
            return False
        digits = _digits(found)
        if found.startswith("+") or digits.startswith("00"):
            digits = digits[2:] if digits.startswith("00") else digits
            country, rest = digits[:2], digits[2:]
            if "(0)" in found and rest.startswith("0"):
                rest = rest[1:]
            if rest.startswith("0"):
                return False
            return len(rest) in ((8, 9) if country == "32" else (9,))
        return digits.startswith("0") and digits[1:2] != "0" and len(digits) in (9, 10)
    if name == "datum":
        return _birth_date(found, text, start, end, rules, year)
    if name == "adres":
        # no street when the number counts something ("de Markt 2 keer rond")
        after = prep["word"].search(text, end)
        if after and not text[end:after.start()].strip() and \
                text[after.start():after.end()].lower() in prep["not_before"]:
            return False
        # leading capitalised words that open a sentence are no part of the street
        while True:
            word = prep["word"].match(text, start)
            if not word or word.end() >= end:
                return False
            lw = word.group(0).lower()
            if lw in prep["openers"] or lw in prep["titles"] or lw in prep["place_words"]:
                start = word.end()
                while start < end and text[start] == " ":
                    start += 1
                continue
            return (start, end)
    if name == "postcode_nl":
        letters = found[4:].strip()[:2]
        if letters in ("SA", "SD", "SS"):
            return False
        place = found[4:].strip()[2:].strip()
        if place and (place.lower() in prep["openers"] or place.lower() in prep["single"]) \
                and place.lower() not in prep["places"]:
            return (start, end - len(place) - 1)
        return True
    if name == "postcode_be":
        number, place = int(found[:4]), found[5:].lower()
        if place in prep["places"]:
            return True
        if 1900 <= number <= 2099:
            return False  # most likely a year ("in 2019 Opgroeien ...")
        return not (place in prep["openers"] or place in prep["single"]
                    or place in prep["titles"])
    raise ValueError(f"unknown check {name}")


def _birth_date(found, text, start, end, rules, year) -> bool:
    low = found.lower()
    numbers = re.findall("[0-9]+", low)
    if re.match("^[0-9]{4}-", low):
        y, m, d = (int(n) for n in numbers)
        full_year = True
    elif _DATE_SHAPE.fullmatch(low):
        d, m, y = (int(n) for n in numbers)
        full_year = len(numbers[2]) == 4
    else:
        month = 0
        for w in re.findall("[a-z]+", low):
            if w[:3] in _MONTHS:
                month = _MONTHS[w[:3]]
                break
        d, m = int(numbers[0]), month
        y = int(numbers[1]) if len(numbers) > 1 else 0
        full_year = len(numbers) > 1
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return False
    birth = rules["geboorte"]
    if _near(text, start, end, birth["woorden"], birth["tekens_voor"], birth["tekens_na"]):
        return True
    return full_year and y <= year - birth["oud_jaren"]


# --- names --------------------------------------------------------------------------------

def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _SKIP_BACK:
        if text[i] == "\n":
            return True
        i -= 1
    return i < 0 or text[i] in _ENDS


def _names(text, prep, known, taken):
    tokens = []
    for m in prep["word"].finditer(text):
        s, e = m.start(), m.end()
        word = m.group(0)
        if len(word) > 3 and word[-2:].lower() in ("'s", "’s"):
            e -= 2
            word = word[:-2]
        tokens.append((s, e, word, word.lower()))
    n = len(tokens)
    masked = [any(s < te and ts < e for ts, te in taken) for s, e, _, _ in tokens]
    i = 0
    while i < n:  # phrases that are no person: authors, services, places
        for phrase in prep["phrases"]:
            k = len(phrase)
            if i + k <= n and all(tokens[i + j][3] == phrase[j] for j in range(k)) and all(
                    not text[tokens[i + j][1]:tokens[i + j + 1][0]].strip()
                    for j in range(k - 1)):
                for j in range(k):
                    masked[i + j] = True
                break
        i += 1

    def gap(a: int, b: int) -> str:
        return text[tokens[a][1]:tokens[b][0]]

    def capital(i: int) -> bool:
        return bool(prep["upper"].match(tokens[i][2]))

    def plain(i: int) -> bool:  # a capitalised word that is no known non-name
        word, lw = tokens[i][2], tokens[i][3]
        if masked[i] or not capital(i) or len(word) < 2:
            return False
        if lw in prep["single"] or lw in known or lw in prep["titles"]:
            return False
        if any(lw.endswith(s) for s in prep["streets"]):
            return False  # a street without a number
        return bool(prep["lower_letter"].search(word))  # all capitals: an abbreviation

    def joinable(i: int) -> bool:  # a capitalised word that continues a name
        word, lw = tokens[i][2], tokens[i][3]
        return not masked[i] and capital(i) and len(word) >= 2 and lw not in known \
            and lw not in prep["titles"] and bool(prep["lower_letter"].search(word))

    def name_start(i: int, after_title: bool) -> bool:
        if not plain(i):
            return False
        if after_title:
            return True
        lw = tokens[i][3]
        if i > 0 and tokens[i - 1][3] in prep["place_words"] and gap(i - 1, i) == " ":
            return False
        if _sentence_start(text, tokens[i][0]):
            if lw in prep["openers"] or text[tokens[i][1]:tokens[i][1] + 1] == ":":
                return False  # a common word, or a label ("Actie:")
            if any(lw.endswith(s) and len(lw) >= len(s) + 4 for s in prep["suffixes"]):
                return False
            if i + 1 < n and tokens[i + 1][3] in prep["inversion"] \
                    and not gap(i, i + 1).strip():
                return False
        return True

    found = []
    i = 0
    after_title = False
    while i < n:
        lw = tokens[i][3]
        title_here = bool(after_title and re.fullmatch(r"\.?[ \t]+", gap(i - 1, i)))
        after_title = False
        if not masked[i] and lw in prep["titles"]:
            after_title = True
            i += 1
            continue
        head = i
        if title_here and not capital(i) and lw in prep["particles"]:
            # "meneer van Dam": the particles belong to the name
            while head + 1 < n and tokens[head][3] in prep["particles"] \
                    and not capital(head) and gap(head, head + 1) == " ":
                head += 1
            if head == i or not name_start(head, True):
                i += 1
                continue
        elif not name_start(i, title_here):
            i += 1
            continue
        last = head
        while True:  # more of the same name: "Fatima El Amrani", "Jan van der Berg"
            k = last + 1
            while k < n and tokens[k][3] in prep["particles"] and gap(k - 1, k) == " " \
                    and not masked[k]:
                k += 1
            if k < n and gap(k - 1, k) == " " and joinable(k):
                last = k
            else:
                break
        found.append((tokens[i][0], tokens[last][1]))
        i = last + 1
    return found


def screen(text: str, rules: dict, known_names=(), year=None) -> list:
    """Every likely identifier in a text, in order of appearance, at most one finding per
    item. `known_names` (the invented people of a case) are not reported; `year` is the year
    of the check (default: this year) for telling a date of birth from a recent date."""
    prep = _prepare(rules)
    year = year or datetime.date.today().year
    kinds = rules["soorten"]
    spans: list = []  # (start, end, kind)

    def free(s: int, e: int) -> bool:
        return all(e <= fs or s >= fe for fs, fe, _ in spans)

    for ident in rules["identificatoren"]:
        pattern = _regex(ident["patroon"], bool(ident.get("hoofdletters_negeren")))
        pos = 0
        while pos <= len(text):
            m = pattern.search(text, pos)
            if not m:
                break
            s, e = m.start(), m.end()
            ok = e > s and not _inside(text, s, e, prep)
            if ok:
                ok = _check(ident.get("controle"), text, s, e, rules, prep, year)
                if isinstance(ok, tuple):
                    s, e = ok
            if ok and free(s, e):
                spans.append((s, e, ident["soort"]))
                pos = e
            else:
                pos = m.start() + 1
    # a street followed by its postcode and place is one address
    spans.sort()
    merged: list = []
    for s, e, kind in spans:
        if merged and kind == "postcode" and merged[-1][2] == "adres" \
                and re.fullmatch(r",? ?", text[merged[-1][1]:s]):
            merged[-1] = (merged[-1][0], e, "adres")
        else:
            merged.append((s, e, kind))
    spans = merged
    known = set()
    for name in known_names:
        known |= {m.group(0).lower() for m in prep["word"].finditer(name)}
    for s, e in _names(text, prep, known, [(a, b) for a, b, _ in spans]):
        spans.append((s, e, "naam"))
    spans.sort()
    return [Finding(kind, s, e, text[s:e], kinds[kind]["advies"], kinds[kind]["label"])
            for s, e, kind in spans]
