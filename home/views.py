import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

# Raised when the database refuses or drops connections (restart, failover, max_connections, a
# locked SQLite file); a broken query is a ProgrammingError/DataError and stays a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@never_cache
def server_error(request):
    """500, or 503 with ``Retry-After`` when the database is briefly unreachable.

    Both templates are self-contained (no database, no context processors that query it).
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return render(request, "500.html", status=500)
