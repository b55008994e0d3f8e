from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnotationsConfig(AppConfig):
    name = "rasad.annotations"
    label = "annotations"
    verbose_name = _("یادداشت‌گذاری")
    default_auto_field = "django.db.models.BigAutoField"
