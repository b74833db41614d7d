import contextlib
import logging

from django import template
from django.core.cache import cache

from home import navigation, visibility

register = template.Library()
logger = logging.getLogger(__name__)

SERVICE_MODELS = {"leichtesprachepage": "leichte_sprache", "gebaerdensprachepage": "gebaerdensprache"}

# Schlichtungsstelle nach § 16 BGG (federal conciliation body).
SCHLICHTUNGSSTELLE = {
    "name": "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der "
    "Bundesregierung für die Belange von Menschen mit Behinderungen",
    "street": "Mauerstraße 53",
    "city": "10117 Berlin",
    "phone": "030 18 527-2805",
    "email": "info@schlichtungsstelle-bgg.de",
    "url": "https://www.schlichtungsstelle-bgg.de",
}


@register.simple_tag(takes_context=True)
def service_pages(context):
    """The live Leichte-Sprache and Gebärdensprache pages below the start page (for header and footer).

    Read from the start page's children that the menu has loaded already: no extra query.
    """
    request = context.get("request")
    found = {}
    for page in navigation.top_level(request):
        key = SERVICE_MODELS.get(page.specific_class._meta.model_name if page.specific_class else "")
        if key and key not in found and visibility.can_see_page(request, page):
            found[key] = page
    return found


@register.inclusion_tag("accessibility/includes/report_form.html", takes_context=True)
def barrier_report_form(context):
    from accessibility import reports
    from accessibility.forms import BarrierReportForm

    request = context.get("request")
    page = context.get("page")
    return {
        "form": BarrierReportForm(initial={"page_url": page.url if page else ""}),
        "feedback_email": reports.feedback_address(),
        "retention_days": reports.retention_days(),
        "request": request,
    }


@register.inclusion_tag("accessibility/includes/schlichtungsstelle.html")
def schlichtungsstelle():
    return {"s": SCHLICHTUNGSSTELLE}


@register.simple_tag
def video_facts(document):
    """Size, running time and format of a video document, read from the file (cached by content hash)."""
    from documents_app.video import VideoError, probe

    if document is None:
        return None
    key = f"video-facts:{document.pk}:{document.file_hash or document.file.name}"
    try:
        facts = cache.get(key)
    except Exception:  # noqa: BLE001
        facts = None
    if facts is None:
        try:
            with document.file.open("rb") as handle:
                info = probe(handle)
        except (VideoError, OSError, ValueError):
            logger.warning("Video %s could not be read", document.pk, exc_info=True)
            return None
        mime = "video/webm" if document.filename.lower().endswith(".webm") else "video/mp4"
        size = document.file_size or document.file.size
        facts = {
            "mime": mime,
            "size_mb": f"{size / 1_000_000:.{2 if size < 1_000_000 else 1}f}".replace(".", ","),
            "duration": info.duration_label,
            "width": info.width,
            "height": info.height,
            "format": "WebM" if mime == "video/webm" else "MP4",
        }
        with contextlib.suppress(Exception):  # a cache outage only costs a fresh computation
            cache.set(key, facts, 7 * 24 * 3600)
    return facts
