"""Reading figures: a scripted session of readers, folded, seen on the dashboard «پیشخوان»."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rasad.access.models import Subscription
from rasad.insights import buffer
from rasad.insights.models import DailyCount, Metric, PendingView
from tests.factories import make_article, make_topic, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_class():
    return Client


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0"


@pytest.fixture
def article():
    return make_article(
        "گزارش دریای خزر", published_on=dt.date.today() - dt.timedelta(days=1), topics=[make_topic("دریا")]
    )


@pytest.fixture
def subscriber():
    user = make_user("moshtarek")
    today = dt.date.today()
    Subscription.objects.create(user=user, starts_on=today - dt.timedelta(days=5), ends_on=today + dt.timedelta(days=5))
    return user


@pytest.fixture
def editor():
    return make_user("sardabir", is_staff=True, is_superuser=True)


def view(client, article, agent=BROWSER, **extra):
    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent, **extra)
    assert response.status_code == 200
    return response


def scripted_session(client_factory, article, subscriber, editor):
    """Two anonymous readers (one reloads), a reader without access (twice), a subscriber, an
    editor and a robot."""
    anon = client_factory()
    view(anon, article)
    view(anon, article)  # repeat of the same visitor in a day: not counted
    view(client_factory(), article, agent="Mozilla/5.0 (iPhone) Safari/604.1")
    reader = client_factory()
    reader.force_login(make_user())
    view(reader, article)
    view(reader, article)
    sub = client_factory()
    sub.force_login(subscriber)
    view(sub, article)
    staff = client_factory()
    staff.force_login(editor)
    view(staff, article)  # editors' own views: not counted
    view(client_factory(), article, agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")


def counts(article) -> dict[str, int]:
    return dict(DailyCount.objects.filter(article=article).values_list("metric", "count"))


def test_session_is_counted_per_kind_after_fold(client_class, article, subscriber, editor):
    scripted_session(client_class, article, subscriber, editor)
    assert not DailyCount.objects.exists()  # nothing reaches the aggregates before the fold
    call_command("fold_reading_stats")
    assert counts(article) == {
        Metric.VIEW_ANONYMOUS: 2,
        Metric.VIEW_READER: 1,
        Metric.VIEW_SUBSCRIBER: 1,
        Metric.FULL_READ: 1,
        Metric.GATE_VIEW: 3,
    }


def test_folding_twice_counts_once_and_later_views_meet_their_repeats(client, article, subscriber):
    client.force_login(subscriber)
    view(client, article)
    call_command("fold_reading_stats")
    view(client, article)  # the same session later the same day
    call_command("fold_reading_stats")
    assert counts(article)[Metric.VIEW_SUBSCRIBER] == 1


def test_no_ip_or_reader_is_stored(client, article):
    view(client, article, REMOTE_ADDR="203.0.113.9")
    stored = " ".join(PendingView.objects.values_list("member", flat=True))
    assert "203.0.113.9" not in stored and BROWSER not in stored


def test_one_buffer_write_per_page_view(client, article, subscriber, monkeypatch):
    calls = []
    monkeypatch.setattr(buffer, "add", lambda day, value: calls.append(value))
    client.force_login(subscriber)
    view(client, article)
    assert len(calls) == 1


def test_counting_off(client, article, settings):
    settings.RASAD_READING_STATS = False
    view(client, article)
    call_command("fold_reading_stats")
    assert not DailyCount.objects.exists()


def test_anonymous_page_from_the_page_cache_is_counted(client_class, article, page_cache):
    view(client_class(), article)
    second = view(client_class(), article, agent="Mozilla/5.0 Firefox/130")
    assert second["X-Rasad-Cache"] == "hit"
    call_command("fold_reading_stats")
    assert counts(article)[Metric.VIEW_ANONYMOUS] == 2
    assert counts(article)[Metric.GATE_VIEW] == 2


def test_gate_click_and_sign_up_after_the_gate(client, article):
    html = view(client, article).content.decode()
    guide = f"{reverse('access:guide')}?from={article.pk}"
    assert guide in html
    client.get(guide, HTTP_USER_AGENT=BROWSER)
    call_command("fold_reading_stats")
    assert counts(article)[Metric.GATE_CLICK] == 1


def test_dashboard_shows_counts_chart_table_and_csv(client_class, article, subscriber, editor):
    scripted_session(client_class, article, subscriber, editor)
    call_command("fold_reading_stats")
    admin = client_class()
    admin.force_login(editor)
    response = admin.get("/admin/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<rect" in html
    # The table: each kind with its count in Persian digits.
    assert f'<td>{Metric.VIEW_ANONYMOUS.label}</td><td class="num">۲</td>' in html
    assert f'<td>{Metric.VIEW_READER.label}</td><td class="num">۱</td>' in html
    assert f'<td>{Metric.VIEW_SUBSCRIBER.label}</td><td class="num">۱</td>' in html
    assert "گزارش دریای خزر" in html and "دریا" in html
    csv = admin.get("/admin/dashboard/", {"csv": "kinds"})
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert f"{Metric.VIEW_ANONYMOUS.label},2" in body
    assert f"{Metric.VIEW_SUBSCRIBER.label},1" in body


def test_dashboard_on_an_empty_database(admin_client):
    for days in ("7", "30", "90", "365"):
        response = admin_client.get("/admin/dashboard/", {"days": days})
        assert response.status_code == 200
        assert "هنوز چیزی شمرده نشده است." in response.content.decode()
    for table in ("kinds", "daily", "weeks", "months", "articles", "topics", "think_tanks", "gate"):
        assert admin_client.get("/admin/dashboard/", {"csv": table}).status_code == 200


def test_dashboard_bad_input_is_a_persian_400(admin_client):
    response = admin_client.get("/admin/dashboard/", {"days": "abc"})
    assert response.status_code == 400
    assert "بازهٔ «abc» نیست" in response.content.decode()


def test_dashboard_is_for_editors_only(client, article):
    client.force_login(make_user())
    response = client.get("/admin/dashboard/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_desk_links_to_the_dashboard(admin_client):
    assert "/admin/dashboard/" in admin_client.get("/admin/").content.decode()
