import os

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import accounts
from ops import views as ops_views
from participants import account_views
from search import autocomplete as search_autocomplete
from search import views as search_views

urlpatterns = [
    # Wagtail's shared-password views for pages and documents: the site uses no password
    # restrictions (switched off in the privacy dialogue, WAGTAIL_PRIVATE_*_OPTIONS), and their
    # answers (200 or 404 by id) would tell which page ids exist. Every such URL is a 404.
    re_path(r"^_util/authenticate_with_password/", ops_views.not_found),
    re_path(r"^downloads/authenticate_with_password/", ops_views.not_found),
    path("admin/", include(wagtailadmin_urls)),
    # Document downloads always pass Django (WAGTAILDOCS_SERVE_METHOD = "serve_view").
    path("downloads/", include(wagtaildocs_urls)),
    path("suche/", search_views.search, name="search"),
    path("suche/vorschlaege/", search_autocomplete.suggestions, name="search_suggestions"),
    # BITV 2.0 § 7: the feedback form "Barriere melden".
    path("", include("accessibility.urls")),
    # Production: health check for load balancers, robots.txt, sitemap.
    path("healthz", ops_views.healthz, name="healthz"),
    path("robots.txt", ops_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", ops_views.sitemap, name="sitemap"),
    # Members' accounts: Django's auth views in the site's design, see home/accounts.py.
    path("anmelden/", accounts.MemberLoginView.as_view(), name="login"),
    path("abmelden/", accounts.MemberLogoutView.as_view(), name="logout"),
    # Members' own area: overview, settings, personal calendar address, digest unsubscribe.
    path("konto/", account_views.account_home, name="account_home"),
    path("konto/einstellungen/", account_views.account_settings, name="account_settings"),
    path("konto/kalender/", account_views.account_calendar, name="account_calendar"),
    # The token path is secret: the access log redacts it (gunicorn.conf.py, docs/privacy.md).
    path("kalender/abo/<str:token>.ics", account_views.calendar_subscription_feed, name="calendar_subscription_feed"),
    path(
        "konto/neu-fuer-sie/abbestellen/<str:token>/",
        account_views.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
    path("konto/passwort-aendern/", accounts.MemberPasswordChangeView.as_view(), name="password_change"),
    path("konto/passwort-geaendert/", accounts.MemberPasswordChangeDoneView.as_view(), name="password_change_done"),
    path("konto/passwort-vergessen/", accounts.MemberPasswordResetView.as_view(), name="password_reset"),
    path(
        "konto/passwort-vergessen/gesendet/",
        accounts.MemberPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/passwort-neu/<uidb64>/<token>/",
        accounts.MemberPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/passwort-neu/fertig/",
        accounts.MemberPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only images in development: documents are never served from the media folder directly.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

# Production: with local media storage and no web server in front, Django serves the
# image renditions (SERVE_MEDIA_IMAGES, see docs/deployment.md). Documents never: they pass the
# serve view and its privacy check.
if settings.SERVE_MEDIA_IMAGES and not settings.DEBUG and settings.MEDIA_URL.startswith("/"):
    from django.views.static import serve as serve_file

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}images/(?P<path>.*)$",
            serve_file,
            {"document_root": os.path.join(settings.MEDIA_ROOT, "images")},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
