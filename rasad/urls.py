"""Rasad URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("مدیریت رصد")
admin.site.site_title = _("رصد")
admin.site.index_title = _("میز سردبیری")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("rasad.access.urls")),
    path("", include("rasad.articles.urls")),
    path("search/", include("rasad.search.urls")),
]

handler404 = "rasad.core.views.page_not_found"
handler500 = "rasad.core.views.server_error"
