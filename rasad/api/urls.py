from django.urls import path

from rasad.api import protocol
from rasad.api.api import api

urlpatterns = [
    # The W3C Web Annotation Protocol (application/ld+json), beside the JSON API.
    path("articles/<int:article_id>/annotations/", protocol.container, name="annotation_container"),
    path("articles/<int:article_id>/annotations/<int:pk>", protocol.annotation, name="annotation_w3c"),
    path("", api.urls),
]
