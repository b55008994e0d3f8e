from django.urls import path

from rasad.access import views

app_name = "access"

urlpatterns = [
    path("subscribe/guide/", views.guide, name="guide"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/tokens/", views.token_create, name="token_create"),
    path("accounts/profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("accounts/organisations/<str:slug>/join/", views.organisation_join, name="organisation_join"),
    path(
        "accounts/join-organisation/<str:token>/",
        views.organisation_join_confirm,
        name="organisation_join_confirm",
    ),
    path(
        "accounts/invitations/<int:pk>/<str:answer>/",
        views.invitation_answer,
        name="invitation_answer",
    ),
    path("organisations/<str:slug>/manage/", views.organisation_manage, name="organisation_manage"),
    path(
        "organisations/<str:slug>/members/<int:user_id>/remove/",
        views.organisation_remove,
        name="organisation_remove",
    ),
]
