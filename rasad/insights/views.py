"""The editors' dashboard «پیشخوان» at /admin/dashboard/: charts with their tables, CSV of each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from rasad.access import teams
from rasad.access.selectors import seats_used
from rasad.core.downloads import csv_response
from rasad.core.htmx import LoggedInRequest
from rasad.core.jalali import jalali_numeric
from rasad.insights import selectors
from rasad.insights.charts import bar_chart
from rasad.insights.models import VIEW_METRICS, Metric
from rasad.insights.selectors import Period


class DashboardForm(forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("بازه"),
        choices=[
            (7, gettext_lazy("۷ روز گذشته")),
            (30, gettext_lazy("۳۰ روز گذشته")),
            (90, gettext_lazy("۹۰ روز گذشته")),
            (365, gettext_lazy("یک سال گذشته")),
        ],
        coerce=int,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("بازهٔ «%(value)s» نیست؛ یکی از ۷، ۳۰، ۹۰ یا ۳۶۵ روز را برگزینید.")
        },
    )
    csv = forms.ChoiceField(
        choices=[
            (name, name) for name in ("kinds", "daily", "weeks", "months", "articles", "topics", "think_tanks", "gate")
        ],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("جدولی به نام «%(value)s» نیست.")},
    )


def _tables(period: Period) -> dict[str, tuple[list[str], Sequence[Sequence[Any]]]]:
    """Every table of the dashboard: (header, rows). The page and the CSV downloads share them."""
    totals = selectors.metric_totals(period)
    daily = selectors.daily_views(period)
    kinds = [(str(Metric(m).label), totals[m]) for m in Metric.values]
    kinds += [(_("ذخیره برای بعد"), totals["saves"]), (_("برجسته‌سازی"), totals["highlights"])]
    return {
        "kinds": ([_("شاخص"), _("شمار")], kinds),
        "daily": (
            [_("روز"), *[str(Metric(m).label) for m in VIEW_METRICS]],
            [(jalali_numeric(day), *[k[m] for m in VIEW_METRICS]) for day, k in daily],
        ),
        "weeks": ([_("هفته"), _("بازدید")], selectors.grouped_views(period, selectors.jalali_week_label)),
        "months": ([_("ماه"), _("بازدید")], selectors.grouped_views(period, selectors.jalali_month_label)),
        "articles": ([_("مقاله"), _("بازدید")], [(a.title, n) for a, n in selectors.top_articles(period)]),
        "topics": ([_("موضوع"), _("بازدید")], selectors.top_by(period, "article__topics__name")),
        "think_tanks": ([_("اندیشکده"), _("بازدید")], selectors.top_by(period, "article__think_tank__name")),
        "gate": ([_("گام"), _("شمار"), _("نسبت به دیدن دروازه")], selectors.gate_conversion(totals)),
    }


def _daily_chart(daily_rows: Sequence[Sequence[Any]]) -> Any:
    series = [str(m) for m in VIEW_METRICS]
    legend = {str(m): str(Metric(m).label) for m in VIEW_METRICS}
    columns = [(str(row[0])[5:], list(zip(series, row[1:], strict=True))) for row in daily_rows]
    return bar_chart(columns, label_every=max(1, len(columns) // 10), legend=legend)


def _simple_chart(rows: Sequence[Sequence[Any]]) -> Any:
    return bar_chart([(str(label), [("total", int(n))]) for label, n in rows])


def _dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardForm(request.GET)
    if not form.is_valid():
        return render(
            request, "insights/dashboard.html", {**admin.site.each_context(request), "form": form}, status=400
        )
    period = Period.last_days(form.cleaned_data["days"] or 30)
    tables = _tables(period)
    if form.cleaned_data["csv"]:
        name = form.cleaned_data["csv"]
        header, rows = tables[name]
        return csv_response(f"rasad-{name}-{period.start}-{period.end}.csv", header, rows)
    charts: dict[str, Callable[[Sequence[Sequence[Any]]], Any]] = {
        "daily": _daily_chart, "weeks": _simple_chart, "months": _simple_chart,
    }  # fmt: skip
    dead_articles, dead_feeds = selectors.dead_links()
    context = {
        **admin.site.each_context(request),
        "title": _("پیشخوان"),
        "form": form,
        "period": period,
        "days": form.cleaned_data["days"] or 30,
        "tables": tables,
        "charts": {name: build(tables[name][1]) for name, build in charts.items()},
        "legend": [(m, Metric(m).label) for m in VIEW_METRICS],
        "reader_requests": selectors.newest_reader_requests(),
        "drafts": selectors.waiting_drafts(),
        "dead_articles": dead_articles,
        "dead_feeds": dead_feeds,
    }
    return render(request, "insights/dashboard.html", context)


dashboard = require_GET(admin.site.admin_view(_dashboard))


@login_required
@require_GET
def organisation_usage(request: LoggedInRequest, slug: str) -> HttpResponse:
    """An organisation's usage for its managers: seats, members' last activity, the team's reads
    by Jalali month. Counts only: no member's reading list or titles."""
    organisation = teams.managed_organisations(request.user).filter(slug=slug).first()
    if organisation is None:
        raise Http404(_("چنین سازمانی در مدیریت شما نیست."))
    reads = selectors.team_reads_by_month(organisation)
    return render(
        request,
        "insights/organisation_usage.html",
        {
            "organisation": organisation,
            "seats_used": seats_used(organisation),
            "members": selectors.members_activity(organisation),
            "reads": reads,
            "chart": _simple_chart(list(reads)),
        },
    )
