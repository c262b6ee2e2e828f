"""The languages a dossier's views and briefings are written in."""

from __future__ import annotations

LANGUAGES = {"en": "en_GB", "de": "de_DE", "ja": "ja_JP"}
"""Language code → the CLDR locale whose conventions it follows (month and country names)."""


def language_tag(language: str) -> str:
    """`de-DE`: the BCP 47 tag of the locale a language follows (Word, PDF and Markdown
    metadata want one)."""
    return LANGUAGES.get(language, language).replace("_", "-")


def spoken(joiner: str = "or") -> str:
    """The languages as help texts list them: `en, de or ja`."""
    codes = list(LANGUAGES)
    return ", ".join(codes[:-1]) + f" {joiner} " + codes[-1] if len(codes) > 1 else codes[0]
