"""Wagtail admin registration for the search app (viewsets live in viewsets.py)."""

from wagtail.snippets.models import register_snippet

from search.viewsets import SearchViewSetGroup

register_snippet(SearchViewSetGroup)
