from django import template

from home import navigation, public_address, visibility

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    current = context.get("page")
    items = []
    for item in navigation.menu_items(request):
        if current is None:
            state = ""
        elif item.pk == current.pk:
            state = "page"
        elif item.depth > 2 and current.path.startswith(item.path):
            state = "true"
        else:
            state = ""
        items.append({"page": item, "current": state})
    return {"items": items, "request": request}


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context):
    request = context.get("request")
    current = context.get("page")
    section, children = navigation.section_items(request, current)
    return {"section": section, "children": children, "current": current, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    return {"items": navigation.breadcrumb_items(request, context.get("page")), "request": request}


@register.simple_tag(takes_context=True)
def legal_pages(context):
    return navigation.legal_pages(context.get("request"))


@register.simple_tag(takes_context=True)
def site_root(context):
    return navigation.site_root(context.get("request"))


@register.simple_tag(takes_context=True)
def public_url(context, path):
    """``{% public_url request.path %}`` — ``path`` on the site's one public address
    (``home.public_address``), whatever host name the request came in under."""
    return public_address.absolute(path, context.get("request"))


@register.filter
def webcal(url):
    """The ``webcal://`` form of an absolute ``http(s)://`` calendar address."""
    return public_address.webcal(url)


@register.filter
def can_see(obj, request):
    """``{% if document|can_see:request %}`` — the visibility rule in templates."""
    return obj is not None and visibility.can_see(request, obj)


@register.filter
def is_internal(obj, request):
    return obj is not None and visibility.is_internal(request, obj)
