"""dossier: cluster partnerships kept as YAML, shown in the terminal and turned into briefings."""

__version__ = "0.1.0"


def version_line() -> str:
    """What `dossier --version` prints."""
    return f"dossier {__version__}"
