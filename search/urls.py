"""Public URLs of the search app (included at the site root by config.urls)."""

urlpatterns: list = []
