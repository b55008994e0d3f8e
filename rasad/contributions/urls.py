from django.urls import path

from rasad.contributions import views

app_name = "contributions"

urlpatterns = [
    path("contribute/", views.contribute, name="contribute"),
    path("accounts/contributions/", views.my_contributions, name="mine"),
]
