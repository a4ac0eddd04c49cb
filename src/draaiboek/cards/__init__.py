"""Method cards: schema, loading, validation and filters (`catalogue`), the printable deck
(`deck`) and the Jupyter card browser (`widget`)."""

from .catalogue import (CARDS_FOLDER, PHASES, THEMES, Card, check_cards, filter_cards,
                        json_schema, load_cards, parse_card)

__all__ = ["CARDS_FOLDER", "PHASES", "THEMES", "Card", "check_cards", "filter_cards",
           "json_schema", "load_cards", "parse_card"]
