"""The registration pages of an event (``…/<event>/anmeldung/``).

Only these pages carry a form that needs CSRF protection, so only they set a CSRF cookie; the
event page itself links here and sets no cookie for anonymous readers.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect

from events.emails import send_registration_email
from events.forms import RegistrationForm
from events.models import Registration
from events.registration import RegistrationError, register
from home import navigation, response_privacy, visibility


def _privacy_url(request):
    page = navigation.legal_pages(request).get("privacypage")
    return page.get_url(request) if page is not None else None


def _render(request, event, template, context, status=200):
    context = {"page": event, "self": event, "request": request, **context}
    response_privacy.depends_on_visitor(request)  # a form with this visitor's CSRF token
    return TemplateResponse(request, template, context, status=status)


@csrf_protect
def registration_view(request, event):
    if not visibility.can_see(request, event):
        raise Http404
    state = event.registration_state()
    if state == "disabled":
        raise Http404("Für diese Veranstaltung gibt es keine Anmeldung.")
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    form_kwargs = {"event": event, "privacy_url": _privacy_url(request)}
    if request.method == "POST":
        form = RegistrationForm(request.POST, **form_kwargs)
        if state in ("closed", "full"):
            form.is_valid()
            form.add_error(
                None,
                "Die Anmeldung für diese Veranstaltung ist geschlossen."
                if state == "closed"
                else "Die Veranstaltung ist leider ausgebucht.",
            )
        elif form.is_valid():
            data = form.cleaned_data
            try:
                registration = register(
                    event,
                    name=data["name"].strip(),
                    email=data["email"],
                    people=data["people"],
                    kommune=data.get("kommune"),
                    organisation=(data.get("organisation") or "").strip(),
                    remarks=data.get("remarks", "").strip(),
                )
            except RegistrationError as error:
                form.add_error(error.field, error.message)
            else:
                send_registration_email(registration, request)
                status = "warteliste" if registration.status == Registration.Status.WAITING else "bestaetigt"
                done = event.url + event.reverse_subpage("registration_done")
                return redirect(f"{done}?status={status}")
        return _render(request, event, "events/event_registration.html", {"form": form, "state": state}, 200)
    form = RegistrationForm(**form_kwargs)
    return _render(request, event, "events/event_registration.html", {"form": form, "state": state})


def registration_done_view(request, event):
    if not visibility.can_see(request, event) or not event.registration_enabled:
        raise Http404
    waiting = request.GET.get("status") == "warteliste"
    return _render(request, event, "events/event_registration_done.html", {"waiting": waiting})
