from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "rasad.contributions"
    label = "contributions"
    verbose_name = _("رصدهای خوانندگان")
    default_auto_field = "django.db.models.BigAutoField"
