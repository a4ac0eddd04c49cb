"""Story checks of a case, as findings with file, line and scene/choice id:
unknown targets, indicators, cards and chapters; scenes that can never be reached;
dead ends; loops that never end or change nothing; effects that cross an indicator's
bounds; endings that cannot be reached. Reachability takes the conditions into account:
it explores the states a player can really be in (see analysis.explore)."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem
from .loader import LoadedCase


def place_of(loaded: LoadedCase, loc: tuple) -> str:
    """A field path told as an author reads it: 'scène x → keuze y → effecten'."""
    parts, index = [], 0
    while index < len(loc):
        part = loc[index]
        nxt = loc[index + 1] if index + 1 < len(loc) else None
        if part == "scenes" and nxt is not None:
            parts.append(f"scène {nxt}")
            index += 2
            continue
        if part == "keuzes" and isinstance(nxt, int) and len(parts) == 1:
            scene = loaded.case.scenes[loc[index - 1]]
            parts.append(f"keuze {scene.keuzes[nxt].id}")
            index += 2
            continue
        if part == "verder" and isinstance(nxt, int):
            parts.append(f"route {nxt + 1}")
            index += 2
            continue
        parts.append(str(part + 1) if isinstance(part, int) else str(part))
        index += 1
    return " → ".join(parts)


def _problem(loaded: LoadedCase, message: str, fix: str, *loc) -> Problem:
    return Problem(loaded.file, message, fix, loaded.line(*loc), place_of(loaded, loc))


def reference_errors(loaded: LoadedCase, root: Path, known_cards: set[str] | None) -> list[Problem]:
    from ..project import chapter_page

    case, found = loaded.case, []
    indicators = set(case.indicatoren)
    if case.start not in case.scenes:
        found.append(_problem(loaded, f"de startscène '{case.start}' bestaat niet.",
                              "Zet bij start: de id van een scène.", "start"))
    seen_choices: dict[str, str] = {}
    for sid, scene in case.scenes.items():
        for index, choice in enumerate(scene.keuzes):
            loc = ("scenes", sid, "keuzes", index)
            if choice.id in seen_choices:
                found.append(_problem(loaded, f"de keuze-id '{choice.id}' komt twee keer voor "
                                      f"(ook in scène '{seen_choices[choice.id]}').",
                                      "Geef elke keuze een eigen id.", *loc, "id"))
            seen_choices[choice.id] = sid
            if choice.naar not in case.scenes:
                found.append(_problem(loaded, f"keuze '{choice.id}' gaat naar '{choice.naar}', "
                                      "maar die scène bestaat niet.",
                                      "Verbeter 'naar:' of maak die scène aan.", *loc, "naar"))
            for key in choice.effecten:
                if key not in indicators:
                    found.append(_problem(loaded, f"keuze '{choice.id}' verandert '{key}', maar die "
                                          "indicator bestaat niet.",
                                          f"Kies uit: {', '.join(sorted(indicators))}.",
                                          *loc, "effecten", key))
            if known_cards is not None and choice.kaart and choice.kaart not in known_cards:
                found.append(_problem(loaded, f"keuze '{choice.id}' verwijst naar de kaart "
                                      f"'{choice.kaart}', maar die bestaat niet.",
                                      "Gebruik de bestandsnaam van een kaart in methods/.",
                                      *loc, "kaart"))
        for kind, items in (("keuzes", scene.keuzes), ("verder", scene.verder)):
            for index, item in enumerate(items):
                if kind == "verder" and item.naar not in case.scenes:
                    found.append(_problem(loaded, f"een route van '{sid}' gaat naar '{item.naar}', "
                                          "maar die scène bestaat niet.",
                                          "Verbeter 'naar:'.", "scenes", sid, kind, index, "naar"))
                for condition in item.conditions:
                    if condition.indicator and condition.indicator not in indicators:
                        found.append(_problem(loaded, f"een voorwaarde in '{sid}' gebruikt de "
                                              f"onbekende indicator '{condition.indicator}'.",
                                              f"Kies uit: {', '.join(sorted(indicators))}.",
                                              "scenes", sid, kind, index, "als"))
                    if condition.choice and condition.choice not in {
                            c.id for s in case.scenes.values() for c in s.keuzes}:
                        found.append(_problem(loaded, f"een voorwaarde in '{sid}' gebruikt de "
                                              f"onbekende keuze '{condition.choice}'.",
                                              "Gebruik de id van een keuze uit deze casus.",
                                              "scenes", sid, kind, index, "als"))
        if scene.verder and scene.verder[-1].als:
            found.append(_problem(loaded, f"de laatste route van '{sid}' heeft een voorwaarde.",
                                  "Laat de laatste route zonder 'als:': die geldt als geen andere "
                                  "geldt.", "scenes", sid, "verder"))
    for index, number in enumerate(case.hoofdstukken):
        try:
            chapter_page(root, str(number))
        except (FileNotFoundError, ValueError):
            found.append(_problem(loaded, f"hoofdstuk {number} bestaat niet.",
                                  "Gebruik het nummer van een bestaand hoofdstuk.",
                                  "hoofdstukken", index))
    if known_cards is not None:
        for index, card in enumerate(case.kaarten):
            if card not in known_cards:
                found.append(_problem(loaded, f"de kaart '{card}' bestaat niet.",
                                      "Gebruik de bestandsnaam van een kaart in methods/.",
                                      "kaarten", index))
    return found


def story_errors(loaded: LoadedCase) -> list[Problem]:
    """Checks on the states a player can really reach."""
    from .analysis import TooManyStates, explore

    case, found = loaded.case, []
    try:
        graph = explore(case)
    except TooManyStates as exc:
        return [_problem(loaded, f"{exc}.", "Laat minder voorwaarden naar gemaakte keuzes "
                         "vragen, maak de indicatoren smaller (min/max), of splits de casus "
                         "in twee.", "scenes")]
    for sid in case.scenes:
        if sid not in graph.scenes_reached:
            kind = "dit einde" if case.scenes[sid].einde else "deze scène"
            found.append(_problem(loaded, f"{kind} ('{sid}') kan nooit bereikt worden.",
                                  "Laat een keuze of route ernaartoe gaan, of kijk de "
                                  "voorwaarden na.", "scenes", sid))
    for sid in sorted(graph.dead_ends):
        found.append(_problem(loaded, f"in scène '{sid}' kan de speler vastlopen: geen enkele "
                              "keuze is dan beschikbaar.",
                              "Geef minstens één keuze zonder voorwaarde.", "scenes", sid))
    for sid in sorted(graph.loops):
        found.append(_problem(loaded, f"vanaf scène '{sid}' kan de speler eindeloos rondlopen "
                              "zonder dat er iets verandert.",
                              "Laat de lus iets veranderen of geef een weg naar buiten met een "
                              "voorwaarde (bv. 'niet gekozen ...').", "scenes", sid))
    for (sid, cid), keys in sorted(graph.out_of_bounds.items()):
        index = next(i for i, c in enumerate(case.scenes[sid].keuzes) if c.id == cid)
        found.append(_problem(loaded, f"keuze '{cid}' duwt {', '.join(sorted(keys))} voorbij "
                              "de grens van de indicator.",
                              "Maak het effect kleiner of verander min/max van de indicator.",
                              "scenes", sid, "keuzes", index, "effecten"))
    return found


def _fingerprint(loaded: LoadedCase) -> str:
    """The case's text plus the code that judges it: a checked story stays checked."""
    import hashlib

    code = Path(__file__).parent
    digest = hashlib.sha256(loaded.digest.encode())
    for module in ("engine.py", "analysis.py", "validator.py", "schema.py"):
        digest.update((code / module).read_bytes())
    return digest.hexdigest()


def errors(loaded: LoadedCase, root: Path, known_cards: set[str] | None = None) -> list[Problem]:
    found = reference_errors(loaded, root, known_cards)
    if found:
        return found  # the story can only be explored when it is whole
    # Exploring every state takes up to half a second per case: a story that passed
    # before with the same text and the same checking code is not explored again.
    mark = root / "_build" / ".gecontroleerd" / _fingerprint(loaded)
    if mark.exists():
        return []
    found = story_errors(loaded)
    if not found:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
    return found
