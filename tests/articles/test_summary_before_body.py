"""A reader with access reads the sentence where the public summary stops and the full text
starts once; a reader without access still sees the whole public summary."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.factories import make_article, make_user
from tests.world import login

pytestmark = pytest.mark.django_db

FRAGMENT = "برای مسکو، موضع مرحوم رئیسی و تمایل"


def _text(client, article) -> str:
    """What the reader reads: the summary and what follows it (not the page's meta tags)."""
    html = client.get(article.get_absolute_url()).content.decode()
    return html.split('class="summary-text"', 1)[1].split("</article>", 1)[0]


def test_the_cut_off_sentence_is_read_once_with_access(client):
    article = make_article(
        summary=f"جملهٔ نخست خلاصه است. {FRAGMENT}…",
        body=f"<p>{FRAGMENT} او به نگاه به شرق فرصتی بود.</p>",
    )
    reader = make_user("reader_with_access")
    login(client, reader)
    assert _text(client, article).count(FRAGMENT) == 1
    call_command("subscribe", "reader_with_access", "--days", "30")
    text = _text(client, article)
    assert text.count(FRAGMENT) == 1 and "او به نگاه به شرق" in text


def test_a_summary_that_does_not_run_into_the_body_is_left_alone():
    article = make_article(summary="خلاصه‌ای کامل. و جمله‌ای دیگر…", body="<p>متنی دیگر.</p>")
    assert article.summary_before_body == article.summary
