"""Personal access tokens: made, looked up and revoked here, and nowhere else.

A token is ``rasad_`` followed by 43 random URL-safe characters (256 bits). The database keeps
only its SHA-256 digest, so a copy of the database does not let anyone call the API; a random
token needs no slow hash (https://security.stackexchange.com/q/151257). ``token_create`` and
``token_revoke`` are the two acts an audit log records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rasad.access.models import AccessToken

TOKEN_PREFIX = "rasad_"
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often per token: not one UPDATE per API request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, scope: str) -> tuple[AccessToken, str]:
    """A new token for ``user``; returns it with the secret, which is never available again."""
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("برای توکن نامی بنویسید تا بعداً بشناسیدش.")
    elif len(name) > 100:
        errors["name"] = _("نام توکن بلندتر از ۱۰۰ نویسه است.")
    if scope not in AccessToken.Scope.values:
        errors["scope"] = _("دامنهٔ توکن باید «فقط خواندن» یا «خواندن و نوشتن» باشد.")
    # Row lock on the user: two simultaneous requests cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if AccessToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        errors["name"] = _("بیش از ۲۰ توکن فعال نمی‌توان داشت؛ نخست یکی را باطل کنید.")
    if errors:
        raise ValidationError(errors)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user, name=name, scope=scope, prefix=raw[: len(TOKEN_PREFIX) + 6], digest=token_digest(raw)
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: AccessToken, revoked_by: User) -> AccessToken:
    """Revoke ``token`` (its owner's act); a revoked token is refused from the next request on."""
    if token.user_id != revoked_by.pk:
        raise ValidationError(_("این توکن از آنِ شما نیست."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> AccessToken | None:
    """The active token whose secret is ``raw`` (with its user), or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = AccessToken.objects.active().select_related("user").filter(digest=token_digest(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
