from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestionConfig(AppConfig):
    name = "rasad.ingestion"
    label = "ingestion"
    verbose_name = _("ورود داده")
    default_auto_field = "django.db.models.BigAutoField"
