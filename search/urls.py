"""Public URLs of the search app (included at the site root by config.urls)."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("tra-cuu/", views.search_page, name="search"),
]
