"""Pause Python's cyclic garbage collector around bulk work that makes no garbage cycles.

An import write or a search-name reload creates hundreds of thousands of small objects; the
collector would only rescan them again and again. The pause is process-wide, so it is counted:
two threads can pause at once, and collection resumes when the last one finishes (and only if
it was on before the first began).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"depth": 0, "was_enabled": False}


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Run the ``with`` block with the cyclic collector off."""
    with _lock:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()
