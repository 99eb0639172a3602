"""Public URLs of the timeliness app (included at the site root by config.urls)."""

urlpatterns: list = []
