from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.views.decorators.cache import never_cache


class MemberLoginView(auth_views.LoginView):
    """The members' login in the site's design (Wagtail's front-end login URL)."""

    template_name = "home/login.html"
    redirect_authenticated_user = True


class MemberLogoutView(auth_views.LogoutView):
    pass


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@never_cache
def server_error(request):
    return render(request, "500.html", status=500)
