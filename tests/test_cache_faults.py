"""The fault-tolerant Redis cache (ops/cache.py), the health check's degraded state and the 503
page for an unreachable database — in process; tests/test_faults.py runs the same faults against
gunicorn with production settings."""

import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from ops import cache as fault_cache
from ops.cache import FaultTolerantRedisCache

from .faults import CACHE_CLOSED_PORT, CACHE_HUNG_PORT, REAL_REDIS, ClosedPort, HungServer, reachable

pytestmark = pytest.mark.django_db

CLOSED = CACHE_CLOSED_PORT
HUNG = CACHE_HUNG_PORT


@pytest.fixture(autouse=True)
def _fresh_breakers():
    fault_cache._open_until.clear()
    yield
    fault_cache._open_until.clear()


def make_cache(port, **options):
    return FaultTolerantRedisCache(
        f"redis://127.0.0.1:{port}/10",
        {
            "KEY_PREFIX": "blok-test-faults",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.3, **options},
        },
    )


@pytest.fixture
def closed_port():
    port = ClosedPort(CLOSED)
    yield port.port
    port.close()


@pytest.fixture
def hung_port():
    server = HungServer(HUNG)
    yield server.port
    server.close()


def test_errors_are_cache_misses(closed_port):
    cache = make_cache(closed_port)
    assert cache.get("a", "fallback") == "fallback"
    assert cache.set("a", 1) is False
    assert cache.add("a", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    assert cache.delete("a") is False
    assert cache.get_or_set("a", 5) == 5
    with pytest.raises(ValueError):
        cache.incr("a")
    assert cache.ping() is False


def test_a_hung_redis_costs_one_timeout_then_the_breaker_skips_it(hung_port):
    cache = make_cache(hung_port, RETRY_AFTER=30)
    started = time.monotonic()
    assert cache.get("a") is None
    first = time.monotonic() - started
    assert 0.2 <= first < 1.5
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("a") is None
        cache.set("a", 1)
    assert time.monotonic() - started < 0.1
    assert not cache.is_available()


def test_the_breaker_is_shared_by_caches_on_the_same_server(hung_port):
    default, pages = make_cache(hung_port, RETRY_AFTER=30), make_cache(hung_port, RETRY_AFTER=30)
    default.get("a")
    started = time.monotonic()
    pages.get("a")
    assert time.monotonic() - started < 0.05


@pytest.mark.skipif(not reachable(*REAL_REDIS), reason="no Redis on 127.0.0.1:6379")
def test_recovery_runs_the_hook_once(settings):
    calls = []
    with mock.patch("ops.pagecache.on_cache_recovery", side_effect=calls.append):
        cache = make_cache(REAL_REDIS[1], ON_RECOVERY="ops.pagecache.on_cache_recovery", RETRY_AFTER=0)
        fault_cache._open_until[cache._breaker] = 0  # an outage has just ended
        cache.set("blok-test-faults-key", "x", 5)
        assert cache.get("blok-test-faults-key") == "x"
    assert calls == [cache]


@pytest.mark.skipif(not reachable(*REAL_REDIS), reason="no Redis on 127.0.0.1:6379")
def test_page_cache_is_dropped_when_redis_comes_back():
    from ops import pagecache

    cache = make_cache(REAL_REDIS[1])
    cache.set(pagecache.VERSION_KEY, "alt", None)
    pagecache.on_cache_recovery(cache)
    assert cache.get(pagecache.VERSION_KEY) not in (None, "alt")


def test_healthz_is_degraded_not_down_when_the_cache_fails(client, settings, closed_port):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "ops.cache.FaultTolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/10",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "error"}


def test_database_unavailable_is_a_german_503_with_retry_after(site_tree):
    client = Client(raise_request_exception=False)
    with mock.patch("home.models.HomePage.serve", side_effect=OperationalError("connection refused")):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Vorübergehend nicht erreichbar" in response.content.decode()


def test_other_errors_stay_a_500(site_tree):
    client = Client(raise_request_exception=False)
    with mock.patch("home.models.HomePage.serve", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Technischer Fehler" in response.content.decode()
