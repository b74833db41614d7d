"""The public form "Barriere melden" and its confirmation page.

The form sets no cookie: it carries no CSRF token (there is no session or account behind it that a
forged request could misuse; the worst a forged post could do is file a report, which the rate
limit and the honeypot also cover), so it can sit on the cached, cookie-free statement page.
Posts from other origins are refused all the same.
"""

from urllib.parse import urlsplit

from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accessibility import reports
from accessibility.forms import BarrierReportForm


def _same_origin(request, url):
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.netloc) and parts.netloc == request.get_host()


def referring_page(request):
    """The page the reader came from: ``?seite=/pfad/``, else the same-site Referer (path only)."""
    given = (request.GET.get("seite") or "").strip()
    if given.startswith("/") and not given.startswith("//"):
        return given[:500]
    referer = request.META.get("HTTP_REFERER", "")
    if referer and _same_origin(request, referer):
        path = urlsplit(referer).path
        if not path.startswith("/barriere-melden"):
            return path[:500]
    return ""


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def report(request):
    if request.method == "POST":
        origin = request.META.get("HTTP_ORIGIN")
        if origin and origin != "null" and not _same_origin(request, origin):
            return HttpResponseForbidden("Meldungen nur über das Formular dieser Website.")
        form = BarrierReportForm(request.POST)
        if form.is_spam:
            return redirect("barrier_report_done")
        if reports.over_rate_limit(request):
            form.is_valid()
            form.add_error(
                None,
                "Sie haben in kurzer Zeit viele Meldungen geschickt. Bitte versuchen Sie es in einer Stunde "
                "noch einmal oder schreiben Sie uns eine E-Mail.",
            )
            return render(request, "accessibility/barrier_report.html", _context(form), status=429)
        if form.is_valid():
            with transaction.atomic():
                reports.mail_report(form.save())
            return redirect("barrier_report_done")
        return render(request, "accessibility/barrier_report.html", _context(form), status=400)
    form = BarrierReportForm(initial={"page_url": referring_page(request)})
    return render(request, "accessibility/barrier_report.html", _context(form))


def _context(form):
    return {
        "form": form,
        "feedback_email": reports.feedback_address(),
        "retention_days": reports.retention_days(),
    }


def report_done(request):
    return render(
        request,
        "accessibility/barrier_report_done.html",
        {"feedback_email": reports.feedback_address(), "retention_days": reports.retention_days()},
    )
