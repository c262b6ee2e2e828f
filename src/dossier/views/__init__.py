"""Dossier → Rich renderables for `show`, `list`, `search` and `timeline`; nothing here prints."""
