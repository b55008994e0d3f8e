"""Saved searches, follows, matching on publish, e-mails, the private feed and notifications,
through the pages a reader uses (tasks run eagerly, e-mail in Django's outbox)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from rasad.access.models import Subscription
from rasad.alerts import tasks
from rasad.alerts.models import Alert, Email, Match, Notification
from rasad.articles.models import Article
from tests.factories import make_article, make_topic, make_user
from tests.world import SENTINEL, days, login

GATED_BODY = f"<p>آغاز متن. {SENTINEL} پایان.</p>"


@pytest.fixture
def people(db):
    topic = make_topic("انرژی")
    subscriber = make_user("moshtarek")
    Subscription.objects.create(user=subscriber, starts_on=days(-10), ends_on=days(30))
    reader = make_user("khanande")
    bystander = make_user("bystander")
    return topic, subscriber, reader, bystander


def publish(**fields) -> Article:
    fields.setdefault("body", GATED_BODY)
    fields.setdefault("published_on", days(0))
    return make_article(**fields)


def test_saved_search_and_follow_each_get_one_email_without_full_text(
    client, people, django_capture_on_commit_callbacks
):
    topic, subscriber, reader, bystander = people
    login(client, subscriber)
    response = client.post(reverse("alerts:search_save"), {"q": "گاز طبیعی", "name": "گاز", "delivery": "immediate"})
    assert response.status_code == 302
    login(client, reader)
    response = client.post(reverse("alerts:follow", args=["topic", topic.slug]), {"following": "1"})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="بازار گاز طبیعی اروپا", summary="گاز طبیعی روسیه و اروپا.", topics=[topic])
        publish(title="چیزی دیگر", summary="بی‌ربط به هر دو.")
    assert sorted(m.to[0] for m in mail.outbox) == ["khanande@example.com", "moshtarek@example.com"]
    for message in mail.outbox:
        html = message.alternatives[0][0]
        assert "بازار گاز طبیعی اروپا" in message.subject
        assert SENTINEL not in message.body and SENTINEL not in html
        assert 'dir="rtl"' in html
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<http://[^>]+/alerts/unsubscribe/[^/]+/>", message.extra_headers["List-Unsubscribe"])
        assert re.search("[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}", message.body)  # Jalali date, Persian digits
    # Publishing twice, matching again, a second worker: nothing more.
    tasks.match_articles([a.pk for a in Article.objects.all()])
    tasks.match_new_articles()
    for pk in Email.objects.values_list("pk", flat=True):
        tasks.send_email(pk)
    assert len(mail.outbox) == 2


def test_one_click_unsubscribe_and_bad_signature(client, people, django_capture_on_commit_callbacks):
    topic, subscriber, reader, _ = people
    alert = Alert.objects.create(user=reader, kind="topic", topic=topic, name=topic.name)
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="نفت", topics=[topic])
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("127.0.0.1:8000", 1)[1]
    client.logout()
    response = client.post(path, {"List-Unsubscribe": "One-Click"})  # no cookie, no CSRF token
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.delivery == "app"
    bad = client.get(path[:-5] + "xxxx/")
    assert bad.status_code == 404
    assert "معتبر نیست" in bad.content.decode()


def test_private_feed_lists_matches_and_regenerating_kills_the_old_url(
    client, people, django_capture_on_commit_callbacks
):
    topic, subscriber, reader, _ = people
    Alert.objects.create(user=reader, kind="topic", topic=topic, name=topic.name, delivery="app")
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="گزارش تازهٔ انرژی", topics=[topic])
    login(client, reader)
    page = client.get(reverse("alerts:index")).content.decode()
    feed_url = re.search(r"http://testserver(/alerts/feed/[^<]+/)", page).group(1)
    feed = client.get(feed_url)
    assert feed.status_code == 200 and "گزارش تازهٔ انرژی" in feed.content.decode()
    assert SENTINEL not in feed.content.decode()
    assert not mail.outbox  # "only in the app" sends nothing
    client.post(reverse("alerts:feed_token"))
    client.logout()
    assert client.get(feed_url).status_code == 404


def test_bad_saved_search_is_a_persian_400_and_saves_nothing(client, people):
    _, subscriber, _, _ = people
    login(client, subscriber)
    for data in [{"q": ""}, {"q": "x" * 201}, {"q": "نفت", "topic": "999999"}, {"q": "نفت", "date_from": "۱۴۰۳/۱۳/۴۰"}]:
        response = client.post(reverse("alerts:search_save"), {**data, "delivery": "immediate"})
        assert response.status_code == 400, data
        assert re.search("[\u0600-\u06ff]", response.content.decode())
    assert client.post(reverse("alerts:search_save"), {"q": "نفت", "delivery": "sometimes"}).status_code == 400
    assert not Alert.objects.exists()


def test_follow_toggle_with_htmx_and_listed_on_alerts_page(client, people):
    topic, _, reader, _ = people
    login(client, reader)
    page = client.get(reverse("articles:topic", args=[topic.slug])).content.decode()
    assert "دنبال کردن" in page
    response = client.post(reverse("alerts:follow", args=["topic", topic.slug]), HTTP_HX_REQUEST="true")
    assert "دنبال می‌کنید" in response.content.decode()
    assert topic.name in client.get(reverse("alerts:index")).content.decode()
    response = client.post(reverse("alerts:follow", args=["topic", topic.slug]), HTTP_HX_REQUEST="true")
    assert "دنبال کردن" in response.content.decode()
    assert not Alert.objects.exists()
    assert client.post(reverse("alerts:follow", args=["planet", "x"])).status_code == 404


def test_search_page_offers_to_save_the_search(client, people):
    _, subscriber, _, _ = people
    login(client, subscriber)
    page = client.get(reverse("search:results"), {"q": "نفت"}).content.decode()
    assert "ذخیره این جستجو" in page


def test_daily_digest_is_one_email_once_per_day(client, people, django_capture_on_commit_callbacks):
    topic, _, reader, _ = people
    Alert.objects.create(user=reader, kind="topic", topic=topic, name=topic.name, delivery="daily")
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="یکم", topics=[topic])
        publish(title="دوم", topics=[topic])
    assert not mail.outbox
    assert Match.objects.count() == 2
    today = days(0).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_daily_digests(today)
        tasks.send_daily_digests(today)
    assert len(mail.outbox) == 1
    assert "یکم" in mail.outbox[0].body and "دوم" in mail.outbox[0].body
    assert "خلاصهٔ روزانه" in mail.outbox[0].subject


def test_failed_send_retries_with_backoff_then_is_visible_in_admin(
    client, people, settings, django_capture_on_commit_callbacks
):
    topic, _, reader, _ = people
    settings.EMAIL_BACKEND = "tests.alerts.failing_backend.FailingBackend"
    Alert.objects.create(user=reader, kind="topic", topic=topic, name=topic.name)
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="ناکام", topics=[topic])
    email = Email.objects.get()
    assert email.status == "failed" and email.attempts == 1 and email.next_attempt_at and "refused" in email.last_error
    admin = make_user("editor", is_staff=True, is_superuser=True)
    login(client, admin)
    assert "refused" in client.get(reverse("admin:alerts_email_changelist")).content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Email.objects.update(next_attempt_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.retry_due_emails()
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 2 and len(mail.outbox) == 1


def test_drafts_and_scheduled_articles_tell_nobody(people, django_capture_on_commit_callbacks):
    topic, _, reader, _ = people
    Alert.objects.create(user=reader, kind="topic", topic=topic, name=topic.name)
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="پیش‌نویس", topics=[topic], status=Article.Status.DRAFT)
        publish(title="فردا", topics=[topic], published_on=days(1))
    tasks.match_new_articles()
    assert not mail.outbox and not Notification.objects.exists()


def test_bell_and_notifications_page(client, people, django_capture_on_commit_callbacks):
    topic, _, reader, _ = people
    Alert.objects.create(user=reader, kind="topic", topic=topic, name=topic.name, delivery="app")
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="برای زنگوله", topics=[topic])
    login(client, reader)
    assert "۱" in client.get(reverse("alerts:bell"), HTTP_HX_REQUEST="true").content.decode()
    assert "برای زنگوله" in client.get(reverse("alerts:notifications")).content.decode()
    client.post(reverse("alerts:read_all"))
    assert "hidden" in client.get(reverse("alerts:bell")).content.decode()


def test_an_imported_article_reaches_the_follower_and_the_saved_search(
    tmp_path, people, django_capture_on_commit_callbacks
):
    import io

    from django.core.management import call_command

    from rasad.core.digits import to_latin_digits
    from rasad.core.jalali import jalali_numeric
    from tests.imports.factories import record, write_jsonl

    topic, subscriber, reader, _ = people
    Alert.objects.create(user=subscriber, name="بازدارندگی", q="بازدارندگی خلیج")
    Alert.objects.create(user=reader, kind="topic", topic=topic, name=topic.name)
    today = to_latin_digits(jalali_numeric(days(0)))
    path = write_jsonl(tmp_path / "a.jsonl", [record(7, topics=[topic.name], published=today, body=GATED_BODY)])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["khanande@example.com", "moshtarek@example.com"]
    assert all(SENTINEL not in m.body and SENTINEL not in m.alternatives[0][0] for m in mail.outbox)
