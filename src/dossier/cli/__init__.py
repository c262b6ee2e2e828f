"""The `dossier` command line: parse, make one library call, present the result.

The only place that imports Typer. Each command module registers its commands on `app`;
they are imported in the order `dossier --help` lists them: look-ups, briefings, the data,
its history.
"""

import importlib

from dossier.cli.app import Language, app

for _module in ("views", "brief", "graph", "data", "report", "edit", "keep", "history"):
    importlib.import_module(f"dossier.cli.{_module}")

__all__ = ["Language", "app"]
