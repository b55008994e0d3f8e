from django.urls import path

from rasad.api.api import api

urlpatterns = [
    path("", api.urls),
]
