import pytest
from django.core.cache import cache

from cms.site_setup import site_ensure_structure


@pytest.fixture(autouse=True)
def _clear_page_cache():
    """Rendered pages are cached (locmem survives between tests): start each test cold."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    return site_ensure_structure()
