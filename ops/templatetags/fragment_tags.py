"""``{% fragment "name" vary… %}…{% endfragment %}``: a part of a template rendered once for all
requests with the same visibility facts (see ``ops/fragmentcache.py`` for the rules).

The key always holds the visibility fingerprint, the host, the path and the declared query
parameters of the page; the ``vary`` values add what else the part depends on (e.g. the current
page for the menu's marking). Never wrap anything user-specific (CSRF token, account links,
messages). ``without_query`` as the last word leaves the query string out of the key, for parts
that never read it (menu, footer): a search with a new term then reuses them.
"""

from django import template
from django.utils.safestring import mark_safe

from ops import fragmentcache

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, with_query=True):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary
        self.with_query = with_query

    def render(self, context):
        request = context.get("request")
        name = self.name.resolve(context)
        vary = [value.resolve(context) for value in self.vary]
        vary = [getattr(value, "pk", value) for value in vary]  # model instances by primary key
        html = fragmentcache.get_or_render(
            request,
            name,
            vary,
            lambda: self.nodelist.render(context),
            page=context.get("page"),
            with_query=self.with_query,
        )
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped when it was rendered


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    with_query = bits[-1] != "without_query"
    if not with_query:
        bits = bits[:-1]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], with_query
    )
