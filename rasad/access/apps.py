from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "rasad.access"
    label = "access"
    verbose_name = _("دسترسی و اشتراک")
    default_auto_field = "django.db.models.BigAutoField"
