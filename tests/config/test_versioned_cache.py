"""The one versioned-cache helper that the page cache (cms) and search's derived data use."""

from django.core.cache import cache

from config.versioned_cache import (
    version_bump,
    version_current,
    versioned_key,
    versioned_local,
    versioned_shared,
    versions_read_together,
)


class Builds:
    """A build function that counts its calls and returns a new value each time."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"value {self.calls}"


def test_a_shared_value_is_built_once_per_version():
    build = Builds()
    versioned_shared("t:pages", "home", build, timeout=60)
    assert versioned_shared("t:pages", "home", build, timeout=60) == "value 1"


def test_a_bump_makes_every_shared_value_of_the_namespace_stale():
    build = Builds()
    versioned_shared("t:pages", "home", build, timeout=60)
    version_bump("t:pages")
    assert versioned_shared("t:pages", "home", build, timeout=60) == "value 2"


def test_a_bump_leaves_other_namespaces_alone():
    build = Builds()
    versioned_shared("t:pages", "home", build, timeout=60)
    version_bump("t:other")
    assert versioned_shared("t:pages", "home", build, timeout=60) == "value 1"


def test_a_bump_increments_the_version():
    before = version_current("t:pages")
    version_bump("t:pages")
    assert version_current("t:pages") == before + 1


def test_a_lost_version_never_comes_back_as_a_number_used_before():
    seen = set()
    for _ in range(20):
        seen.add(version_current("t:pages"))
        cache.clear()  # evicted, expired or a fresh cache
    assert len(seen) == 20


def test_a_local_value_is_built_once_per_process_and_version():
    build = Builds()
    versioned_local("t:vocabulary", build)
    assert versioned_local("t:vocabulary", build) == "value 1"


def test_a_local_value_is_rebuilt_when_another_process_bumps_the_version():
    build = Builds()
    versioned_local("t:vocabulary", build)
    cache.incr("t:vocabulary:version")  # what version_bump in another process leaves in the shared cache
    assert versioned_local("t:vocabulary", build) == "value 2"


def test_a_local_value_is_rebuilt_when_its_version_is_lost():
    build = Builds()
    versioned_local("t:vocabulary", build)
    cache.clear()
    assert versioned_local("t:vocabulary", build) == "value 2"


def test_a_key_names_its_namespace_and_current_version():
    assert versioned_key("t:answers", "abc") == f"t:answers:{version_current('t:answers')}:abc"


def _counting(method, reads: list[str]):
    """`method`, noting each call that is not made by another counted call (get_many may call get)."""

    def counted(*args, **kwargs):
        reads.append(method.__name__)
        depth = len(reads)
        try:
            return method(*args, **kwargs)
        finally:
            del reads[depth:]

    return counted


def test_versions_read_together_cost_one_round_trip(monkeypatch):
    version_current("t:answers"), version_current("t:vocabulary")
    reads: list[str] = []
    monkeypatch.setattr(cache, "get", _counting(cache.get, reads))
    monkeypatch.setattr(cache, "get_many", _counting(cache.get_many, reads))
    with versions_read_together("t:answers", "t:vocabulary"):
        version_current("t:answers"), version_current("t:vocabulary"), version_current("t:answers")
    assert reads == ["get_many"]


def test_a_bump_in_the_block_is_seen_in_the_block():
    with versions_read_together("t:answers"):
        before = version_current("t:answers")
        version_bump("t:answers")
        assert version_current("t:answers") == before + 1


def test_another_process_bump_is_seen_after_the_block():
    version_current("t:answers")
    with versions_read_together("t:answers"):
        before = version_current("t:answers")
        cache.incr("t:answers:version")  # what version_bump in another process leaves in the shared cache
        assert version_current("t:answers") == before
    assert version_current("t:answers") == before + 1


def test_a_version_missing_on_entry_is_started_when_asked_and_then_held():
    cache.clear()
    with versions_read_together("t:answers"):
        version = version_current("t:answers")
        cache.incr("t:answers:version")
        assert version_current("t:answers") == version
    assert version_current("t:answers") == version + 1
