"""RSS and Atom feeds of the upcoming events (Django's syndication framework).

Feeds are read by programs that are not logged in, so they carry public events only.

Entry ids are ``urn:uuid:<translation key>`` (an absolute IRI, stable across edits, moves and
renames; RFC 4287 4.2.6), every entry has an ``updated`` date, and the feed names BLOK as its author
(RFC 4287 4.1.1 wants an author at feed level when the entries have none).
"""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from home import public_address, visibility

FEED_SIZE = 50
AUTHOR_NAME = "BLOK – Benchlearning der Optionskommunen"


class UpcomingEventsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "de"
    description = "Die nächsten Fachtagungen und Termine von BLOK – Benchlearning der Optionskommunen."

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response

    def title(self):
        return f"{self.index_page.title} – BLOK"

    # Absolute URLs on the Site's address: Django would prefix relative ones with the request's
    # host name (``RequestSite``), which need not be the public address.
    def link(self):
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        return public_address.absolute(self.request.path, self.request)

    def author_name(self):
        return AUTHOR_NAME

    def author_link(self):
        site = self.index_page.get_site()
        return site.root_page.get_full_url(self.request) if site else None

    def items(self):
        from events.models import EventPage

        events = visibility.visible_pages(None, EventPage.objects.upcoming())
        return events.for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.date_display, item.place_display, item.teaser]
        return "\n".join(part for part in parts if part)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        # Atom requires an updated date on every entry; a live page always has a publication date,
        # the fallbacks cover pages created outside the publishing flow (imports, scripts).
        return item.last_published_at or item.latest_revision_created_at or item.first_published_at or timezone.now()

    def item_categories(self, item):
        return [item.event_type.name] if item.event_type_id else []


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description
