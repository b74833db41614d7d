"""Editors' view of the Vergleichsringe: members per ring, digest subscriptions, last digest run,
and a member export per ring (CSV for German Excel, XLSX) for the moderation."""

from __future__ import annotations

import csv
import io

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.auth import permission_denied

from ops.exports import neutralise
from participants import rings
from participants.models import DigestRun, MemberProfile, Vergleichsring

PERMISSION = "participants.view_vergleichsring"
EXPORT_COLUMNS = [
    "Nachname",
    "Vorname",
    "E-Mail",
    "Kommune",
    "Vergleichsring",
    "Arbeitskreis Option",
    "Aktiv",
    "Neu für Sie",
]


def safe_cell(value):
    """Spreadsheet-safe text: a cell that starts like a formula is prefixed with an apostrophe."""
    return "" if value is None else neutralise(str(value))


def _allowed(request):
    return request.user.is_active and request.user.has_perm(PERMISSION)


def overview(request):
    if not _allowed(request):
        return permission_denied(request)
    active = Q(kommunen__member_profiles__user__is_active=True)
    ring_rows = Vergleichsring.objects.annotate(
        n_kommunen=Count("kommunen", distinct=True),
        n_members=Count("kommunen__member_profiles", filter=active, distinct=True),
        n_digest=Count(
            "kommunen__member_profiles",
            filter=active & Q(kommunen__member_profiles__digest_opt_in=True),
            distinct=True,
        ),
    ).order_by("number")
    profiles = MemberProfile.objects.filter(user__is_active=True)
    totals = profiles.aggregate(
        members=Count("pk"),
        digest=Count("pk", filter=Q(digest_opt_in=True)),
        ak_option=Count("pk", filter=Q(ak_option=True)),
        moderation=Count("pk", filter=Q(moderation=True)),
        without_ring=Count("pk", filter=Q(kommune__vergleichsring=None)),
    )
    context = {
        "rings": ring_rows,
        "totals": totals,
        "last_run": DigestRun.objects.order_by("-started_at").first(),
    }
    return TemplateResponse(request, "participants/admin/ring_overview.html", context)


def _members(ring_key):
    users = get_user_model().objects.select_related("blok_profile__kommune__vergleichsring")
    if ring_key == "ak-option":
        return users.filter(blok_profile__ak_option=True), rings.AK_OPTION_GROUP
    if ring_key == "moderation":
        return users.filter(blok_profile__moderation=True), rings.MODERATION_GROUP
    try:
        number = int(ring_key)
    except ValueError:
        raise Http404 from None
    ring = get_object_or_404(Vergleichsring, number=number)
    return users.filter(blok_profile__kommune__vergleichsring=ring), str(ring)


def _row(user):
    profile = user.blok_profile
    kommune = profile.kommune
    return [
        user.last_name,
        user.first_name,
        user.email,
        kommune.name if kommune else "",
        str(kommune.vergleichsring) if kommune and kommune.vergleichsring_id else "",
        "ja" if profile.ak_option else "nein",
        "ja" if user.is_active else "nein",
        "ja" if profile.digest_opt_in else "nein",
    ]


def members(request, ring_key):
    if not _allowed(request):
        return permission_denied(request)
    users, label = _members(ring_key)
    users = users.order_by("last_name", "first_name", "username")
    export = request.GET.get("export")
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    filename = f"mitglieder-{ring_key}-{stamp}"
    if export == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(EXPORT_COLUMNS)
        for user in users:
            writer.writerow([safe_cell(value) for value in _row(user)])
        # UTF-8 with BOM and semicolons: what German Excel opens without an import dialog.
        response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if export == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Mitglieder"
        sheet.append(EXPORT_COLUMNS)
        for user in users:
            row = sheet.max_row + 1
            for column, value in enumerate(_row(user), start=1):
                cell = sheet.cell(row=row, column=column, value=safe_cell(value))
                cell.data_type = "s"  # text, never a formula
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    context = {"members": [(user, _row(user)) for user in users], "label": label, "ring_key": ring_key}
    return TemplateResponse(request, "participants/admin/ring_members.html", context)
