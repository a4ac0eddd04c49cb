"""Method cards: schema, loading, validation and filters (`catalogue`), the printable deck
(`deck`) and the Jupyter card browser (`widget`)."""
