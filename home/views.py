from django.shortcuts import render
from django.views.decorators.cache import never_cache


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@never_cache
def server_error(request):
    return render(request, "500.html", status=500)
