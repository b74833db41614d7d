"""System check: the public address is configured once (WAGTAILADMIN_BASE_URL = the Site record)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError


@register("blok")
def public_address_matches_site(app_configs=None, **kwargs):
    from wagtail.models import Page, Site

    base = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    if not base.hostname:
        return []
    port = base.port or (443 if base.scheme == "https" else 80)
    try:
        site = Site.objects.filter(is_default_site=True).select_related("root_page__content_type").first()
    except DatabaseError:  # not migrated yet
        return []
    if site is None or (site.hostname, site.port) == (base.hostname, port):
        return []
    if site.root_page.content_type.model_class() is Page:
        # Wagtail's placeholder site ("Welcome" page) before the first load_initial_data, which
        # takes the address over: on a first start nothing needs doing by hand.
        return []
    return [
        Warning(
            f"WAGTAILADMIN_BASE_URL ({settings.WAGTAILADMIN_BASE_URL}) und die Standard-Website "
            f"({site.hostname}:{site.port}) nennen verschiedene Adressen.",
            hint="Beide auf die öffentliche Adresse setzen: Admin → Einstellungen → Websites, oder "
            "manage.py load_initial_data (übernimmt WAGTAILADMIN_BASE_URL für lokale Adressen).",
            id="blok.W001",
        )
    ]
