from django.urls import path

from accessibility import views

urlpatterns = [
    path("barriere-melden/", views.report, name="barrier_report"),
    path("barriere-melden/danke/", views.report_done, name="barrier_report_done"),
]
