"""Public URLs of the exchange app (included at the site root by config.urls)."""

urlpatterns: list = []
