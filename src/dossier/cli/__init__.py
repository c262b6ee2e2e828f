"""The `dossier` command line: parse, make one library call, present the result.

The only place that imports Typer. Each command module registers its commands on `app`.
"""

from dossier.cli import brief, data, views
from dossier.cli.app import Language, app

__all__ = ["Language", "app", "brief", "data", "views"]
