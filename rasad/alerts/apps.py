from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "rasad.alerts"
    label = "alerts"
    verbose_name = _("هشدارها و اعلان‌ها")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rasad.alerts import signals  # noqa: F401  (connects the receivers)
