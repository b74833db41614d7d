"""Links through the visibility rule: rich text, link blocks and raw stream data.

One plain module that blocks (search index), the site search (snippets) and templates
(``{{ value|richtext_for:request }}`` in ``home/templatetags/privacy_tags.py``) all call.

* Rich text: a link to a page or document the reader may not see — its address and its text,
  which often repeats the title — becomes "Inhalt nur für Mitglieder" (:func:`hide_invisible_links`).
* Link blocks (link lists, calls to action): the label of a link to a hidden target is neither
  indexed nor shown (:func:`link_text_for_index`).
* Raw stream data for snippets: text of chooser links is dropped without any query
  (:func:`drop_chooser_links`, :func:`is_chooser_link`).

``request=None`` applies the anonymous reader's rule: the search index is shared by everybody.
"""

import re

from wagtail.models import Page
from wagtail.rich_text.rewriters import extract_attrs

from home import visibility

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


def is_chooser_link(value) -> bool:
    """A link block's raw data (a dict) that points to a page or a document, not to a URL."""
    return isinstance(value, dict) and "label" in value and bool(value.get("page") or value.get("document"))


def link_text_for_index(value) -> list[str]:
    """What the search index may hold of a link block (``LinkStructValue``): its label only when
    the target is external or visible to an anonymous reader."""
    label = (value.get("label") or "").strip()
    if not label:
        return []
    target = value.get("page") or value.get("document")
    if target is None:
        return [label]
    reader = visibility.AnonymousReader()
    return [label] if visibility.can_see(reader, target) else []
