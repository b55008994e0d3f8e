"""Rasad URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from rasad.api.views import archive_download
from rasad.articles.sitemaps import sitemap_index, sitemap_section
from rasad.articles.syndication import atom_feed, rss_feed
from rasad.core.health import healthz

admin.site.site_header = _("مدیریت رصد")
admin.site.site_title = _("رصد")
admin.site.index_title = _("میز سردبیری")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("feed/", rss_feed, name="feed_rss"),
    path("feed/atom/", atom_feed, name="feed_atom"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap_section"),
    path("accounts/", include("rasad.access.auth_urls")),
    path("", include("rasad.access.urls")),
    path("", include("rasad.contributions.urls")),
    path("", include("rasad.alerts.urls")),
    path("", include("rasad.articles.urls")),
    path("search/", include("rasad.search.urls")),
    path("library/archive.zip", archive_download, name="library_archive"),
    path("library/", include("rasad.library.urls")),
    path("annotations/", include("rasad.annotations.urls")),
    path("api/v1/", include("rasad.api.urls")),
]

if settings.RASAD_BENCH:
    # bench/run.py's baseline: the same middleware, no work in the view.
    from rasad.core.views import bench_bare

    urlpatterns.append(path("bench/bare/", bench_bare, name="bench_bare"))

handler404 = "rasad.core.views.page_not_found"
handler500 = "rasad.core.views.server_error"
