"""Public URLs of the catalog app (included at the site root by config.urls)."""

urlpatterns: list = []
