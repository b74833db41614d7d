import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.models import EventPage, EventType
from events.models.pages import visible_events
from home import visibility
from ops import datacache

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _resolve_type(event_type):
    if event_type in (None, ""):
        return None
    if isinstance(event_type, EventType):
        return event_type
    value = str(event_type).strip()
    return EventType.objects.filter(slug=value).first() or EventType.objects.filter(name__iexact=value).first()


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, count=3, event_type=""):
    """The next events this request may see (start page Terminankündigung, "Termine" block).

    ``event_type`` may be an EventType, its slug or its name; an unknown type shows no events.
    """
    request = context.get("request")
    try:
        count = max(1, min(int(count or 3), 12))
    except (TypeError, ValueError):
        count = 3

    def build():
        events = visible_events(request, EventPage.objects.upcoming()).for_listing()
        if event_type not in (None, ""):
            resolved = _resolve_type(event_type)
            events = events.of_type(resolved) if resolved is not None else events.none()
        return list(events[:count])

    # Shared by all readers who may see the same subtrees (see ops/datacache.py).
    hidden = visibility.get_visibility(request).hidden_page_paths if request is not None else "anonymous"
    kind = event_type.pk if isinstance(event_type, EventType) else str(event_type or "")
    key = (hidden, count, kind)
    return {"events": datacache.get_or_build(request, "upcoming-events", key, build), "request": request}


@register.simple_tag
def json_ld(data):
    """``<script type="application/ld+json">`` with the data escaped like ``json_script``."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_json_ld(context, page):
    """The page's own JSON-LD (``page.json_ld(request)``): with the request, links and the site
    come from what routing has already looked up."""
    return json_ld(page.json_ld(context.get("request")))


@register.filter
def kind_label(kind):
    from events.models import EventAttachment

    return dict(EventAttachment.KIND_CHOICES).get(kind, "")
