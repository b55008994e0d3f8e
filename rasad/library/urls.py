from django.urls import path

from rasad.library import views

app_name = "library"

urlpatterns = [
    path("", views.my_list, name="my_list"),
    path("offline.json", views.offline_list, name="offline_list"),
    path("import/", views.import_links, name="import"),
    path("save/<int:article_id>/", views.save_toggle, name="save"),
    path("read/<int:article_id>/", views.mark_read, name="read"),
    path("note/<int:article_id>/", views.save_note, name="note"),
    path("tags/<int:article_id>/", views.save_tags, name="tags"),
    path("collections/", views.collections, name="collections"),
    path("collections/add/", views.collection_add, name="collection_add_any"),
    path("collections/<int:pk>/", views.collection_detail, name="collection"),
    path("collections/<int:pk>/add/", views.collection_add, name="collection_add"),
    path("collections/<int:pk>/remove/<int:article_id>/", views.collection_remove, name="collection_remove"),
    path("collections/<int:pk>/edit/", views.collection_edit, name="collection_edit"),
    path("collections/<int:pk>/delete/", views.collection_delete, name="collection_delete"),
    path("collections/<int:pk>/export.<str:fmt>", views.collection_export, name="collection_export"),
]
