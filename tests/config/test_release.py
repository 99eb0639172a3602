"""Cached public pages are keyed by the code's release: a deployment never serves the last one's pages."""

import pytest
from django.apps import apps

from config import release


@pytest.fixture
def code(tmp_path, settings):
    settings.BASE_DIR = tmp_path
    settings.RELEASE_ID = ""
    (tmp_path / "cms" / "templates").mkdir(parents=True)
    (tmp_path / "cms" / "templates" / "page.html").write_text("<h1>{{ title }}</h1>")
    (tmp_path / "cms" / "views.py").write_text("PAGE_SIZE = 50\n")
    release.code_release.cache_clear()
    yield tmp_path
    release.code_release.cache_clear()


def _fresh() -> str:
    release.code_release.cache_clear()
    return release.code_release()


def test_a_changed_template_is_a_new_release(code):
    before = _fresh()
    (code / "cms" / "templates" / "page.html").write_text("<h1 class='x'>{{ title }}</h1>")

    assert _fresh() != before


def test_a_changed_module_is_a_new_release(code):
    before = _fresh()
    (code / "cms" / "views.py").write_text("PAGE_SIZE = 20\n")

    assert _fresh() != before


def test_local_data_and_tests_do_not_change_the_release(code):
    before = _fresh()
    for folder in ("var", "tests", ".venv"):
        (code / folder).mkdir()
        (code / folder / "x.py").write_text("changed = True\n")

    assert _fresh() == before


def test_a_named_release_is_used_as_is(code, settings):
    settings.RELEASE_ID = "2026.12.1"

    assert _fresh() == "2026.12.1"


def test_pages_cached_by_another_release_are_not_served(monkeypatch):
    from cms.cache import cached

    monkeypatch.setattr("cms.cache.code_release", lambda: "old")
    cached("/thu-tuc/", lambda: "old page")
    monkeypatch.setattr("cms.cache.code_release", lambda: "new")

    assert cached("/thu-tuc/", lambda: "new page") == "new page"


def test_the_release_is_the_code_the_process_loaded(code):
    loaded = _fresh()
    release.code_release.cache_clear()
    apps.get_app_config("cms").ready()  # the process starts
    (code / "cms" / "views.py").write_text("PAGE_SIZE = 20\n")  # the files are replaced under it

    assert release.code_release() == loaded
