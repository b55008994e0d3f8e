from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from rasad.core.downloads import csv_cell
from rasad.library.context_processors import saved_articles
from rasad.library.models import SavedArticle
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def test_saved_ids_are_computed_once_per_request(django_assert_num_queries):
    user = make_user()
    article = make_article()
    SavedArticle.objects.create(user=user, article=article)
    request = RequestFactory().get(reverse("articles:feed"))
    request.user = user
    context = saved_articles(request)
    with django_assert_num_queries(1):
        assert article.pk in context["saved_article_ids"]
        assert 0 not in context["saved_article_ids"]
        assert article.pk in saved_articles(request)["saved_article_ids"]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "＝1"])
def test_csv_cells_that_start_a_formula_are_quoted(value):
    assert csv_cell(value).startswith("'")


def test_plain_csv_cells_are_untouched():
    assert csv_cell("نفت") == "نفت" and csv_cell(None) == ""


def test_save_button_renders_for_anonymous_without_queries(django_assert_num_queries):
    article = make_article()
    request = RequestFactory().get(reverse("articles:feed"))
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    template = Template('{% include "library/_save_button.html" %}')
    with django_assert_num_queries(0):
        html = template.render(Context({"article": article, "request": request, **saved_articles(request)}))
    assert "ذخیره برای بعد" in html
