"""A Redis cache that fails soft: errors and timeouts are cache misses, never exceptions.

Why our own thin wrapper rather than django-redis: Django's built-in ``RedisCache`` is what the
project already uses (one dependency less, the same key format and serializer), and the two
things missing are small — socket timeouts and turning Redis errors into misses. On top of that
the wrapper has a circuit breaker, which django-redis' ``IGNORE_EXCEPTIONS`` does not: after one
failure the cache is skipped for ``RETRY_AFTER`` seconds (default 5) in this process, so a hung
Redis costs one socket timeout per process and pause, not one per cache call. A page makes a
handful of cache calls (page cache, Wagtail's site root paths, the data cache); without the
breaker each would wait for the timeout.

Options (``CACHES[alias]["OPTIONS"]``, the rest goes to redis-py's connection pool):

* ``socket_connect_timeout`` / ``socket_timeout``: seconds (defaults 0.25 / 0.5).
* ``RETRY_AFTER``: seconds the breaker stays open (default 5).
* ``ON_RECOVERY``: dotted path of a function called once when Redis answers again after an
  outage (the page cache uses it to drop entries that a lost invalidation may have left stale).

Sessions are not kept here (production uses database sessions): a logout during an outage could
not delete a cached session, which would come back with Redis.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Breaker state per Redis location, shared by the threads of a process
# (Django creates one cache object per thread).
_open_until: dict[str, float] = {}
_lock = threading.Lock()


def _errors():
    import redis

    return (redis.RedisError, OSError)


class FaultTolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self._on_recovery = options.pop("ON_RECOVERY", None)
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        # One breaker per Redis server: the default and the page cache share its fate.
        self._breaker = str(server)

    # --- breaker --------------------------------------------------------------------------------

    def is_available(self):
        """False while the breaker is open (Redis failed less than RETRY_AFTER seconds ago)."""
        return _open_until.get(self._breaker, 0) <= time.monotonic()

    def _call(self, fallback, method, *args, **kwargs):
        was_open = self._breaker in _open_until
        if was_open and not self.is_available():
            return fallback
        try:
            result = method(*args, **kwargs)
        except _errors() as error:
            with _lock:
                first = self._breaker not in _open_until
                _open_until[self._breaker] = time.monotonic() + self.retry_after
            if first:
                logger.warning("Redis cache %s unavailable, serving without it: %s", self.key_prefix or "-", error)
            return fallback
        if was_open:
            with _lock:
                recovered = _open_until.pop(self._breaker, None) is not None
            if recovered:
                logger.warning("Redis cache %s available again", self.key_prefix or "-")
                self._recovered()
        return result

    def _recovered(self):
        if not self._on_recovery:
            return
        try:
            import_string(self._on_recovery)(self)
        except Exception:
            logger.exception("cache recovery hook failed")

    def ping(self):
        """For the health check: ask Redis directly (ignores the breaker), True when it answers."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except _errors():
            return False

    # --- the cache API, every call guarded ------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call(missing, super().incr, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)
