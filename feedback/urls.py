"""Public URLs of the feedback app (included at the site root by config.urls)."""

urlpatterns: list = []
