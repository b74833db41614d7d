"""The client's address, also behind a reverse proxy.

``X-Forwarded-For`` is believed only when the request comes from a trusted proxy
(``TRUSTED_PROXIES``: addresses or networks, default none). Then the client is the rightmost
address in the header that is not itself a trusted proxy: every proxy appends the address it
received the request from, so everything left of that is whatever the client claimed.

Why not django-ipware: it decides from the header's content (proxy count, trusted addresses found
in the header) and not from the peer that actually connected, so a client that reaches gunicorn
directly could still pick its own address by sending the header.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple) -> tuple:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _parse(address):
    try:
        return ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(settings.TRUSTED_PROXIES or ()))
    if not networks or not _trusted(_parse(remote), networks):
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for entry in reversed(forwarded):
        address = _parse(entry)
        if address is None:
            return remote  # not what a proxy writes: trust nothing further left
        if not _trusted(address, networks):
            return str(address)
    return remote


def axes_client_ip(request) -> str:
    """``AXES_CLIENT_IP_CALLABLE``."""
    return client_ip(request)
