"""Settings for more than one machine, built from the environment (see docs/deployment.md).

Pure functions of an environment mapping, so that ``production.py`` stays readable and the
tests can check every switch without touching ``os.environ``.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def storages_from_env(env, static_backend: str) -> dict | None:
    """S3-compatible media storage when ``AWS_STORAGE_BUCKET_NAME`` is set, else ``None``.

    * ``default`` (documents, original images): a **private** bucket; every object is written
      with the ACL ``private`` and URLs are signed and short-lived (``AWS_QUERYSTRING_EXPIRE``).
      Downloads still pass Django's serve view first (privacy check), which then redirects to
      a signed URL (``WAGTAILDOCS_SERVE_METHOD = "redirect"`` in production.py).
    * ``renditions`` (image renditions shown on public pages): public-read, unsigned, in
      ``AWS_PUBLIC_BUCKET_NAME`` (default: the same bucket; Wagtail writes them below ``images/``).
    """
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return None
    common = {
        "region_name": env.get("AWS_S3_REGION_NAME") or None,
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": int(env.get("AWS_QUERYSTRING_EXPIRE", "300")),
                "location": env.get("AWS_LOCATION", ""),
            },
        },
        "renditions": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": env.get("AWS_PUBLIC_BUCKET_NAME", bucket),
                "default_acl": "public-read",
                "querystring_auth": False,
                "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
            },
        },
        "staticfiles": {"BACKEND": static_backend},
    }


def media_host_from_env(env) -> str:
    """The origin that serves public images (for the Content-Security-Policy img-src)."""
    if env.get("MEDIA_HOST"):
        return env["MEDIA_HOST"]
    if not env.get("AWS_STORAGE_BUCKET_NAME"):
        return ""
    if env.get("AWS_S3_CUSTOM_DOMAIN"):
        return f"https://{env['AWS_S3_CUSTOM_DOMAIN']}"
    if env.get("AWS_S3_ENDPOINT_URL"):
        parts = urlsplit(env["AWS_S3_ENDPOINT_URL"])
        return f"{parts.scheme}://{parts.netloc}"
    bucket = env.get("AWS_PUBLIC_BUCKET_NAME") or env["AWS_STORAGE_BUCKET_NAME"]
    return f"https://{bucket}.s3.amazonaws.com"


def frontend_cache_from_env(env) -> dict:
    """``WAGTAILFRONTENDCACHE`` for a CDN or caching proxy; empty unless configured.

    * ``FRONTEND_CACHE_PURGE_URL``: Varnish/Squid/nginx that accepts PURGE requests (HTTPBackend)
    * ``CLOUDFLARE_ZONE_ID`` + ``CLOUDFLARE_API_TOKEN``
    * ``CLOUDFRONT_DISTRIBUTION_ID`` (credentials from the usual AWS environment)
    """
    backends = {}
    if env.get("FRONTEND_CACHE_PURGE_URL"):
        backends["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env["FRONTEND_CACHE_PURGE_URL"],
        }
    if env.get("CLOUDFLARE_ZONE_ID") and env.get("CLOUDFLARE_API_TOKEN"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env["CLOUDFLARE_API_TOKEN"],
            "ZONEID": env["CLOUDFLARE_ZONE_ID"],
        }
    if env.get("CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends


def secure_ssl_redirect(env) -> bool:
    return _true(env.get("SECURE_SSL_REDIRECT", "1"))
