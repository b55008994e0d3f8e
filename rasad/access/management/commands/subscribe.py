"""``python manage.py subscribe USERNAME --days N``: grant or extend a reader's subscription."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rasad.access.models import Plan, Subscription
from rasad.access.selectors import access_until
from rasad.access.services import subscription_grant
from rasad.core.jalali import jalali_numeric


class Command(BaseCommand):
    help = "Give USERNAME N days of full access, after any access they already hold."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None, help="number of days (default: the plan's duration)")
        parser.add_argument("--plan", default=None, help="plan name (optional)")
        parser.add_argument("--note", default="", help="a note for editors")

    def handle(self, *args: Any, username: str, days: int | None, plan: str | None, note: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        plan_obj = None
        if plan:
            plan_obj = Plan.objects.filter(name=plan).first()
            if plan_obj is None:
                raise CommandError(f"No plan named {plan!r}.")
        days = days if days is not None else (plan_obj.duration_days if plan_obj else None)
        if days is None:
            raise CommandError("Give --days N or --plan NAME.")
        try:
            subscription = subscription_grant(
                user=user, days=days, source=Subscription.Source.ADMIN, plan=plan_obj, note=note
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        until = access_until(user)
        self.stdout.write(
            f"{username}: {subscription.starts_on.isoformat()} – {subscription.ends_on.isoformat()} "
            f"({jalali_numeric(subscription.starts_on)} – {jalali_numeric(subscription.ends_on)}); "
            f"access until {until.isoformat() if until else '-'}"
        )
