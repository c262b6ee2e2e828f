"""Entry point: `dossier` and `python -m dossier`."""

from __future__ import annotations

import sys


def _stop(signum: int, frame: object) -> None:
    """SIGTERM and SIGHUP (`timeout`, a cancelled CI job, a closed terminal) stop the run as
    Ctrl-C does, through every cleanup on the way out: no partial temporary is left."""
    raise SystemExit(128 + signum)


def main() -> None:
    # `--version` alone needs none of the libraries the commands use (nor `signal`, whose
    # enums cost more than the rest of this answer).
    if sys.argv[1:] == ["--version"]:
        from dossier import version_line

        print(version_line())
        return
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    from dossier.datafile import collector

    with collector.paused():  # the libraries' modules and classes live as long as the process
        from dossier.cli import app

    try:
        app()
    except BrokenPipeError:  # a closed pipe outside a command (Click's own help or errors)
        from dossier.files import silence_stdout

        silence_stdout()
        sys.exit(1)


if __name__ == "__main__":
    main()
