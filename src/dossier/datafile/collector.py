"""Keeping the cyclic garbage collector away from work that creates no garbage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collections inside; afterwards, what was made there is frozen out of the collector's
    reach.

    Importing the libraries, and loading a dossier, allocate many thousands of objects that
    live until the process ends. The collector would scan them again and again for nothing
    while they are made, at each later full collection, and once more at exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
