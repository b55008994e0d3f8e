"""Django's account views under ``/accounts/`` with Persian templates (no namespace: the password
views reverse each other by bare name). Login goes through ``LoginView``, whose form passes the
request to ``authenticate``, as django-axes needs."""

from django.contrib.auth import views as auth_views
from django.urls import path

from rasad.access.forms import LoginForm
from rasad.access.views import RasadLoginView

urlpatterns = [
    path(
        "login/",
        RasadLoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
