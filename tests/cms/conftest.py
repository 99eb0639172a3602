import pytest
from django.core.cache import cache

from cms.site_setup import site_ensure_structure


@pytest.fixture(autouse=True)
def _clear_page_cache():
    """Rendered pages are cached (locmem survives between tests): start each test cold."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Stored posters (and uploads) go to a directory of this test only."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(db):
    return site_ensure_structure()
