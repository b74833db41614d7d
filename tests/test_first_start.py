"""What an operator meets on the first start: the demo member, one public address."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Site

from ops.checks import public_address_matches_site

pytestmark = pytest.mark.django_db


def test_demo_member_is_created_printed_and_can_log_in(site_tree, tmp_path, monkeypatch, capsys, settings):
    from home.management.commands import ensure_admin

    # make run PORT=8102: load_initial_data has taken the address into the Site, which ensure_admin prints.
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8102)
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "admin-password")
    monkeypatch.setattr(ensure_admin, "MEMBER_PASSWORD_FILE", tmp_path / "member-password")
    call_command("ensure_admin")
    output = capsys.readouterr().out
    password = (tmp_path / "member-password").read_text().strip()
    assert (tmp_path / "member-password").stat().st_mode & 0o777 == 0o600
    assert "Benutzer: mitglied" in output and password in output
    assert "http://127.0.0.1:8102/admin/" in output and "http://127.0.0.1:8102/anmelden/" in output
    member = authenticate(username="mitglied", password=password)
    assert member is not None and not member.is_staff
    assert list(member.groups.values_list("name", flat=True)) == ["Mitglieder"]
    # A second run prints the stored password and changes nothing.
    call_command("ensure_admin")
    assert password in capsys.readouterr().out


def test_local_site_follows_the_address_make_run_uses(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    call_command("load_initial_data")
    assert public_address_matches_site() == []
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8102"  # make run PORT=8102
    warnings = public_address_matches_site()
    assert [w.id for w in warnings] == ["blok.W001"]
    call_command("load_initial_data")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8102)
    assert public_address_matches_site() == []


def test_fresh_database_gives_no_address_warning_before_the_first_load(settings):
    # The migrations' placeholder site (localhost, "Welcome" page): load_initial_data is about
    # to take the address over, so make run's first start prints no warning.
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8677"
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert public_address_matches_site() == []
    call_command("load_initial_data")
    assert public_address_matches_site() == []
