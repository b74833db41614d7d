from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import accounts
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Document downloads always pass Django (WAGTAILDOCS_SERVE_METHOD = "serve_view").
    path("downloads/", include(wagtaildocs_urls)),
    path("suche/", search_views.search, name="search"),
    # Members' accounts (issue 4): Django's auth views in the site's design, see home/accounts.py.
    path("anmelden/", accounts.MemberLoginView.as_view(), name="login"),
    path("abmelden/", accounts.MemberLogoutView.as_view(), name="logout"),
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

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
