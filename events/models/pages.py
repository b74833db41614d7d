"""The Fachtagungen calendar and its events."""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from events import dates
from home import visibility
from home.blocks import BaseStreamBlock
from home.models.mixins import BasePage
from home.models.pages import IntroBodyPage

#: Years the calendar accepts in addresses; anything else is a 404.
MIN_YEAR, MAX_YEAR = 1990, 2100
PAGE_SIZE = 20


class EventPageQuerySet(PageQuerySet):
    """Calendar queries. Visibility is applied on top with ``home.visibility.visible_pages``."""

    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def overlapping(self, first_day: datetime.date, last_day: datetime.date):
        """Events covering at least one Berlin calendar day from first_day to last_day (inclusive)."""
        begin = dates.berlin_midnight(first_day)
        stop = dates.berlin_midnight(last_day + datetime.timedelta(days=1))
        return self.filter(start__lt=stop, end__gte=begin).order_by("start", "pk")

    def of_type(self, event_type):
        return self.filter(event_type=event_type) if event_type is not None else self

    def for_listing(self):
        """Rows for lists, teasers and feeds: with the event type, without the StreamField body
        (the largest column, which no list shows)."""
        return self.select_related("event_type").defer_streamfields()


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


def visible_events(request, queryset=None):
    """EventPages anywhere in the tree that this request may see (the visibility rule)."""
    queryset = EventPage.objects.all() if queryset is None else queryset
    return visibility.visible_pages(request, queryset)


