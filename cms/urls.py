"""Public URLs of the cms app that are not Wagtail pages (included before Wagtail's catch-all)."""

urlpatterns: list = []
