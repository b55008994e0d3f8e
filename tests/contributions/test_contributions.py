"""Contributions («رصد»): the form, review in the admin, publication and credit exactly once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Subscription
from rasad.access.services import subscription_grant
from rasad.articles.models import Article
from rasad.contributions.models import Contribution
from rasad.contributions.services import contribution_approve
from tests.factories import make_article, make_think_tank, make_topic, make_user
from tests.world import login

pytestmark = pytest.mark.django_db


def valid_data(**overrides):
    tank = make_think_tank()
    topic = make_topic()
    data = {
        "title": "رصد تازه",
        "source_url": "https://think.example/report/1",
        "think_tank": str(tank.pk),
        "summary": "خلاصهٔ رصد تازه.",
        "body": "<p>متن کامل <script>alert(1)</script>ترجمه.</p>",
        "topics": [str(topic.pk)],
    }
    data.update(overrides)
    return data


def make_contribution(user, **fields) -> Contribution:
    fields.setdefault("title", "رصد")
    fields.setdefault("source_url", f"https://think.example/{Contribution.objects.count() + 1}")
    fields.setdefault("summary", "خلاصه")
    fields.setdefault("body", "<p>متن</p>")
    return Contribution.objects.create(user=user, **fields)


@pytest.fixture
def editor(db):
    return make_user("editor", is_staff=True, is_superuser=True)


def test_signed_in_user_submits_and_sees_it_pending(client):
    user = make_user("reza")
    login(client, user)
    response = client.post(reverse("contributions:contribute"), valid_data())
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.user == user and contribution.topics.count() == 1
    html = client.get(reverse("contributions:mine")).content.decode()
    assert "رصد تازه" in html and "در انتظار بررسی" in html
    assert not Article.objects.filter(title="رصد تازه").exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("contributions:contribute"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"title": ""}, "عنوان را بنویسید."),
        ({"source_url": "not a url"}, "لینک معتبری وارد کنید."),
        ({"source_url": ""}, "لینک منبع اصلی را بنویسید."),
        ({"summary": ""}, "خلاصه را بنویسید"),
        ({"body": ""}, "متن کامل یا ترجمه را بنویسید."),
        ({"think_tank": "999999"}, "اندیشکدهٔ انتخاب‌شده در فهرست نیست."),
        ({"think_tank": "abc"}, "اندیشکدهٔ انتخاب‌شده در فهرست نیست."),
        ({"topics": ["999999"]}, "موضوع انتخاب‌شده در فهرست نیست."),
        ({"topics": ["x"]}, "موضوع انتخاب‌شده در فهرست نیست."),
        ({"title": "ع" * 400}, "عنوان بیش از اندازه بلند است."),
    ],
)
def test_bad_contribution_input_gives_persian_errors_and_keeps_the_text(client, overrides, error):
    login(client, make_user("reza"))
    data = valid_data(**overrides)
    response = client.post(reverse("contributions:contribute"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    if data["summary"]:
        assert data["summary"] in html  # nothing typed is lost
    assert not Contribution.objects.exists()


def test_already_published_source_is_refused(client):
    make_article(source_url="https://think.example/report/1")
    login(client, make_user("reza"))
    response = client.post(reverse("contributions:contribute"), valid_data())
    assert response.status_code == 400
    assert "این منبع پیش‌تر در رصد منتشر شده است." in response.content.decode()


def test_approval_publishes_with_observer_and_credits_once(editor):
    user = make_user("reza", first_name="رضا")
    contribution = make_contribution(user, body="<p>متن <script>x()</script>امن</p>")
    contribution_approve(contribution_id=contribution.pk, reviewer=editor)
    contribution_approve(contribution_id=contribution.pk, reviewer=editor)
    article = Article.objects.get(source_url=contribution.source_url)
    assert article.is_public and article.observer_user == user
    assert "<script>" not in article.body
    credits = Subscription.objects.filter(user=user, source=Subscription.Source.CONTRIBUTION)
    assert credits.count() == 1
    credit = credits.get()
    assert (credit.ends_on - credit.starts_on).days + 1 == settings.RASAD_CONTRIBUTION_CREDIT_DAYS


def test_credit_runs_after_current_access(editor, settings):
    settings.RASAD_CONTRIBUTION_CREDIT_DAYS = 30
    user = make_user("reza")
    current = subscription_grant(user=user, days=10)
    first = make_contribution(user)
    second = make_contribution(user)
    contribution_approve(contribution_id=first.pk, reviewer=editor)
    contribution_approve(contribution_id=second.pk, reviewer=editor)
    credits = list(Subscription.objects.filter(source="contribution").order_by("starts_on"))
    assert credits[0].starts_on == current.ends_on + dt.timedelta(days=1)
    assert credits[1].starts_on == credits[0].ends_on + dt.timedelta(days=1)
    assert credits[1].ends_on == timezone.localdate() + dt.timedelta(days=69)


def test_admin_approve_action_twice_grants_once(client, editor):
    user = make_user("reza")
    contribution = make_contribution(user)
    login(client, editor)
    url = reverse("admin:contributions_contribution_changelist")
    for _ in range(2):
        client.post(url, {"action": "approve", ACTION_CHECKBOX_NAME: [contribution.pk]})
    assert Subscription.objects.filter(user=user).count() == 1
    assert Article.objects.filter(observer_user=user).count() == 1


def test_admin_reject_asks_for_a_reason_that_the_contributor_sees(client, editor):
    user = make_user("reza")
    contribution = make_contribution(user, title="رصد ضعیف")
    login(client, editor)
    url = reverse("admin:contributions_contribution_changelist")
    form = client.post(url, {"action": "reject", ACTION_CHECKBOX_NAME: [contribution.pk]})
    assert form.status_code == 200 and "دلیل رد" in form.content.decode()
    empty = client.post(
        url, {"action": "reject", "confirm": "1", "reason": "", ACTION_CHECKBOX_NAME: [contribution.pk]}
    )
    assert "دلیل رد را بنویسید" in empty.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING
    client.post(
        url, {"action": "reject", "confirm": "1", "reason": "منبع معتبر نیست.", ACTION_CHECKBOX_NAME: [contribution.pk]}
    )
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.REJECTED
    assert not Subscription.objects.filter(user=user).exists()
    login(client, user)
    html = client.get(reverse("contributions:mine")).content.decode()
    assert "ردشده" in html and "منبع معتبر نیست." in html


def test_approved_contribution_cannot_be_rejected(editor):
    from django.core.exceptions import ValidationError

    from rasad.contributions.services import contribution_reject

    contribution = make_contribution(make_user("reza"))
    contribution_approve(contribution_id=contribution.pk, reviewer=editor)
    with pytest.raises(ValidationError):
        contribution_reject(contribution_id=contribution.pk, reviewer=editor, reason="دیر")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_concurrent_approvals_credit_once():
    editor = make_user("editor2", is_staff=True)
    user = make_user("reza2")
    contribution = make_contribution(user)
    errors = []
    barrier = threading.Barrier(2)

    def approve():
        from django.db import connections

        try:
            barrier.wait()
            contribution_approve(contribution_id=contribution.pk, reviewer=editor)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Subscription.objects.filter(user=user).count() == 1
    assert Article.objects.filter(observer_user=user).count() == 1


def test_plain_text_body_becomes_escaped_paragraphs(editor):
    contribution = make_contribution(make_user("reza"), body="بند یکم <b\n\nبند دوم & پایان")
    contribution_approve(contribution_id=contribution.pk, reviewer=editor)
    body = Article.objects.get(source_url=contribution.source_url).body
    assert body.count("<p>") == 2
    assert "&lt;b" in body and "&amp;" in body


def test_approving_a_source_published_meanwhile_is_refused_without_credit(client, editor):
    user = make_user("reza")
    contribution = make_contribution(user, source_url="https://think.example/dup")
    make_article(source_url="https://think.example/dup")
    login(client, editor)
    response = client.post(
        reverse("admin:contributions_contribution_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [contribution.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "مقاله‌ای با همین لینک منبع پیش‌تر منتشر شده است." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING
    assert not Subscription.objects.filter(user=user).exists()
