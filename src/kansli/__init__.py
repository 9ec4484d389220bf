"""Kansli: nämndadministration för svenska kommuner."""

__version__ = "0.1.0"
