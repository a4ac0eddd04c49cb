"""Draaiboek: a training and coaching curriculum for strengthening, connecting work with
families, built as a Jupyter Book for several regions and two editions."""

__version__ = "0.1.0"
