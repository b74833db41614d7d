"""Backup and restore (scripts/backup.sh, scripts/restore.sh) on PostgreSQL."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from .factories import DocumentFactory, StandardPageFactory

SCRIPTS = Path(settings.BASE_DIR) / "scripts"


def database_url(name):
    config = connection.settings_dict
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_the_same_pages_and_documents(site_tree, tmp_path, fresh_database):
    page = StandardPageFactory(parent=site_tree.home, title="Protokoll der Lenkungsgruppe", slug="protokoll")
    document = DocumentFactory(title="Jahresbericht 2019")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": settings.MEDIA_ROOT,
    }

    backup = subprocess.run(  # noqa: S603
        [SCRIPTS / "backup.sh", tmp_path / "backups"], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert (Path(backup) / "database.dump").stat().st_size > 0

    restored_media = tmp_path / "restored-media"
    restore_env = {**env, "DATABASE_URL": database_url(fresh_database), "MEDIA_ROOT": str(restored_media)}
    subprocess.run([SCRIPTS / "restore.sh", backup], env=restore_env, capture_output=True, text=True, check=True)  # noqa: S603

    with psycopg.connect(database_url(fresh_database)) as restored:
        pages = dict(restored.execute("SELECT url_path, title FROM wagtailcore_page WHERE live").fetchall())
        documents = dict(restored.execute("SELECT title, file FROM documents_app_blokdocument").fetchall())
    from wagtail.models import Page

    assert pages == dict(Page.objects.live().values_list("url_path", "title"))
    assert pages[page.url_path] == "Protokoll der Lenkungsgruppe"
    assert documents == {"Jahresbericht 2019": document.file.name}
    assert (restored_media / document.file.name).read_bytes() == Path(
        settings.MEDIA_ROOT, document.file.name
    ).read_bytes()


def test_backup_scripts_are_executable_and_refuse_sqlite(tmp_path):
    for script in ("backup.sh", "restore.sh"):
        assert os.access(SCRIPTS / script, os.X_OK)
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    result = subprocess.run(  # noqa: S603
        [SCRIPTS / "backup.sh", tmp_path],
        env={**os.environ, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "PostgreSQL" in result.stderr
