"""dossier: cluster partnerships kept as YAML, shown in the terminal and turned into briefings."""

__version__ = "0.1.0"
