"""An editor accepts a suggested similar article with one click, in a real browser."""

from __future__ import annotations

import pytest

from rasad.articles.models import SimilarLink, SimilarSuggestion
from rasad.articles.similarity import refresh_suggestions
from tests.factories import make_article, make_think_tank, make_topic, make_user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_accepts_a_suggestion_in_one_click(live_server, page, artifacts_dir):
    make_user("editor", password="pass-1234-word", is_staff=True, is_superuser=True)
    think_tank, topic = make_think_tank("مؤسسهٔ بروکینگز"), make_topic("ایران")
    article = make_article("تحریم‌های نفتی ایران", think_tank=think_tank, topics=[topic])
    other = make_article("صادرات نفت ایران زیر تحریم", think_tank=think_tank, topics=[topic])
    refresh_suggestions(article_ids=[article.pk])
    assert SimilarSuggestion.objects.filter(article=article, suggested=other).exists()

    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-1234-word")
    page.click("input[type=submit]")
    panel = page.locator(".similar-suggestions")
    panel.scroll_into_view_if_needed()
    assert "موضوع مشترک" in panel.inner_text()
    page.screenshot(path=str(artifacts_dir / "imports-admin-suggestions.png"), full_page=True)

    panel.get_by_role("button", name="پذیرفتن").click()
    page.wait_for_load_state()
    assert "به مقاله‌های مشابه افزوده شد" in page.content()
    assert SimilarLink.objects.filter(from_article=article, to_article=other).exists()
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(artifacts_dir / "imports-admin-accepted-375.png"), full_page=False)
