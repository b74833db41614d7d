import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Site

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(Page.objects.values_list("url_path", "title", "latest_revision_id"))


def test_load_initial_data_builds_the_menu_tree(client):
    call_command("load_initial_data", verbosity=0, stdout=None)
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    slugs = [page.slug for page in home.get_children().in_menu()]
    assert slugs == [
        "projektziele",
        "projektstruktur",
        "projektteilnehmer",
        "fachtagungen",
        "dokumente",
        "interner-bereich",
        "impressum",
    ]
    assert set(Group.objects.values_list("name", flat=True)) >= {"Mitglieder", "Redaktion", "Freigabe"}
    restriction = PageViewRestriction.objects.get(page__slug="interner-bereich")
    assert list(restriction.groups.values_list("name", flat=True)) == ["Mitglieder"]


def test_load_initial_data_twice_changes_nothing():
    call_command("load_initial_data")
    before = snapshot()
    call_command("load_initial_data")
    assert snapshot() == before


def test_load_initial_data_keeps_editors_changes():
    call_command("load_initial_data")
    page = StandardPage.objects.get(slug="projektziele")
    page.title = "Unsere Projektziele"
    page.intro = "Von der Redaktion geändert."
    page.save_revision().publish()
    call_command("load_initial_data")
    page.refresh_from_db()
    assert page.title == "Unsere Projektziele"
    assert page.intro == "Von der Redaktion geändert."


def test_load_initial_data_completes_a_half_built_tree():
    call_command("load_initial_data")
    StandardPage.objects.get(slug="projektstruktur").delete()
    Page.objects.get(slug="impressum").delete()
    call_command("load_initial_data")
    home = HomePage.objects.get()
    assert home.get_children().filter(slug="projektstruktur").exists()
    assert home.get_children().filter(slug="impressum").exists()
    slugs = [page.slug for page in home.get_children().in_menu()]
    assert slugs.index("projektstruktur") == 1
    assert slugs[-1] == "impressum"


def test_admin_password_is_generated_and_printed(tmp_path, monkeypatch, capsys):
    from home.management.commands import ensure_admin

    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "admin-password")
    call_command("ensure_admin")
    output = capsys.readouterr().out
    password = (tmp_path / "admin-password").read_text().strip()
    assert len(password) >= 16
    assert password in output
    from django.contrib.auth import authenticate

    assert authenticate(username="admin", password=password) is not None


def test_site_address_comes_from_the_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.blok.example"
    call_command("load_initial_data")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.blok.example", 443)
    site.hostname = "blok.example.org"
    site.save()
    call_command("load_initial_data")
    site.refresh_from_db()
    assert site.hostname == "blok.example.org"


def test_start_page_links_the_landkreistag(client, site_tree):
    from bs4 import BeautifulSoup

    main = BeautifulSoup(client.get("/").content, "html.parser").select_one("main")
    links = {a.get_text(" ", strip=True): a["href"] for a in main.select("a[href]")}
    assert links.get("Deutschen Landkreistags") == "https://www.landkreistag.de/"
