"""The block library: every block renders, broken content never breaks a page."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from home.blocks import BaseStreamBlock

from .factories import DocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_every_block_has_german_label_icon_template_and_help_text():
    for name, block in BaseStreamBlock().child_blocks.items():
        meta = block.meta
        assert meta.label and meta.label[0].isupper(), name
        assert meta.icon, name
        assert meta.template.startswith("components/streamfield/blocks/"), name
        assert getattr(meta, "help_text", None), name


def test_every_block_with_preview_value_renders(site_tree):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    for name, block in BaseStreamBlock().child_blocks.items():
        preview = getattr(block.meta, "preview_value", None)
        if preview is None:
            continue
        html = block.render(block.to_python(preview) if isinstance(preview, dict) else preview, {"request": request})
        assert html.strip(), name


def test_page_with_empty_and_broken_blocks_still_renders(client, home):
    page = StandardPageFactory(parent=home, title="Kaputte Blöcke")
    page.body = [
        ("heading", {"text": "", "level": "h2"}),
        ("paragraph", ""),
        ("image", {"image": None, "caption": "", "credit": ""}),
        ("document_list", {"heading": "Leer", "documents": []}),
    ]
    page.save_revision().publish()
    # A block type that no longer exists in the code (e.g. after a refactoring).
    raw = list(page.body.raw_data)
    raw.append({"type": "removed_block", "value": {"x": 1}, "id": "abc"})
    type(page).objects.filter(pk=page.pk).update(body=raw)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Kaputte Blöcke" in response.content.decode()


def test_document_list_hides_internal_documents_from_anonymous(client, home, site_tree, member):
    internal_doc = DocumentFactory(collection=site_tree.collections["Intern"], title="Vertrauliches Protokoll")
    public_doc = DocumentFactory(collection=site_tree.collections["Öffentlich"], title="Öffentlicher Bericht")
    page = StandardPageFactory(parent=home, title="Unterlagen")
    page.body = [("document_list", {"heading": "Unterlagen", "documents": [internal_doc, public_doc]})]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Öffentlicher Bericht" in html
    assert "Vertrauliches Protokoll" not in html
    assert internal_doc.url not in html
    client.force_login(member)
    html = client.get(page.url).content.decode()
    assert "Vertrauliches Protokoll" in html


def test_link_to_internal_page_hides_its_title_from_anonymous(client, home, internal, member):
    secret = StandardPageFactory(parent=internal, title="Geheimsache Kennzahlen")
    page = StandardPageFactory(parent=home, title="Mit Links")
    page.body = [
        ("link_list", {"heading": "Links", "links": [{"label": "", "page": secret, "document": None, "url": ""}]})
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Geheimsache Kennzahlen" not in html
    assert secret.url not in html
    assert "nur für Mitglieder" in html
    client.force_login(member)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert any("Geheimsache Kennzahlen" in a.get_text() for a in soup.select(".block-link-list a"))


def test_link_block_requires_exactly_one_target():
    from django.core.exceptions import ValidationError

    from home.blocks import LinkBlock

    block = LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "x", "page": None, "document": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "x", "page": None, "document": None, "url": "https://example.org"}) | {})


def test_events_teaser_offers_the_editable_event_types(db):
    from home.blocks import EventsTeaserBlock

    from .factories import EventTypeFactory

    EventTypeFactory(name="Fachtagung", slug="fachtagung")
    field = EventsTeaserBlock().child_blocks["event_type"].field
    assert ("fachtagung", "Fachtagung") in list(field.choices)
    assert list(field.choices)[0] == ("", "Alle Arten")
