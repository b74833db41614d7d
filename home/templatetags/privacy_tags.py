"""Rich text through the visibility rule.

A public page may link (in rich text) to an internal page or document. For readers who may not see
the target, the whole link — its address and its text, which often repeats the title — is replaced
by "Inhalt nur für Mitglieder". Members see the link as written. See docs/privacy.md.
"""

import re

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import extract_attrs
from wagtail.templatetags.wagtailcore_tags import richtext

from home import visibility

register = template.Library()

_LINK = re.compile(r"<a(\b[^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
MEMBERS_ONLY = '<span class="members-only">Inhalt nur für Mitglieder</span>'


def hide_invisible_links(request, source: str, replacement: str = MEMBERS_ONLY) -> str:
    """The rich-text source (database format) without links to targets the request may not see.

    ``request=None`` applies the anonymous reader's rule (used for the search index)."""
    if request is None:
        request = visibility.AnonymousReader()  # one visibility query for all links, not one each
    links = []
    for match in _LINK.finditer(source):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") in ("page", "document") and str(attrs.get("id", "")).isdigit():
            links.append((match, attrs["linktype"], int(attrs["id"])))
    if not links:
        return source
    page_ids = {pk for _m, kind, pk in links if kind == "page"}
    document_ids = {pk for _m, kind, pk in links if kind == "document"}
    visible, existing = set(), set()
    if page_ids:
        for page in Page.objects.filter(pk__in=page_ids).only("id", "path", "live"):
            existing.add(("page", page.pk))
            if visibility.can_see_page(request, page):
                visible.add(("page", page.pk))
    if document_ids:
        from wagtail.documents import get_document_model

        documents = get_document_model().objects.filter(pk__in=document_ids).select_related("collection")
        for document in documents:
            existing.add(("document", document.pk))
            if visibility.can_see_document(request, document):
                visible.add(("document", document.pk))
    parts, last = [], 0
    for match, kind, pk in links:
        if (kind, pk) in visible or (kind, pk) not in existing:
            continue  # visible, or a broken link that Wagtail renders without an address
        parts.append(source[last : match.start()])
        parts.append(replacement)
        last = match.end()
    parts.append(source[last:])
    return "".join(parts)


def drop_chooser_links(source: str) -> str:
    """The source without page and document links (address and text), without any query.

    For short excerpts such as search snippets, which are built for many pages at once: the text
    of an internal link often repeats the target's title, and checking every target would cost a
    query per result."""
    if "linktype" not in source:
        return source

    def replace(match):
        kind = extract_attrs(match.group(1)).get("linktype")
        return " " if kind in ("page", "document") else match.group(0)

    return _LINK.sub(replace, source)


@register.filter
def richtext_for(value, request):
    """``{{ value|richtext_for:request }}``: like ``|richtext``, but through the visibility rule."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return richtext(mark_safe(hide_invisible_links(request, source)))  # noqa: S308  (editor's rich text)
