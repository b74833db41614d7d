"""A registration changes what its event shows (free seats, "Warteliste", "ausgebucht") and
nothing else that readers see: it drops only that event's cached page and calendar file from the
page cache (``ops.pagecache.forget_pages``), not the whole site's cache. Lists, the calendar and
the feeds show no seats. The model is listed in ``PAGE_CACHE_IGNORED_MODELS`` so that the
general rule ("any content change clears the page cache") leaves it out.
"""

from django.db.models.signals import post_delete, post_save

#: The event's own addresses that show or carry its registration state.
EVENT_SUBPATHS = ("", "ical/")


def _forget_event(sender, instance, raw=False, **kwargs):
    from events.models import EventPage
    from ops import pagecache

    if raw:
        return
    event = EventPage.objects.filter(pk=instance.event_id).first()
    if event is not None:
        pagecache.forget_pages([(event, EVENT_SUBPATHS)])


def connect():
    from events.models import Registration

    post_save.connect(_forget_event, sender=Registration, dispatch_uid="blok_events_registration_saved")
    post_delete.connect(_forget_event, sender=Registration, dispatch_uid="blok_events_registration_deleted")
