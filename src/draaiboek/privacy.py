"""The privacy screen: reflections are about real work with real families, so a text is
searched for data that could identify someone. It flags structured identifiers (phone
numbers in Belgian and Dutch forms, e-mail, IBAN with its check digits, the Belgian
national register number and the Dutch BSN with their checks, street addresses, postcodes,
dates of birth) and likely personal names. It warns; it never changes the text.

It runs where a learner or trainer reads a reflection: in the learner's self-check, when
submissions are read in, and in the grading view. Precision and recall are measured on a
labelled corpus in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MESSAGES = {
    "telefoon": "een telefoonnummer",
    "e-mail": "een e-mailadres",
    "iban": "een bankrekeningnummer (IBAN)",
    "rijksregisternummer": "een rijksregisternummer",
    "bsn": "een burgerservicenummer (BSN)",
    "adres": "een adres",
    "postcode": "een postcode met plaatsnaam",
    "geboortedatum": "een geboortedatum",
    "naam": "misschien een echte naam",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int

    @property
    def message(self) -> str:
        return (f"'{self.text}' lijkt {MESSAGES[self.kind]}. Laat het weg of schrijf "
                "bijvoorbeeld 'de moeder' of 'het gezin'.")


_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)3[12][\s./-]?\(?0?\)?[\s./-]?\d(?:[\s./-]?\d){7,8}"   # +32 / +31 forms
    r"|0\d{1,3}(?:[\s./-]?\d{2,4}){2,4}"                              # 0xx ... national
    r")(?![\w])"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_NRN = re.compile(r"\b\d{2}[.]?\d{2}[.]?\d{2}[-. ]?\d{3}[-. ]?\d{2}\b")
_BSN = re.compile(r"\b\d{4}[.\s]?\d{2}[.\s]?\d{3}\b|\b\d{9}\b")
_STREET = re.compile(
    r"\b[A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)*"
    r"(?:straat|laan|weg|plein|dreef|steenweg|lei|gracht|kade|singel|hof|pad|dijk|plantsoen|"
    r"markt|baan|veld|berg)\s+\d{1,4}(?:\s?[a-zA-Z]\b|\s?bus\s?\d+)?"
)
# Street names written as two words: "Grote Markt 3", "Lange Kastanjelaan 8".
_STREET_TWO_WORDS = re.compile(
    r"\b(?:[A-Z][a-zà-ÿ]+\s)?(?:Markt|Plein|Dreef|Laan|Kaai|Kade|Singel|Gracht|Steenweg|"
    r"Weg|Straat|Dijk)\s+\d{1,4}(?:\s?[a-zA-Z]\b)?"
)
_POSTCODE_NL = re.compile(r"\b[1-9]\d{3}\s?(?!SS|SA|SD)[A-Z]{2}\b")
_POSTCODE_BE = re.compile(r"\b[1-9]\d{3}\s+(?P<place>[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b")
_DATE = re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>(?:19|20)\d{2})\b"
                   r"|\b(?P<d2>\d{1,2}) (?P<month>januari|februari|maart|april|mei|juni|juli|"
                   r"augustus|september|oktober|november|december) (?P<y2>(?:19|20)\d{2})\b",
                   re.IGNORECASE)
_BIRTH = re.compile(r"geboren|geboorte|geb\.|verjaar|jarig", re.IGNORECASE)
_TITLE_NAME = re.compile(
    r"\b(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|de heer|juffrouw|juf|meester|dokter|dr\.|"
    r"oma|opa|tante|nonkel|oom|mama|papa|zoon|dochter|buurvrouw|buurman|collega)\s+"
    r"(?P<name>[A-Z][a-zà-ÿ]+(?:\s+(?:van|de|der|den|el|al|ten|ter)\s+[A-Z][a-zà-ÿ]+|"
    r"\s+[A-Z][a-zà-ÿ]+)?)"
)
_CAPITAL = re.compile(r"\b(?P<name>[A-Z][a-zà-ÿ]{2,})\b")
# Towns: not personal names, and a four-digit number before one is a postcode.
PLACES = {
    "Antwerpen", "Brussel", "Gent", "Brugge", "Leuven", "Mechelen", "Hasselt", "Genk",
    "Kortrijk", "Oostende", "Aalst", "Sint-Truiden", "Tongeren", "Beringen", "Lommel",
    "Maasmechelen", "Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen",
    "Tilburg", "Almere", "Breda", "Nijmegen", "Maastricht", "Zwolle", "Arnhem", "Leiden",
    "Haarlem", "Den", "Haag",
}
# Capitalised words that are not names: places, services, days, months, terms of the field.
NOT_NAMES = PLACES | {
    "Vlaanderen", "Nederland", "België", "Limburg", "Europa", "Europese", "Unie", "Nederlands",
    "Vlaams", "Vlaamse", "Belgische", "Engels", "Frans", "Arabisch", "Turks", "Pools",
    "Thuiscompagnie", "Thuisbegeleiding", "Opgroeien", "Huis", "Kind", "Gezin", "Sociaal",
    "Veilig", "Thuis", "Vertrouwenscentrum", "Kindermishandeling", "Centrum", "Jeugd",
    "Wmo", "Jeugdwet", "Woonzorgdecreet", "Bind-Kracht", "Kracht", "Eigen", "Star",
    "Outcomes", "Signs", "Safety", "Matrix", "Zelfredzaamheid-Matrix", "Leary", "Roos",
    "Korthagen", "Gibbs", "Whitmore", "Movisie", "ActiZ", "Google", "WhatsApp", "Facebook",
    "Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag",
    "Januari", "Februari", "Maart", "April", "Mei", "Juni", "Juli", "Augustus",
    "September", "Oktober", "November", "December", "Kerstmis", "Pasen", "Ramadan",
    "Suikerfeest", "God", "Allah", "Samen", "Ik", "Je", "Jij", "Wij", "Zij", "Hij",
}


# Words that often open a Dutch sentence; any other capitalised first word may be a name.
STARTERS = set("""
De Het Een Ik Je Jij We Wij Ze Zij Hij Dat Dit Die Deze Toen Daarna Daarom Als Na In Op Met
Bij Voor Ook Maar En Want Dan Nu Er Wat Hoe Waarom Wie Welke Waar Wanneer Soms Vandaag
Gisteren Morgen Vanochtend Vanavond Samen Thuis Tijdens Door Over Zo Hier Daar Eerst Later
Omdat Terwijl Nadat Voordat Toch Misschien Gelukkig Helaas Mijn Zijn Haar Ons Onze Jullie
Hun Iedereen Niemand Alles Niets Elke Iedere Geen Veel Weinig Meer Minder Iemand Niet Wel
Ja Nee Oké Goed Echt Even Nog Al Pas Zelfs Alleen Vaak Altijd Nooit Steeds Opnieuw Verder
Bovendien Eigenlijk Volgens Sinds Tot Tussen Zonder Naast Achter Onder Boven Aan Uit Van Om
Volgende Vorige Deze Eén Twee Drie Vier Vijf Zes Zeven Acht Negen Tien Week Maand Jaar
Wij Mij Me Hem Hen Men Dus Of Dankzij Ondanks Behalve Zodra Hoewel Zoals Wie Welk Zelf
Moeder Vader Ouders Kinderen Kind Zoon Dochter Gezin Oma Opa Buurvrouw Buurman Coach Collega
Verzorgende Thuisbegeleider Werkbegeleider Trainer Emotioneel Praktisch Wat Welke Heb Had
Ben Was Waren Kan Kon Wil Wou Moet Moest Mag Mocht Ga Ging Gingen Kom Kwam Zag Zei Vroeg
Bel Stuur Vraag Zeg Schrijf Kijk Lees Geef Neem Maak Denk Luister Probeer Zoek Let Hou Houd
Naam Adres Telefoon Datum Geboortedatum Rekeningnummer Dossier Verslag Reflectie Situatie
Achteraf Vooraf Bijvoorbeeld Anders Daardoor Daarbij Daarnaast Intussen Ineens Plots Meestal
""".split())


def _national_register_ok(digits: str) -> bool:
    body, check = int(digits[:9]), int(digits[9:])
    return 97 - body % 97 == check or 97 - int("2" + digits[:9]) % 97 == check


def _bsn_ok(digits: str) -> bool:
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def _iban_ok(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def likely_names(text: str) -> set[str]:
    """Words the name heuristics below would report as a name."""
    return {f.text for f in screen(text) if f.kind == "naam"}


def screen(text: str, known: Iterable[str] = ()) -> list[Finding]:
    """Every likely identifier in a text, in order of appearance. `known` names (the invented
    people of a case) are not reported."""
    known = set(known)
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Finding(kind, text[start:end].strip(), start))

    for m in _EMAIL.finditer(text):
        add("e-mail", m.start(), m.end())
    for m in _IBAN.finditer(text):
        if _iban_ok(m.group(0)):
            add("iban", m.start(), m.end())
    for m in _NRN.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) == 11 and _national_register_ok(digits):
            add("rijksregisternummer", m.start(), m.end())
    for m in _BSN.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if _bsn_ok(digits):
            add("bsn", m.start(), m.end())
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 9 <= len(digits) <= 12:
            add("telefoon", m.start(), m.end())
    for pattern in (_STREET, _STREET_TWO_WORDS):
        for m in pattern.finditer(text):
            add("adres", m.start(), m.end())
    for m in _POSTCODE_NL.finditer(text):
        add("postcode", m.start(), m.end())
    for m in _POSTCODE_BE.finditer(text):
        number, place = int(m.group(0)[:4]), m.group("place")
        if place in NOT_NAMES and place not in PLACES:
            continue
        if 1900 <= number <= 2099 and place not in PLACES:
            continue  # most likely a year ("in 2019 Opgroeien ...")
        add("postcode", m.start(), m.end())
    for m in _DATE.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        year = int(m.group("y") or m.group("y2"))
        if _BIRTH.search(before) or year < 2010:
            add("geboortedatum", m.start(), m.end())
    for m in _TITLE_NAME.finditer(text):
        if m.group("name") not in known:
            add("naam", m.start("name"), m.end("name"))
    for m in _CAPITAL.finditer(text):
        word = m.group("name")
        if word in NOT_NAMES or word in known:
            continue
        start = m.start()
        # the first word of a sentence is a name only when it is not a usual opener
        before = text[:start].rstrip()
        if (not before or before[-1] in ".!?:\"'“‘(-") and word in STARTERS:
            continue
        add("naam", start, m.end())
    return sorted(found, key=lambda f: f.start)
