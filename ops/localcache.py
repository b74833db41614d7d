"""A process's own copy of shared cache entries (the data cache's and the page cache's): the
entries it has read or written, each until the expiry stored with it in the shared store, the
least recently used dropped first when the copy is full.

The shared store stays the authority: both caches put the version token into every key and read
the token from the shared store on every request, so an invalidation in another process makes the
copies unreachable at once.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict

from django.conf import settings

MISSING = object()


_IMMUTABLE = (str, bytes, int, float, bool, type(None))


def _shareable(value) -> bool:
    """True for values no request can change: plain strings and numbers, tuples of them."""
    if isinstance(value, _IMMUTABLE):
        return True
    return type(value) in (tuple, frozenset) and all(_shareable(item) for item in value)


def _size(value) -> int:
    if isinstance(value, (str, bytes)):
        return len(value) + 64
    if isinstance(value, (tuple, frozenset)):
        return 64 + sum(_size(item) for item in value)
    return 64


class LocalEntries:
    """The entries this process has read or written, least recently used dropped first."""

    def __init__(self, limit_setting: str):
        self._limit_setting = limit_setting
        self._entries: OrderedDict = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return MISSING
            expires, shared, stored, size = entry
            if expires <= time.time():
                del self._entries[key]
                self._bytes -= size
                return MISSING
            self._entries.move_to_end(key)
        return stored if shared else pickle.loads(stored)  # noqa: S301 — written by this process

    def put(self, key, value, expires) -> None:
        limit = getattr(settings, self._limit_setting)
        if limit <= 0:
            return
        shared = _shareable(value)
        try:
            stored = value if shared else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 — a value the store could not pickle either
            return
        size = _size(stored)
        if size > limit // 4:
            return  # one huge entry would push out everything else
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[3]
            self._entries[key] = (expires, shared, stored, size)
            self._bytes += size
            while self._bytes > limit and self._entries:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped[3]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
