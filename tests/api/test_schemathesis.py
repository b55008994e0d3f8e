"""Schemathesis against the API's own OpenAPI schema: no 5xx, every response as the schema says,
and every 4xx explained in Persian. Examples are bounded so the suite stays fast on both databases."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from rasad.api.api import api
from rasad.api.errors import is_persian
from rasad.wsgi import application
from tests.api.conftest import token_for

# Schema-valid but meaningless values (a slug that names no think tank, the 40th of a month) are
# answered 422 with the field named, as the schema documents, so 422 counts as accepted here.
CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"mode": "all"},
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", 401, 403, 404, 409, 412, 422, 429]}},
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"), config=CONFIG)
schema.app = application


@schemathesis.check
def errors_are_persian(ctx, response, case):
    if 400 <= response.status_code < 500:
        detail = response.json().get("detail", "")
        assert is_persian(detail), f"{response.status_code} without a Persian message: {response.text[:200]}"


@pytest.fixture
def _keep_test_connection():
    """Schemathesis calls the WSGI app directly; like Django's test client, keep the request
    signals from closing the test's database connection (PostgreSQL runs each test in a transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db, _keep_test_connection):
    """A reader with a write token, a subscription-free account and some content to find."""
    from tests.factories import make_article, make_author, make_think_tank, make_topic, make_user

    user = make_user("schemathesis")
    tank = make_think_tank("اندیشکدهٔ نمونه", slug="sample")
    author = make_author("نویسندهٔ نمونه", slug="writer")
    topic = make_topic("سیاست", slug="policy")
    for n in range(3):
        make_article(f"گزارش {n} دربارهٔ سیاست", think_tank=tank, authors=[author], topics=[topic])
    return f"Bearer {token_for(user)}"


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case, bearer):
    case.call_and_validate(headers={"Authorization": bearer})
