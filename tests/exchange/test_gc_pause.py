"""The garbage collector pause used by bulk imports and exports gives the collector back as it found it."""

import gc

import pytest

from exchange.services.gc_pause import collector_paused


@pytest.fixture
def collector_enabled_after():
    yield
    gc.enable()


def test_collector_is_paused_inside(collector_enabled_after):
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()


def test_collector_is_enabled_again_after_an_error(collector_enabled_after):
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_collector_stays_off_when_it_was_off(collector_enabled_after):
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
