"""Demo accounts and plans for ``manage.py loaddemo``: idempotent, prints the credentials."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from rasad.access.models import Membership, Organisation, Plan, Subscription

PASSWORD = "rasad-demo-1403"
PLANS = [
    ("ماهانه", 30, 120_000, "دسترسی به متن کامل همهٔ رصدها برای یک ماه"),
    ("سه‌ماهه", 90, 300_000, "سه ماه دسترسی، با تخفیف"),
    ("سالانه", 365, 1_000_000, "یک سال دسترسی، مناسب پژوهشگران"),
]


def _user(username: str, email: str, **fields):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email, **fields})
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def load(stdout) -> None:
    for position, (name, days, price, description) in enumerate(PLANS):
        Plan.objects.update_or_create(
            name=name,
            defaults={"duration_days": days, "price_toman": price, "description": description, "position": position},
        )
    today = timezone.localdate()
    subscriber = _user("moshtarek", "moshtarek@example.com", first_name="مشترک", last_name="نمونه")
    if not Subscription.objects.filter(user=subscriber).active_on(today).exists():
        Subscription.objects.create(
            user=subscriber,
            plan=Plan.objects.get(name="سالانه"),
            starts_on=today,
            ends_on=today + dt.timedelta(days=364),
            source=Subscription.Source.ADMIN,
            note="demo",
        )
    _user("khanande", "khanande@example.com", first_name="خواننده", last_name="بی‌اشتراک")
    organisation, _ = Organisation.objects.update_or_create(
        slug="vezarat-nemooneh",
        defaults={
            "name": "وزارت نمونه",
            "seats": 10,
            "email_domains": "vezarat.example",
            "access_starts_on": today - dt.timedelta(days=30),
            "access_ends_on": today + dt.timedelta(days=335),
        },
    )
    manager = _user("modir", "modir@vezarat.example", first_name="مدیر", last_name="سازمان")
    Membership.objects.update_or_create(
        organisation=organisation, user=manager, defaults={"role": Membership.Role.MANAGER}
    )
    stdout.write(f"حساب‌های نمایشی دسترسی (گذرواژهٔ همه: {PASSWORD}):\n")
    stdout.write("  moshtarek  – مشترک، متن کامل تا یک سال\n")
    stdout.write("  khanande   – خوانندهٔ واردشده بی‌اشتراک (دروازه را می‌بیند)\n")
    stdout.write("  modir      – مدیر «وزارت نمونه» (دسترسی سازمانی؛ /organisations/vezarat-nemooneh/manage/)\n")
