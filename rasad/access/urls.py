from django.urls import path

from rasad.access import views

app_name = "access"

urlpatterns = [
    path("subscribe/guide/", views.guide, name="guide"),
]
