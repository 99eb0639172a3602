"""A server worker's collector (config.collector): what the loaded application keeps alive is frozen, and
generation 0 collects in larger batches."""

import gc

import pytest

from config.collector import GC_GEN0_THRESHOLD, collector_settle_worker


@pytest.fixture
def worker_collector():
    threshold = gc.get_threshold()
    collector_settle_worker()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_the_loaded_application_is_frozen(worker_collector):
    assert gc.get_freeze_count() > 0


def test_generation_zero_collects_in_larger_batches(worker_collector):
    assert gc.get_threshold()[0] == GC_GEN0_THRESHOLD > 700
