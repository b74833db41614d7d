import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(settings_module, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check("blok_cms.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_secret_key():
    result = run_check("blok_cms.settings.production", SECRET_KEY="x" * 60)
    assert result.returncode == 0, result.stderr


def test_base_settings_are_german_and_berlin():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.USE_TZ
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
