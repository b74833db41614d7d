"""Downloads pass Django with safe headers; user-dependent responses are never cacheable."""

import pytest
from django.core.files.base import ContentFile

from documents_app.pdf import make_pdf

from .factories import DocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_document(site_tree):
    return DocumentFactory(
        title="Flyer",
        collection=site_tree.collections["Öffentlich"],
        file=ContentFile(make_pdf("Flyer", ["Text"]), name="flyer.pdf"),
    )


@pytest.fixture
def internal_document(site_tree):
    return DocumentFactory(
        title="Protokoll",
        collection=site_tree.collections["Intern"],
        file=ContentFile(make_pdf("Protokoll", ["Text"]), name="protokoll.pdf"),
    )


def content_of(response):
    return b"".join(response.streaming_content)


def test_public_download_is_an_attachment_with_nosniff(client, public_document):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="flyer.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Encoding" not in response
    assert content_of(response).startswith(b"%PDF-")
    assert "private" not in response.get("Cache-Control", "")
    assert "Set-Cookie" not in response


def test_internal_download_for_member_is_private_and_never_stored(member_client, internal_document):
    response = member_client.get(internal_document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control


def test_internal_download_sends_anonymous_reader_to_login(client, internal_document):
    response = client.get(internal_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    ["/downloads/{pk}/falsch.pdf", "/downloads/999999/protokoll.pdf", "/downloads/{pk}/protokoll.PDF"],
)
def test_download_with_wrong_id_or_filename_is_404(member_client, internal_document, url):
    assert member_client.get(url.format(pk=internal_document.pk)).status_code == 404


def test_media_folder_is_not_served_by_django(client, public_document):
    assert client.get(f"/media/{public_document.file.name}").status_code == 404


def test_public_page_for_anonymous_reader_sets_no_cookie_and_is_not_private(client, site_tree):
    response = client.get("/projektziele/")
    assert response.status_code == 200
    assert not response.cookies
    assert "private" not in response.get("Cache-Control", "")


def test_public_page_for_logged_in_member_is_private(member_client, site_tree):
    response = member_client.get("/projektziele/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_restricted_page_is_private_for_member_and_for_anonymous_redirect(client, member, internal):
    page = StandardPageFactory(parent=internal, title="Intern", slug="intern")
    anonymous = client.get(page.url)
    assert anonymous.status_code == 302
    assert "no-store" in anonymous["Cache-Control"]
    client.force_login(member)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_password_pages_are_never_cached(client, site_tree):
    for url in ("/konto/passwort-vergessen/", "/anmelden/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
