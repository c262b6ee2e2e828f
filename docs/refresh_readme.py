"""Rewrite the output shown under each `$ dossier …` example in README.md with real output.

Run after a deliberate change to a view: `python docs/refresh_readme.py`; tests/test_docs.py
fails when the README and the real output differ. Each ```console block runs in a fresh
temporary folder, its commands in order, at 100 columns, without colour, with today fixed
and against a copy of the repository's sample data, so that a block may write a file and a later
command of it find that file. What a command prints to standard output and standard error is
shown under it, and `(exit N)` when it fails. A command that names its own `--data` first
reads that data instead of the sample.

The examples are not run by a shell: they are split into words as a shell would, and the only
shell syntax understood is a final `> FILE` (standard output into a file of the folder) and a
`# comment`. `$ cat FILE` followed by text writes that text to FILE, for the commands after
it. `$ git …` runs git in the folder with a fixed author and clock, so that commit ids are the
same at every refresh. Anything else (pipes, `&&`, `<`), another command, or an example that
ends in a usage error stops the refresh with the reason, and leaves README.md as it was.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SAMPLE = ROOT / "data" / "clusters.yaml"
FIXED = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "DOSSIER_TODAY": "2026-11-25",
    "TERM": "dumb",
    "TTY_COMPATIBLE": "1",  # the output as a terminal shows it (piped, lists are tab-separated)
    "DOSSIER_NO_CACHE": "1",
}
BLOCK = re.compile(r"(```console\n)(\$ .*?)(\n```)", re.DOTALL)
GIT_FIXED = {
    "GIT_AUTHOR_NAME": "Jane Roe",
    "GIT_AUTHOR_EMAIL": "jane.roe@example.org",
    "GIT_COMMITTER_NAME": "Jane Roe",
    "GIT_COMMITTER_EMAIL": "jane.roe@example.org",
    "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+01:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
USAGE_ERROR = re.compile(r"^(Usage: |Try '.* -h' for help|Error: )", re.MULTILINE)


class ExampleError(Exception):
    """An example that cannot be run as written, or whose output is a usage error."""


def words(command: str) -> tuple[list[str], str | None]:
    """The words of a command and the file its standard output goes to (`> FILE`), if any."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    tokens = list(lexer)
    redirect = None
    if len(tokens) >= 2 and tokens[-2] == ">":
        redirect, tokens = tokens[-1], tokens[:-2]
    operators = [t for t in tokens if t and set(t) <= set("();<>|&")]
    if operators:
        raise ExampleError(f"`{command}`: shell syntax {operators[0]!r} is not run in examples")
    return tokens, redirect


def run_dossier(arguments: list[str], folder: Path, redirect: str | None, sample: Path) -> str:
    """What the user sees after `dossier ARGUMENTS` in `folder`, against `sample` (a copy of
    the repository's sample, so that an example that edits the data leaves it as it is)."""
    data = [] if arguments[:1] == ["--data"] else ["--data", str(sample)]
    command = [sys.executable, "-m", "dossier", *data, *arguments]
    env = {**os.environ, **FIXED}
    env.pop("DOSSIER_DATA", None)
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder)
    shown = result.stderr if redirect else result.stdout + result.stderr
    if redirect:
        (folder / redirect).write_text(result.stdout, encoding="utf-8")
    if result.returncode == 2 and USAGE_ERROR.search(result.stderr):
        raise ExampleError(f"`dossier {shlex.join(arguments)}` is a usage error:\n{shown}")
    lines = [line.rstrip() for line in shown.splitlines()]
    if result.returncode:
        lines.append(f"(exit {result.returncode})")
    return "\n".join(lines)


def render_block(block: str) -> str:
    """A console block with the output of each command replaced by its real output."""
    steps = re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]
    rendered = []
    with tempfile.TemporaryDirectory() as temporary, tempfile.TemporaryDirectory() as copy:
        folder = Path(temporary)
        sample = Path(copy) / SAMPLE.name
        shutil.copyfile(SAMPLE, sample)
        for step in steps:
            command, _, written = step.partition("\n")
            tokens, redirect = words(command)
            if tokens[:1] == ["cat"] and len(tokens) == 2 and redirect is None:
                (folder / tokens[1]).write_text(written + "\n", encoding="utf-8")
                rendered.append(f"$ {command}\n{written}".rstrip("\n"))
            elif tokens[:1] == ["git"]:
                env = {**os.environ, **GIT_FIXED}
                result = subprocess.run(tokens, capture_output=True, text=True, env=env, cwd=folder)
                if result.returncode:
                    raise ExampleError(f"`{command}` failed:\n{result.stderr}")
                output = (result.stdout + result.stderr).rstrip("\n")
                rendered.append(f"$ {command}" + (f"\n{output}" if output else ""))
            elif tokens[:1] == ["dossier"]:
                output = run_dossier(tokens[1:], folder, redirect, sample)
                rendered.append(f"$ {command}" + (f"\n{output}" if output else ""))
            else:
                raise ExampleError(f"`{command}`: only dossier, cat and git are run in examples")
    return "\n".join(rendered)


def render(text: str) -> str:
    """The README with every console example's output made real."""
    return BLOCK.sub(lambda m: m.group(1) + render_block(m.group(2)) + m.group(3), text)


def main() -> int:
    try:
        text = render(README.read_text(encoding="utf-8"))
    except ExampleError as error:
        print(f"refresh_readme: {error}", file=sys.stderr)
        return 1
    README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
