from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "rasad.insights"
    verbose_name = _("پیشخوان سردبیری")
    default_auto_field = "django.db.models.BigAutoField"
