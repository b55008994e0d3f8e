from django.urls import path

from rasad.alerts import views
from rasad.alerts.feeds import PrivateFeed

app_name = "alerts"

urlpatterns = [
    path("alerts/", views.index, name="index"),
    path("alerts/searches/", views.search_save, name="search_save"),
    path("alerts/<int:pk>/", views.alert_update, name="update"),
    path("alerts/<int:pk>/delete/", views.alert_delete, name="delete"),
    path("alerts/follow/<str:kind>/<str:slug>/", views.follow, name="follow"),
    path("alerts/feed-token/", views.feed_token_regenerate, name="feed_token"),
    path("alerts/settings/", views.settings_update, name="settings"),
    path("alerts/feed/<str:token>/", PrivateFeed(), name="feed"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/bell/", views.bell, name="bell"),
    path("notifications/<int:pk>/read/", views.notification_read, name="read"),
    path("notifications/read-all/", views.notifications_read_all, name="read_all"),
    path("notifications/mute/<int:pk>/", views.thread_mute, name="mute"),
]
