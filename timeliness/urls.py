"""Public URLs of the timeliness app (included at the site root by config.urls)."""

from django.urls import path

from timeliness import views

app_name = "timeliness"

urlpatterns = [
    path("thong-ke/", views.statistics_index, name="index"),
    path("thong-ke/tai-ve.<str:fmt>", views.statistics_download, name="download"),
    path("thong-ke/co-quan/<str:code>/", views.statistics_agency, name="agency"),
]
