"""The plain-language measures: running prose apart from lists, and glosses listed."""

from draaiboek.readability import measure


def test_running_prose_is_measured_apart_from_lists() -> None:
    items = ["Bel de school.", "Vraag een gesprek.", "Schrijf het op."]
    prose = ["Je belt samen met de moeder de school, omdat zij zelf het gesprek wil voeren."]
    result = measure(items + prose, prose)
    assert result.avg_sentence_length == round((3 + 3 + 3 + 15) / 4, 1)
    assert result.prose_avg_sentence_length == 15.0


def test_glosses_of_words_are_listed_for_the_editor() -> None:
    result = measure(["Een kwetsuur betekent een wond.", "Dat wil zeggen: je luistert eerst.",
                      "Je luistert eerst en vraagt dan door."])
    assert result.glosses == ["Een kwetsuur betekent een wond.",
                              "Dat wil zeggen: je luistert eerst."]


def test_staccato_prose_is_not_ok() -> None:
    """Running prose of five-word sentences reads as talking down: the chapter is flagged."""
    staccato = ["Je komt binnen. Je ziet de was. Je zegt niets. Je kijkt rond."] * 5
    assert not measure(staccato, staccato).ok
    joined = ["Je komt binnen en ziet de was van een hele week op de bank liggen.",
              "Je zegt nog niets, maar je kijkt rustig rond in de kamer."] * 5
    assert measure(joined, joined).ok
