"""What the dashboard reads: sums of ``DailyCount`` over a period, and the editors' queues.

Every read is a handful of grouped queries whatever the period or the number of articles, and
every one answers an empty database with zeros and empty lists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import jdatetime
from django.db.models import Max, Sum
from django.utils import timezone

from rasad.access.models import Organisation
from rasad.access.teams import teammates
from rasad.annotations.models import Annotation
from rasad.articles.models import Article, LinkStatus, ThinkTank
from rasad.insights.models import VIEW_METRICS, DailyCount, Metric
from rasad.library.models import ReaderRequest, SavedArticle

JALALI_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]  # fmt: skip


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def last_days(cls, days: int, today: dt.date | None = None) -> Period:
        end = today or timezone.localdate()
        return cls(start=end - dt.timedelta(days=days - 1), end=end)

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days + 1)]


def metric_totals(period: Period) -> dict[str, int]:
    """Each metric's total over the period (zeros included), plus saves and highlights."""
    totals = dict.fromkeys(Metric.values, 0)
    rows = (
        DailyCount.objects.filter(day__gte=period.start, day__lte=period.end).values("metric").annotate(n=Sum("count"))
    )
    totals.update({row["metric"]: row["n"] or 0 for row in rows})
    start, end = _aware(period.start), _aware(period.end + dt.timedelta(days=1))
    totals["saves"] = SavedArticle.objects.filter(saved_at__gte=start, saved_at__lt=end).count()
    totals["highlights"] = Annotation.objects.filter(created_at__gte=start, created_at__lt=end).count()
    return totals


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def daily_views(period: Period) -> list[tuple[dt.date, dict[str, int]]]:
    """Each day of the period with its views by kind (a day without views has zeros)."""
    by_day: dict[dt.date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(VIEW_METRICS, 0))
    rows = (
        DailyCount.objects.filter(day__gte=period.start, day__lte=period.end, metric__in=VIEW_METRICS)
        .values("day", "metric")
        .annotate(n=Sum("count"))
    )
    for row in rows:
        by_day[row["day"]][row["metric"]] = row["n"] or 0
    return [(day, dict(by_day[day])) for day in period.days()]


def jalali_week_label(day: dt.date) -> str:
    """«هفتهٔ ۱۴۰۵/۰۹/۰۸»: the Saturday the Jalali week starts on."""
    saturday = day - dt.timedelta(days=jdatetime.date.fromgregorian(date=day).weekday())
    return jdatetime.date.fromgregorian(date=saturday).strftime("%Y/%m/%d")


def jalali_month_label(day: dt.date) -> str:
    jday = jdatetime.date.fromgregorian(date=day)
    return f"{JALALI_MONTHS[jday.month - 1]} {jday.year}"


def grouped_views(period: Period, label: object) -> list[tuple[str, int]]:
    """Views summed by ``label(day)`` (a Jalali week or month), in calendar order."""
    groups: dict[str, int] = {}
    for day, kinds in daily_views(period):
        key = label(day)  # type: ignore[operator]
        groups[key] = groups.get(key, 0) + sum(kinds.values())
    return list(groups.items())


def top_articles(period: Period, limit: int = 10) -> list[tuple[Article, int]]:
    rows = list(
        DailyCount.objects.filter(day__gte=period.start, day__lte=period.end, metric__in=VIEW_METRICS)
        .values("article")
        .annotate(n=Sum("count"))
        .order_by("-n", "article")[:limit]
    )
    articles = Article.objects.in_bulk([row["article"] for row in rows])
    return [(articles[row["article"]], row["n"]) for row in rows if row["article"] in articles]


def top_by(period: Period, field: str, limit: int = 10) -> list[tuple[str, int]]:
    """Views summed by an article field across a relation (``article__topics__name``…)."""
    rows = (
        DailyCount.objects.filter(day__gte=period.start, day__lte=period.end, metric__in=VIEW_METRICS)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(n=Sum("count"))
        .order_by("-n", field)[:limit]
    )
    return [(row[field], row["n"]) for row in rows]


def gate_conversion(totals: dict[str, int]) -> list[tuple[str, int, str]]:
    """The gate's funnel: views of the gate, then clicks, sign-ups and contributions, each with its
    share of gate views."""
    seen = totals.get(Metric.GATE_VIEW, 0)
    steps = [Metric.GATE_VIEW, Metric.GATE_CLICK, Metric.SIGNUP_AFTER_GATE, Metric.CONTRIBUTION_AFTER_GATE]
    result = []
    for metric in steps:
        n = totals.get(metric, 0)
        share = f"{100 * n / seen:.1f}٪" if seen else "—"
        result.append((str(Metric(metric).label), n, share))
    return result


def newest_reader_requests(limit: int = 10) -> list[ReaderRequest]:
    return list(ReaderRequest.objects.filter(status=ReaderRequest.Status.OPEN).order_by("-first_requested_at")[:limit])


def waiting_drafts(limit: int = 10) -> list[Article]:
    """Drafts, newest first: what feed fetches and imports left for an editor."""
    return list(
        Article.objects.filter(status=Article.Status.DRAFT).select_related("think_tank").order_by("-created_at")[:limit]
    )


def dead_links(limit: int = 50) -> tuple[list[Article], list[ThinkTank]]:
    articles = list(
        Article.objects.filter(source_status=LinkStatus.DEAD)
        .select_related("think_tank")
        .order_by("-published_on")[:limit]
    )
    tanks = list(ThinkTank.objects.filter(feed_status=LinkStatus.DEAD)[:limit])
    return articles, tanks


# --- an organisation's usage, for its managers ---------------------------------------------------


@dataclass(frozen=True)
class MemberActivity:
    username: str
    role: str
    last_active: dt.datetime | None


def members_activity(organisation: Organisation) -> list[MemberActivity]:
    """Each member and when they last did anything (logged in, saved, marked read, annotated);
    nothing of what they read."""
    memberships = list(teammates(organisation).select_related("user"))
    ids = [m.user_id for m in memberships]
    saved = {
        row["user"]: max(filter(None, [row["saved"], row["read"]]), default=None)
        for row in SavedArticle.objects.filter(user__in=ids)
        .values("user")
        .annotate(saved=Max("saved_at"), read=Max("read_at"))
    }
    noted = dict(
        Annotation.objects.filter(author__in=ids)
        .values("author")
        .annotate(at=Max("created_at"))
        .values_list("author", "at")
    )
    result = []
    for m in memberships:
        moments = [m.user.last_login, saved.get(m.user_id), noted.get(m.user_id)]
        result.append(
            MemberActivity(m.user.get_username(), m.get_role_display(), max(filter(None, moments), default=None))
        )
    return result


def team_reads_by_month(organisation: Organisation, months: int = 12) -> list[tuple[str, int]]:
    """Articles the members marked read, per Jalali month (the last ``months``), oldest first."""
    since = timezone.now() - dt.timedelta(days=31 * months)
    ids = teammates(organisation).values("user_id")
    moments = SavedArticle.objects.filter(user__in=ids, read_at__gte=since).values_list("read_at", flat=True)
    counts: dict[tuple[int, int], int] = {}
    for moment in moments.iterator():
        jday = jdatetime.date.fromgregorian(date=timezone.localtime(moment).date())
        counts[(jday.year, jday.month)] = counts.get((jday.year, jday.month), 0) + 1
    return [(f"{JALALI_MONTHS[month - 1]} {year}", counts[(year, month)]) for year, month in sorted(counts)]
