"""Rasad URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from rasad.api.views import archive_download
from rasad.articles.sitemaps import sitemap_index, sitemap_section
from rasad.articles.syndication import atom_feed, rss_feed
from rasad.core.health import healthz
from rasad.core.offline import offline_page, service_worker, web_manifest
from rasad.core.views import preferences_set, robots_txt
from rasad.insights.views import dashboard

admin.site.site_header = _("مدیریت رصد")
admin.site.site_title = _("رصد")
admin.site.index_title = _("میز سردبیری")
# The desk's front page links to the dashboard «پیشخوان» (rasad.insights.views.dashboard).
admin.site.index_template = "admin/rasad_index.html"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "icons/rasad.svg", permanent=True)),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    path("sw.js", service_worker, name="service_worker"),
    path("offline/", offline_page, name="offline"),
    path("preferences/", preferences_set, name="preferences"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/dashboard/", dashboard, name="admin_dashboard"),
    path("admin/", admin.site.urls),
    path("feed/", rss_feed, name="feed_rss"),
    path("feed/atom/", atom_feed, name="feed_atom"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap_section"),
    path("accounts/", include("rasad.access.auth_urls")),
    path("", include("rasad.access.urls")),
    path("", include("rasad.insights.urls")),
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
