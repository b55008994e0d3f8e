from django.urls import path

from rasad.annotations import views

app_name = "annotations"

urlpatterns = [
    path("team/", views.team_activity, name="team"),
    path("articles/<int:article_id>/", views.article_annotations, name="article"),
    path("articles/<int:article_id>/export.<str:fmt>", views.export_article, name="export_article"),
    path("collections/<int:pk>/export.<str:fmt>", views.export_collection, name="export_collection"),
    path("collections/<int:pk>/briefing.<str:fmt>", views.briefing, name="briefing"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/replies/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
