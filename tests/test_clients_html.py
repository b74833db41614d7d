"""Every page type as the Nu Html Checker and assistive technology see it.

The site is built once for the module (demo content), every page type is fetched (forms also after
a failed submit), and the HTML goes to the Nu Html Checker in one run: 0 errors is the bar. Every
``aria-describedby``, ``aria-labelledby``, ``aria-controls`` and ``label[for]`` must name an id
that exists in the same page.
"""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import transaction

from .clients.site import render_site
from .clients.support import nu_html_checker

# django_db makes pytest-django set up the test database; the pages are built once, in `site`.
pytestmark = [pytest.mark.clients, pytest.mark.django_db]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        pages = render_site()
        transaction.set_rollback(True)
    return pages


def test_every_page_type_was_served(site):
    for page in site:
        expected = {404} if page.name == "Nicht gefunden" else {200, 400} if page.with_errors else {200}
        assert page.status in expected, (page.name, page.url, page.status)
    assert len({page.name for page in site}) == len(site)


def test_nu_html_checker_reports_no_errors(site, tmp_path: Path):
    files = {}
    for number, page in enumerate(site):
        path = tmp_path / f"{number:02d}.html"
        path.write_text(page.html, encoding="utf-8")
        files[f"file:{path.resolve()}"] = page
    messages = nu_html_checker([Path(name.removeprefix("file:")) for name in files])
    errors = []
    for message in messages:
        if message["type"] == "error" or message.get("subType") == "fatal":
            page = files.get(message.get("url"))
            where = f"{page.name} ({page.url})" if page else message.get("url")
            errors.append(f"{where} line {message.get('lastLine')}: {message['message']} – {message.get('extract')!r}")
    assert errors == [], "\n".join(errors)


def test_nu_html_checker_finds_errors():
    """The checker runs and reports: a page with an empty form action is an error."""
    page = tmp = None
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder) / "bad.html"
        tmp.write_text(
            '<!DOCTYPE html><html lang="de"><head><title>x</title></head><body><form action=""></form></body></html>'
        )
        page = nu_html_checker([tmp])
    assert [m["type"] for m in page] == ["error"]


REFERENCE_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage", "for")


def dangling_references(html):
    soup = BeautifulSoup(html, "html.parser")
    ids = {element["id"] for element in soup.find_all(id=True)}
    problems = []
    for attribute in REFERENCE_ATTRIBUTES:
        for element in soup.find_all(attrs={attribute: True}):
            if attribute == "for" and element.name not in ("label", "output"):
                continue
            for target in element[attribute].split() if attribute != "for" else [element[attribute]]:
                if target not in ids:
                    problems.append(f"<{element.name} {attribute}={element[attribute]!r}>: no id {target!r}")
    return problems


def test_aria_references_point_at_existing_ids(site):
    problems = [f"{page.name}: {problem}" for page in site for problem in dangling_references(page.html)]
    assert problems == [], "\n".join(problems)


def test_forms_with_errors_tie_errors_to_their_fields(site):
    """After a failed submit there is an error summary that can take the focus, and every invalid
    field is described by its own error message (``<id>_error``, the id Django refers to)."""
    problems = []
    for page in (page for page in site if page.with_errors):
        soup = BeautifulSoup(page.html, "html.parser")
        summary = soup.find(attrs={"data-error-summary": True})
        if summary is None or summary.get("tabindex") != "-1" or summary.get("role") != "alert":
            problems.append(f"{page.name}: no focusable error summary")
        for field in soup.find_all(attrs={"aria-invalid": "true"}):
            described = (field.get("aria-describedby") or "").split()
            error = soup.find(id=f"{field['id']}_error")
            if f"{field['id']}_error" not in described or error is None or not error.get_text(strip=True):
                problems.append(f"{page.name}: {field.get('name')} is not described by its error ({described})")
        for link in summary.find_all("a") if summary else []:
            if not soup.find(id=link["href"].removeprefix("#")):
                problems.append(f"{page.name}: summary links to missing {link['href']}")
    assert problems == [], "\n".join(problems)