class EventIndexPage(RoutablePageMixin, IntroBodyPage):
    """The Fachtagungen calendar: upcoming events, archive by year, month view, feeds.

    Lists EventPages from anywhere in the tree (internal ones live under the Interner Bereich),
    always filtered through the visibility rule.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = "Veranstaltungskalender"
        verbose_name_plural = "Veranstaltungskalender"

    # --- helpers -------------------------------------------------------------------------------

    def _event_types(self, request):
        from events.models import EventType
        from ops import datacache

        # The same for every reader; shared until the next change (ops/datacache.py).
        return datacache.get_or_build(request, "event-types", (), lambda: list(EventType.objects.all()))

    def _selected_type(self, request, event_types):
        slug = request.GET.get("typ", "")
        return next((t for t in event_types if t.slug == slug), None)

    def _base_context(self, request, view):
        event_types = self._event_types(request)
        selected = self._selected_type(request, event_types)
        return {
            "view": view,
            "event_types": event_types,
            "selected_type": selected,
            "unknown_type": bool(request.GET.get("typ")) and selected is None,
            "type_query": f"typ={selected.slug}" if selected else "",
        }

    def _paginate(self, request, make_queryset):
        """The page of the list, built and evaluated only when the template shows it: a fragment
        taken from the fragment cache (ops/fragmentcache.py) costs neither a query nor building one."""
        return SimpleLazyObject(lambda: Paginator(make_queryset(), PAGE_SIZE).get_page(request.GET.get("page")))

    def archive_years(self, request):
        now = timezone.now()
        stamps = visible_events(request, EventPage.objects.past(now)).datetimes(
            "start", "year", order="DESC", tzinfo=dates.BERLIN
        )
        return [stamp.year for stamp in stamps]

    @staticmethod
    def _check_year(year):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise Http404("Kein gültiges Jahr.")

    # --- views ---------------------------------------------------------------------------------

    @path("")
    def upcoming_view(self, request):
        context = self._base_context(request, "upcoming")
        selected = context["selected_type"]
        context["events_page"] = self._paginate(
            request, lambda: visible_events(request, EventPage.objects.upcoming()).of_type(selected).for_listing()
        )
        return self.render(request, context_overrides=context)

    @path("archiv/")
    def archive_index_view(self, request):
        years = self.archive_years(request)
        if years:
            return redirect(self.url + self.reverse_subpage("archive", args=[years[0]]))
        context = self._base_context(request, "archive")
        context.update(archive_years=[], year=None, events_page=None)
        return self.render(request, context_overrides=context, template="events/event_archive.html")

    @path("archiv/<int:year>/", name="archive")
    def archive_view(self, request, year):
        self._check_year(year)
        context = self._base_context(request, "archive")
        begin = dates.berlin_midnight(datetime.date(year, 1, 1))
        stop = dates.berlin_midnight(datetime.date(year + 1, 1, 1))
        selected = context["selected_type"]

        def events():
            in_year = EventPage.objects.past().filter(start__gte=begin, start__lt=stop)
            return visible_events(request, in_year).of_type(selected).order_by("start", "pk").for_listing()

        context.update(
            year=year,
            archive_years=SimpleLazyObject(lambda: self.archive_years(request)),
            events_page=self._paginate(request, events),
        )
        return self.render(request, context_overrides=context, template="events/event_archive.html")

    @path("kalender/")
    def month_index_view(self, request):
        today = timezone.localdate()
        return redirect(self.url + self.reverse_subpage("month", args=[today.year, today.month]))

    @path("kalender/<int:year>/<int:month>/", name="month")
    def month_view(self, request, year, month):
        self._check_year(year)
        if not 1 <= month <= 12:
            raise Http404("Kein gültiger Monat.")
        context = self._base_context(request, "month")
        grid = SimpleLazyObject(lambda: self._month_grid(request, year, month, context["selected_type"]))
        # Evaluated only when the template shows them (not for a fragment from the cache).
        context["weeks"] = SimpleLazyObject(lambda: grid["weeks"])
        context["month_events"] = SimpleLazyObject(lambda: grid["month_events"])
        prev_month = datetime.date(year, month, 1) - datetime.timedelta(days=1)
        next_month = datetime.date(year, month, 28) + datetime.timedelta(days=7)
        context.update(
            year=year,
            month=month,
            month_label=dates.format_month(year, month),
            weekdays=["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        )
        if prev_month.year >= MIN_YEAR:
            context["prev_month"] = {
                "url": self.url + self.reverse_subpage("month", args=[prev_month.year, prev_month.month]),
                "label": dates.format_month(prev_month.year, prev_month.month),
            }
        if next_month.year <= MAX_YEAR:
            context["next_month"] = {
                "url": self.url + self.reverse_subpage("month", args=[next_month.year, next_month.month]),
                "label": dates.format_month(next_month.year, next_month.month),
            }
        return self.render(request, context_overrides=context, template="events/event_calendar.html")

    def _month_grid(self, request, year, month, selected_type):
        weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
        first, last = weeks[0][0], weeks[-1][-1]
        events = visible_events(request, EventPage.objects.overlapping(first, last))
        events = list(events.of_type(selected_type).for_listing())
        by_day: dict[datetime.date, list] = {}
        for event in events:
            for day in event.days():
                by_day.setdefault(day, []).append(event)
        today = timezone.localdate()
        return {
            "weeks": [
                [
                    {
                        "date": day,
                        "in_month": day.month == month,
                        "is_today": day == today,
                        "label": dates.format_date(day),
                        "events": by_day.get(day, []),
                    }
                    for day in week
                ]
                for week in weeks
            ],
            "month_events": [event for event in events if any(d.month == month for d in event.days())],
        }

    @path("ical/", name="ical_feed")
    def ical_feed_view(self, request):
        from events.ical import calendar_feed

        return calendar_feed(request, self)

    @path("rss/", name="rss_feed")
    def rss_feed_view(self, request):
        from events.feeds import UpcomingEventsFeed

        return UpcomingEventsFeed(self)(request)

    @path("atom/", name="atom_feed")
    def atom_feed_view(self, request):
        from events.feeds import UpcomingEventsAtomFeed

        return UpcomingEventsAtomFeed(self)(request)


class EventPage(RoutablePageMixin, BasePage):
    """One event: a Fachtagung, a workshop or a meeting, public or (under the Interner Bereich) internal."""

    # Read by every render: kept with the page in the stored route (ops/datacache.py).
    related_with_route = ("event_type",)

    def serve(self, request, *args, **kwargs):
        from ops import pagecache

        # Every registration drops just this page's cached answers (its free seats,
        # events/signal_handlers.py): they must not live on in a process's own copy.
        pagecache.shared_copy_only(request)
        return super().serve(request, *args, **kwargs)

    start = models.DateTimeField("Beginn", help_text="Datum und Uhrzeit des Beginns (deutsche Zeit).")
    end = models.DateTimeField(
        "Ende",
        help_text="Datum und Uhrzeit des Endes; nicht vor dem Beginn. Bei ganztägigen Veranstaltungen der letzte Tag.",
    )
    all_day = models.BooleanField("Ganztägig", default=False, help_text="Uhrzeiten werden dann nicht angezeigt.")
    event_type = models.ForeignKey(
        "events.EventType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name="Veranstaltungsart",
        help_text="Art der Veranstaltung; die Liste pflegen Sie unter „Snippets › Veranstaltungsarten“.",
    )
    teaser = models.TextField("Kurzbeschreibung", blank=True, help_text="Ein bis zwei Sätze für Listen und Feeds.")
    venue_name = models.CharField("Veranstaltungsort", max_length=255, blank=True, help_text="z. B. Hotelname.")
    street = models.CharField(
        "Straße und Hausnummer", max_length=255, blank=True, help_text="Anschrift des Veranstaltungsorts."
    )
    postcode = models.CharField("Postleitzahl", max_length=10, blank=True, help_text="Fünfstellige Postleitzahl.")
    city = models.CharField("Ort", max_length=100, blank=True, help_text="z. B. „Berlin“.")
    is_online = models.BooleanField(
        "Online-Veranstaltung", default=False, help_text="Findet die Veranstaltung online statt, entfällt der Ort."
    )
    online_url = models.URLField(
        "Adresse der Online-Veranstaltung",
        blank=True,
        help_text="Optional: Link zur Veranstaltungsplattform. Wird auf der Seite angezeigt.",
    )
    organiser = models.CharField(
        "Veranstalter",
        max_length=255,
        blank=True,
        default="Benchlearning der Optionskommunen (BLOK)",
        help_text="Wer lädt ein? Erscheint auf der Seite und in den Kalenderdaten.",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name="Inhalt")

    registration_enabled = models.BooleanField(
        "Anmeldung möglich", default=False, help_text="Zeigt ein Anmeldeformular zu dieser Veranstaltung."
    )
    registration_capacity = models.PositiveIntegerField(
        "Plätze",
        null=True,
        blank=True,
        help_text="Höchstzahl der Teilnehmenden. Leer lassen für unbegrenzt.",
    )
    registration_waiting_list = models.BooleanField(
        "Warteliste",
        default=True,
        help_text="Wenn alle Plätze vergeben sind, kommen weitere Anmeldungen auf die Warteliste.",
    )
    registration_deadline = models.DateTimeField(
        "Anmeldeschluss",
        null=True,
        blank=True,
        help_text="Bis wann angemeldet werden kann (deutsche Zeit). Leer lassen: bis zum Beginn.",
    )
    registration_max_people = models.PositiveSmallIntegerField(
        "Personen je Anmeldung",
        default=5,
        help_text="Wie viele Personen eine Anmeldung höchstens umfassen darf.",
    )

    objects = EventPageManager()

    parent_page_types = ["events.EventIndexPage", "home.InternalAreaPage", "participants.RingWorkspacePage"]
    subpage_types = []
    template = "events/event_page.html"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel(
                    "event_type",
                    help_text="Art der Veranstaltung; die Liste pflegen Sie unter „Schnipsel › Veranstaltungsarten“.",
                ),
            ],
            heading="Termin",
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_online"),
                FieldPanel("online_url"),
                FieldPanel("venue_name"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
            ],
            heading="Ort",
        ),
        FieldPanel("organiser"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        InlinePanel(
            "attachments",
            heading="Dokumente zur Veranstaltung",
            label="Dokument",
            help_text="Programm vor der Veranstaltung, Präsentationen und Dokumentation danach.",
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content="Anmeldungen verwalten Sie im Menü „Anmeldungen“ (Filter, Export, Warteliste). "
                    "Sie werden eine festgelegte Zahl von Tagen nach der Veranstaltung gelöscht."
                ),
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("registration_capacity"), FieldPanel("registration_max_people")]),
                FieldPanel("registration_waiting_list"),
                FieldPanel("registration_deadline"),
            ],
            heading="Anmeldung",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        # The reader's words for an event: its type ("Fachtagung"), place and when it is.
        index.RelatedFields("event_type", [index.SearchField("name", boost=2)]),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.SearchField("search_date_words"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]

    def search_date_words(self):
        """Month name(s) and year of the event for the search ("November 2016"), "online" if so."""
        from search.text import date_words

        local_start, local_end = timezone.localtime(self.start), timezone.localtime(self.end or self.start)
        words = [date_words(local_start)]
        if (local_end.year, local_end.month) != (local_start.year, local_start.month):
            words.append(date_words(local_end))
        if self.is_online:
            words.append("online Online-Veranstaltung")
        return " ".join(words)

    class Meta:
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"
        ordering = ["start"]
        # Every listing filters and sorts by date: upcoming (end), archive and month (start).
        indexes = [
            models.Index(fields=["start"], name="events_start_idx"),
            models.Index(fields=["end"], name="events_end_idx"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "Das Ende darf nicht vor dem Beginn liegen."
        if not self.is_online and not (self.venue_name or self.city):
            errors["city"] = "Bitte geben Sie einen Veranstaltungsort an oder wählen Sie „Online-Veranstaltung“."
        if self.online_url and not self.is_online:
            errors["online_url"] = "Eine Adresse für die Online-Veranstaltung nur bei Online-Veranstaltungen angeben."
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = "Der Anmeldeschluss darf nicht nach dem Ende der Veranstaltung liegen."
        if self.registration_capacity == 0:
            errors["registration_capacity"] = "Bitte mindestens einen Platz angeben oder das Feld leer lassen."
        if self.registration_max_people is not None and self.registration_max_people < 1:
            errors["registration_max_people"] = "Eine Anmeldung muss mindestens eine Person umfassen können."
        if errors:
            raise ValidationError(errors)

    # --- dates ---------------------------------------------------------------------------------

    def days(self):
        return list(dates.days(self.start, self.end, self.all_day))

    @property
    def first_day(self):
        return dates.first_day(self.start)

    @property
    def last_day(self):
        return dates.last_day(self.start, self.end, self.all_day)

    @property
    def date_display(self):
        """'Montag, 21. November 2016, 13:00–17:00 Uhr' or '27.–28. November 2017'."""
        return dates.format_event_date(self.start, self.end, self.all_day)

    @property
    def times_display(self):
        return dates.format_event_times(self.start, self.end, self.all_day)

    @property
    def is_multi_day(self):
        return self.first_day != self.last_day

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def place_display(self):
        if self.is_online:
            # "Online", not "Online-Veranstaltung": listings also show the event type, which
            # for online events is usually "Online-Veranstaltung".
            return "Online"
        parts = [self.venue_name, self.street, " ".join(p for p in (self.postcode, self.city) if p)]
        return ", ".join(p for p in parts if p)

    @property
    def short_place(self):
        return "online" if self.is_online else (self.city or self.venue_name)

    # --- registration --------------------------------------------------------------------------

    @property
    def effective_deadline(self):
        return self.registration_deadline or self.start

    def seats_taken(self):
        from events.models import Registration

        taken = self.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(total=Sum("people"))
        return taken["total"] or 0

    def seats_left(self):
        if self.registration_capacity is None:
            return None
        return max(0, self.registration_capacity - self.seats_taken())

    def registration_state(self, now=None):
        """One of 'disabled', 'closed', 'open', 'waiting_list', 'full'."""
        if not self.registration_enabled:
            return "disabled"
        if (now or timezone.now()) > self.effective_deadline:
            return "closed"
        left = self.seats_left()
        if left is None or left > 0:
            return "open"
        return "waiting_list" if self.registration_waiting_list else "full"

    # --- exports -------------------------------------------------------------------------------

    @cached_property
    def ical_uid(self):
        """Stable across edits, moves and renames: the page's translation key."""
        return f"{self.translation_key}@{settings.EVENTS_ICAL_UID_DOMAIN}"

    def json_ld(self, request=None):
        """schema.org Event data for search engines (Google's Event fields where the data exists).

        Empty values are left out rather than sent as ``""``.
        """
        from home.structured_data import BLOK_NAME, compact, image_urls, organization, site_of

        if self.all_day:
            start, end = self.first_day.isoformat(), self.last_day.isoformat()
        else:
            start, end = dates.local(self.start).isoformat(), dates.local(self.end).isoformat()
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": start,
            "endDate": end,
            "eventStatus": "https://schema.org/EventScheduled",
            "url": url,
            "inLanguage": "de",
            "description": self.teaser or self.meta_description,
            "image": image_urls(self.json_ld_image(), url),
        }
        if self.is_online:
            data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
            data["location"] = {"@type": "VirtualLocation", "url": self.online_url or url}
        else:
            data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
            data["location"] = {
                "@type": "Place",
                "name": self.venue_name or self.city,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": self.street,
                    "postalCode": self.postcode,
                    "addressLocality": self.city,
                    "addressCountry": "DE",
                },
            }
        if self.organiser:
            if self.organiser.strip() in (BLOK_NAME, "BLOK", "Benchlearning der Optionskommunen"):
                data["organizer"] = organization(site_of(self, request), request)
            else:
                # No address of other organisers is kept: name only, rather than a wrong URL.
                data["organizer"] = {"@type": "Organization", "name": self.organiser}
        return compact(data)

    def json_ld_image(self):
        """The sharing image, else the first image of the content."""
        if self.social_image_id:
            return self.social_image
        for block in self.body:
            if block.block_type == "image" and block.value.get("image"):
                return block.value["image"]
        return None

    # --- views ---------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.visible_attachments(request)
        context["registration_state"] = self.registration_state()
        return context

    def visible_attachments(self, request):
        from ops import datacache, fragmentcache

        def build():
            items = self.attachments.select_related("document", "document__collection")
            visible = [item for item in items if visibility.can_see(request, item.document)]
            for item in visible:
                item._state.fields_cache.pop("page", None)  # stored without the page they belong to
            return visible

        if getattr(request, "is_preview", False):
            return build()  # a preview shows the attachments of the edited revision
        # The same for every reader who may see the same documents, until the next change of content.
        key = (self.pk, fragmentcache.fingerprint(request))
        return datacache.get_or_build(request, "event-attachments", key, build)

    @path("")
    def event_view(self, request):
        return self.render(request)

    @path("ical/", name="ics")
    def ics_view(self, request):
        from events.ical import event_ics_response

        if not visibility.can_see(request, self):
            raise Http404
        return event_ics_response(request, self)

    @path("anmeldung/", name="registration")
    def registration_view(self, request):
        from events.views import registration_view

        return registration_view(request, self)

    @path("anmeldung/danke/", name="registration_done")
    def registration_done_view(self, request):
        from events.views import registration_done_view

        return registration_done_view(request, self)


class EventAttachment(Orderable):
    """A document from the library attached to an event (programme, presentations, documentation)."""

    KIND_CHOICES = [
        ("programme", "Programm"),
        ("presentation", "Präsentation"),
        ("documentation", "Dokumentation"),
        ("other", "Sonstiges"),
    ]

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Dokument",
        help_text="Aus der Dokumentenbibliothek. Interne Dokumente sehen nur Mitglieder.",
    )
    kind = models.CharField(
        "Art", max_length=20, choices=KIND_CHOICES, default="programme", help_text="Wofür steht das Dokument?"
    )
    label = models.CharField(
        "Bezeichnung", max_length=255, blank=True, help_text="Leer lassen, um den Titel des Dokuments zu verwenden."
    )

    panels = [FieldPanel("document"), FieldRowPanel([FieldPanel("kind"), FieldPanel("label")])]

    class Meta(Orderable.Meta):
        verbose_name = "Dokument zur Veranstaltung"
        verbose_name_plural = "Dokumente zur Veranstaltung"

    @property
    def display_title(self):
        return self.label or self.document.title
