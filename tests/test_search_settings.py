"""The search backend is chosen by configuration (database by default, a search server by env)."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

BASE_SETTINGS = Path(__file__).resolve().parent.parent / "blok_cms" / "settings" / "base.py"


def _backends(monkeypatch, **env):
    monkeypatch.delenv("SEARCH_BACKEND", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(BASE_SETTINGS))["WAGTAILSEARCH_BACKENDS"]["default"]


def test_default_is_the_german_database_backend(monkeypatch):
    backend = _backends(monkeypatch)
    assert backend == {"BACKEND": "search.backends", "SEARCH_CONFIG": "german"}


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("elasticsearch", "wagtail.search.backends.elasticsearch8"),
        ("opensearch", "wagtail.search.backends.opensearch2"),
    ],
)
def test_search_server_is_selected_by_environment(monkeypatch, name, module):
    backend = _backends(monkeypatch, SEARCH_BACKEND=name, SEARCH_URL="https://a:9200,https://b:9200")
    assert backend["BACKEND"] == module
    assert backend["URLS"] == ["https://a:9200", "https://b:9200"]
    assert "german_normalization" in str(backend["INDEX_SETTINGS"])


def test_unknown_backend_name_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        _backends(monkeypatch, SEARCH_BACKEND="solr")
