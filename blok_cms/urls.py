from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Document downloads always pass Django (WAGTAILDOCS_SERVE_METHOD = "serve_view").
    path("downloads/", include(wagtaildocs_urls)),
    path("suche/", search_views.search, name="search"),
    path("anmelden/", home_views.MemberLoginView.as_view(), name="login"),
    path("abmelden/", home_views.MemberLogoutView.as_view(), name="logout"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only images in development: documents are never served from the media folder directly.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
