"""``python manage.py loaddemo``: demo content for trying Rasad out; safe to run any number of times.

Loads the articles demo (``rasad.articles.demo``) and the demo editor (user ``admin``), then calls
each app's own ``<app>.demo.load(stdout)`` when that module exists, so other apps add their demo
content without editing this command. It all runs in one transaction.
"""

from __future__ import annotations

import importlib
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rasad.articles import demo

# Apps whose ``demo`` module, if present, adds its own demo content after the articles.
DEMO_APPS = ("rasad.access", "rasad.library", "rasad.annotations")

ADMIN_USERNAME = "admin"
# A demo password, printed on purpose: this command is for a developer's machine, not production.
DEFAULT_ADMIN_PASSWORD = "rasad-demo-1403"


def ensure_admin(password: str):
    """The demo editor: a superuser named ``admin`` with ``password`` (updated, never duplicated)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"email": "admin@rasad.local", "is_staff": True, "is_superuser": True, "first_name": "سردبیر"},
    )
    changed = created
    for flag in ("is_staff", "is_superuser", "is_active"):
        if not getattr(user, flag):
            setattr(user, flag, True)
            changed = True
    if created or not user.check_password(password):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    return user


class Command(BaseCommand):
    help = "محتوای نمایشی رصد را بارگذاری می‌کند (اجرای دوباره چیزی را تکرار نمی‌کند)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="اجرا حتی وقتی RASAD_ENV=production است (کاربر admin با گذرواژهٔ نمایشی می‌سازد).",
        )

    def handle(self, *args, allow_production: bool = False, **options) -> None:
        if getattr(settings, "PRODUCTION", False) and not allow_production:
            raise CommandError(
                "در محیط production محتوای نمایشی بارگذاری نمی‌شود؛ اگر مطمئنید --allow-production بدهید."
            )
        password = os.environ.get("RASAD_DEMO_ADMIN_PASSWORD") or DEFAULT_ADMIN_PASSWORD
        with transaction.atomic():
            demo.load(self.stdout)
            # Before the other apps' demos, so they can give the demo editor lists, notes, a plan.
            ensure_admin(password)
            for app in DEMO_APPS:
                module = self.demo_module(app)
                if module is not None:
                    module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("محتوای نمایشی آماده است."))
        self.stdout.write(f"ورود به میز سردبیری: /admin/  نام کاربری: {ADMIN_USERNAME}  گذرواژه: {password}")

    @staticmethod
    def demo_module(app: str):
        name = f"{app}.demo"
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                return None
            raise
