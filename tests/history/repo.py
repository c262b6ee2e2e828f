"""Temporary git repositories, built commit by commit, for the history tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Jane Roe",
    "GIT_AUTHOR_EMAIL": "jane@example.org",
    "GIT_COMMITTER_NAME": "Jane Roe",
    "GIT_COMMITTER_EMAIL": "jane@example.org",
    "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+01:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env={**os.environ, **GIT_ENV},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, subject: str, files: dict[str, str] | None = None) -> str:
        """Write the files (name → text; "" removes one) and commit everything."""
        for name, text in (files or {}).items():
            if text:
                self.write(name, text)
            else:
                (self.root / name).unlink()
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", subject)
        return self.git("rev-parse", "HEAD").strip()
