from django.urls import path

from rasad.articles import views

app_name = "articles"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("articles/<int:pk>/", views.article_detail, name="detail_short"),
    path("articles/<int:pk>/cite.<str:ext>", views.article_citation, name="citation"),
    path("articles/<int:pk>/document.pdf", views.article_pdf, name="pdf"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="detail"),
    path("think-tanks/", views.think_tank_list, name="think_tanks"),
    path("think-tanks/<str:slug>/", views.think_tank_detail, name="think_tank"),
    path("authors/<str:slug>/", views.author_detail, name="author"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
]
