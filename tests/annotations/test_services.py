from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rasad.annotations.anchoring import field_text
from rasad.annotations.forms import AnnotationForm
from rasad.annotations.selectors import for_article, jalali_week_start
from rasad.annotations.services import annotation_create
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def test_body_annotation_needs_full_text_access():
    article = make_article(body="<p>متن کامل و محرمانه</p>")
    with pytest.raises(PermissionDenied):
        annotation_create(author=make_user(), article=article, field="body", exact="محرمانه")
    staff = make_user(is_staff=True)
    annotation = annotation_create(author=staff, article=article, field="body", exact="محرمانه")
    assert field_text(article, "body")[annotation.start : annotation.end] == "محرمانه"


def test_positions_from_the_client_pick_the_right_repeat():
    article = make_article(summary="نفت. نفت. نفت.")
    user = make_user()
    annotation = annotation_create(author=user, article=article, field="summary", exact="نفت", start=5)
    assert annotation.start == 5 and annotation.prefix == "نفت. "


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"field": "title"}, "field"),
        ({"visibility": "public"}, "visibility"),
        ({"visibility": "team"}, "visibility"),  # not offered to a reader in no team
        ({"exact": "   "}, "exact"),
        ({"exact": "x" * 2001}, "exact"),
        ({"note": "x" * 5001}, "note"),
    ],
)
def test_invalid_input_is_a_persian_field_error(fields, key):
    data = {"field": "summary", "exact": "نفت", "visibility": "private", **fields}
    form = AnnotationForm(data, user=make_user(), can_read=False)
    assert not form.is_valid()
    assert key in form.errors and all("\u0600" <= ch <= "\u06ff" for ch in form.errors[key][0] if ch.isalpha())


def test_a_team_note_needs_a_team_of_the_author():
    article = make_article(summary="نفت و گاز")
    with pytest.raises(ValidationError) as info:
        annotation_create(author=make_user(), article=article, field="summary", exact="نفت", visibility="team")
    assert "organisation" in info.value.message_dict


def test_anonymous_sees_no_annotations():
    from django.contrib.auth.models import AnonymousUser

    article = make_article(summary="نفت و گاز")
    annotation_create(author=make_user(), article=article, field="summary", exact="نفت")
    assert for_article(AnonymousUser(), article) == []


def test_jalali_week_starts_on_saturday():
    import datetime as dt

    friday = dt.date(2024, 5, 24)
    assert jalali_week_start(friday) == dt.date(2024, 5, 18)
    assert jalali_week_start(dt.date(2024, 5, 18)) == dt.date(2024, 5, 18)
    assert jalali_week_start(dt.date(2024, 5, 19)) == dt.date(2024, 5, 18)
