"""Members' own pages: "Mein Bereich", settings, the personal calendar subscription, digest
unsubscribe. Every list here goes through the visibility rule for the logged-in member."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from home import public_address, visibility
from home.middleware import mark_private
from participants import rings

CALENDAR_FEED_MAX_EVENTS = 1000
CALENDAR_PAST_DAYS = 400


def _areas(profile):
    """The circles this member belongs to (for the overview)."""
    names = []
    if profile is not None and profile.vergleichsring is not None:
        names.append(str(profile.vergleichsring))
    if profile is not None and profile.ak_option:
        names.append(rings.AK_OPTION_GROUP)
    if profile is not None and profile.moderation:
        names.append("Moderation (alle Vergleichsringe)")
    return names


@login_required
def account_home(request):
    from events.models import EventPage
    from participants.models import RingWorkspacePage

    mark_private(request)
    profile = rings.get_profile(request.user)
    upcoming = (
        visibility.visible_pages(request, EventPage.objects.upcoming())
        .select_related("event_type")
        .order_by("start")[:8]
    )
    documents = visibility.visible_documents(request).select_related("collection").order_by("-created_at", "-pk")[:8]
    workspaces = visibility.visible_pages(request, RingWorkspacePage.objects.all()).order_by("path")
    context = {
        "profile": profile,
        "areas": _areas(profile),
        "workspaces": workspaces,
        "upcoming_events": upcoming,
        "newest_documents": documents,
    }
    return render(request, "participants/account/home.html", context)  # marked private above (home.response_privacy)


class SettingsForm(forms.Form):
    digest_opt_in = forms.BooleanField(
        label="„Neu für Sie“ per E-Mail erhalten",
        required=False,
        help_text="Einmal pro Woche eine E-Mail mit neuen oder geänderten Seiten, Dokumenten und Terminen, "
        "die Sie sehen dürfen. Kommt nur, wenn es etwas Neues gibt; jede Mail enthält einen Link zum Abbestellen.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    mark_private(request)
    profile = rings.get_profile(request.user, create=True)
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            wanted = form.cleaned_data["digest_opt_in"]
            if wanted != profile.digest_opt_in:
                profile.digest_opt_in = wanted
                if wanted and profile.digest_checked_until is None:
                    # Start from now: the first mail lists what is new after subscribing.
                    profile.digest_checked_until = timezone.now()
                profile.save(update_fields=["digest_opt_in", "digest_checked_until"])
            messages.success(
                request,
                "Gespeichert: Sie erhalten „Neu für Sie“ jetzt wöchentlich."
                if wanted
                else "Gespeichert: Sie erhalten „Neu für Sie“ nicht.",
            )
            return redirect("account_settings")
    else:
        form = SettingsForm(initial={"digest_opt_in": profile.digest_opt_in})
    return render(
        request, "participants/account/settings.html", {"form": form, "profile": profile}
    )  # marked private above (home.response_privacy)


def _feed_urls(request, raw_token):
    path = reverse("calendar_subscription_feed", kwargs={"token": raw_token})
    https_url = public_address.absolute(path, request)
    return https_url, public_address.webcal(https_url)


@login_required
@require_http_methods(["GET", "POST"])
def account_calendar(request):
    """Create, rotate or revoke the personal calendar address. The address is shown once, right
    after it was created (only its hash is stored)."""
    mark_private(request)
    profile = rings.get_profile(request.user, create=True)
    context = {"profile": profile, "https_url": None, "webcal_url": None}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            rings.revoke_calendar_token(profile)
            messages.success(
                request, "Die Kalender-Adresse ist gelöscht. Ihr Kalenderprogramm erhält keine Termine mehr."
            )
            return redirect("account_calendar")
        if action in ("create", "rotate"):
            raw = rings.issue_calendar_token(profile)
            context["https_url"], context["webcal_url"] = _feed_urls(request, raw)
            context["rotated"] = action == "rotate"
        else:
            messages.error(request, "Diese Aktion ist unbekannt. Bitte nutzen Sie die Schaltflächen.")
            return redirect("account_calendar")
    context["has_token"] = bool(profile.calendar_token_hash)
    response = render(request, "participants/account/calendar.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response  # marked private above (home.response_privacy)


def calendar_subscription_feed(request, token):
    """The member's personal iCalendar feed: every event this member may see. A wrong, revoked or
    deactivated token is an ordinary 404."""
    from events import ical
    from events.models import EventPage

    mark_private(request)
    profile = rings.profile_for_calendar_token(token)
    if profile is None:
        # Not the site's 404 page: that one repeats the address (canonical link, "Barriere melden").
        response = HttpResponseNotFound("Nicht gefunden.\n", content_type="text/plain; charset=utf-8")
        return response  # marked private above (home.response_privacy)
    reader = rings.MemberReader(profile.user)
    since = timezone.now() - datetime.timedelta(days=CALENDAR_PAST_DAYS)
    events = (
        visibility.visible_pages(reader, EventPage.objects.filter(end__gte=since))
        .select_related("event_type")
        .order_by("start", "pk")[:CALENDAR_FEED_MAX_EVENTS]
    )
    cal = ical.build_calendar(events, request, name="BLOK – Meine Termine")
    cal.add("x-published-ttl", "PT6H")
    cal.add("refresh-interval", datetime.timedelta(hours=6), parameters={"value": "DURATION"})
    response = ical.ics_response(cal.to_ical(), "blok-termine.ics", private=True)
    response["Content-Disposition"] = 'inline; filename="blok-termine.ics"'
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response  # marked private above (home.response_privacy)


@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """One button, no login: the token in the mail identifies the subscription. GET only shows the
    button (mail scanners follow links), POST unsubscribes."""
    mark_private(request)
    profile = rings.profile_for_unsubscribe_token(token)
    if profile is None:
        raise Http404
    done = False
    if request.method == "POST":
        if profile.digest_opt_in:
            profile.digest_opt_in = False
            profile.save(update_fields=["digest_opt_in"])
        done = True
    response = render(
        request, "participants/account/unsubscribe.html", {"done": done, "subscribed": profile.digest_opt_in}
    )
    response["Referrer-Policy"] = "no-referrer"
    return response  # marked private above (home.response_privacy)
