"""Shared helpers of the search tests."""

import re

from django.urls import reverse


def search(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params})


def result_titles(response):
    """The plain titles of the organic results on a search page (highlights removed)."""
    html = response.content.decode()
    titles = re.findall(r'<p class="search-result__title"><a href="[^"]*"[^>]*>(.*?)</a>', html, flags=re.S)
    return [re.sub(r"</?mark>", "", title) for title in titles]
