"""The languages a dossier's views and briefings are written in."""

from __future__ import annotations

LANGUAGES = {"en": "en_GB", "de": "de_DE", "ja": "ja_JP"}
"""Language code → the CLDR locale whose conventions it follows (month and country names)."""
