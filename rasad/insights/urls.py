from django.urls import path

from rasad.insights import views

app_name = "insights"

urlpatterns = [
    path("organisations/<str:slug>/usage/", views.organisation_usage, name="organisation_usage"),
]
