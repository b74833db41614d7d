from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site in production: health check, robots.txt and sitemap, security headers,
    the full-page cache for anonymous readers and its invalidation, and the benchmark site builder."""

    name = "ops"
    verbose_name = "Betrieb"

    def ready(self):
        from . import (
            authcache,
            checks,  # noqa: F401  (registers the system checks)
            exports,
            pagecache,
        )

        pagecache.connect_signals()
        authcache.connect_signals()
        exports.install()
