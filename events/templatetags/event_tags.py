from django import template
from django.utils import timezone

from events.models import EventPage
from home import visibility

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, count=3, event_type=""):
    """The next events this request may see (start page Terminankündigung, "Termine" block)."""
    request = context.get("request")
    events = visibility.visible_pages(request, EventPage.objects.filter(end__gte=timezone.now()))
    events = events.order_by("start")[: max(1, min(int(count or 3), 12))]
    return {"events": list(events), "request": request}
