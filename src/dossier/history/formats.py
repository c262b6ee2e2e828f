"""The formats `diff` and `log` write (their `--format`); plain enums, cheap to import at
start-up."""

from __future__ import annotations

import enum


class DiffFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"


class LogFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
