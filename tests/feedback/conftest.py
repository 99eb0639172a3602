import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _feedback_isolation(settings, tmp_path):
    """Each test: an empty cache (rate limits) and its own private attachment directory."""
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()
