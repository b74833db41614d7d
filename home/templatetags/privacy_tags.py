"""The ``richtext_for`` template filter: rich text through the visibility rule (``home/richtext.py``).

For readers who may not see a linked page or document, the whole link is replaced by
"Inhalt nur für Mitglieder". Members see the link as written. See docs/privacy.md.
"""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText
from wagtail.templatetags.wagtailcore_tags import richtext

from home.richtext import MEMBERS_ONLY, drop_chooser_links, hide_invisible_links  # noqa: F401 (re-exported)

register = template.Library()


@register.filter
def richtext_for(value, request):
    """``{{ value|richtext_for:request }}``: like ``|richtext``, but through the visibility rule."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return richtext(mark_safe(hide_invisible_links(request, source)))  # noqa: S308  (editor's rich text)
