"""Rasad URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from rasad.articles.feeds import atom_feed, rss_feed
from rasad.articles.sitemaps import sitemap_index, sitemap_section

admin.site.site_header = _("مدیریت رصد")
admin.site.site_title = _("رصد")
admin.site.index_title = _("میز سردبیری")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("feed/", rss_feed, name="feed_rss"),
    path("feed/atom/", atom_feed, name="feed_atom"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap_section"),
    path("accounts/", include("rasad.access.auth_urls")),
    path("", include("rasad.access.urls")),
    path("", include("rasad.articles.urls")),
]

handler404 = "rasad.core.views.page_not_found"
handler500 = "rasad.core.views.server_error"
