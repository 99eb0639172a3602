"""The garbage collector as a server worker runs it (gunicorn.conf.py's post_worker_init; bench/admin_pages.py
measures the same way).

Once the application is loaded, what is alive (modules, URL patterns, templates, viewsets: ~200,000 objects) is
collected and frozen, so no collection walks it again. The generation-0 threshold is also raised from 700 to
`GC_GEN0_THRESHOLD` allocations: an admin page allocates millions of objects, and at 700 the collector ran
hundreds of times per request, promoting the page's own live objects (forms, bound fields, panels) into the
oldest generation, whose full collections then took 40–90 ms of a decision page's request (bench "gc ms").
Cycles are still collected, just in larger, rarer batches.
"""

import gc
import os

GC_GEN0_THRESHOLD = int(os.environ.get("GC_GEN0_THRESHOLD", "50000"))


def collector_settle_worker() -> None:
    """Collect and freeze what the loaded application keeps alive, and collect in larger batches from now on."""
    gc.collect()
    gc.freeze()
    _gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GC_GEN0_THRESHOLD, gen1, gen2)
