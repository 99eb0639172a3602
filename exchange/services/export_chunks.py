"""An export's procedures serialised chunk by chunk, in order: in this process, or in worker processes.

Reading and mapping a procedure costs far more CPU than writing it, so large exports (the command's
default) spread chunks over one worker process per CPU; this process only writes the chunks' bytes in
order. At most two chunks per worker are in flight, so memory stays flat in the number of procedures
(this process keeps the procedure ids, 8 bytes each).

The cyclic garbage collector is paused while a chunk is serialised (see `gc_pause`).

Workers are forked and read through their own database connections, so they only see committed data:
inside a transaction, or on an in-memory SQLite database (tests), chunks are serialised here instead.
"""

from __future__ import annotations

import multiprocessing
import os
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.util import Finalize

from django.db import connection, connections
from django.db.models import QuerySet

from exchange.selectors import id_chunks
from exchange.services.gc_pause import collector_paused

CHUNK_SIZE = 250
IN_FLIGHT_PER_WORKER = 2

# Serialises the procedures with these ids, in this order: (bytes of each procedure, joined; how many).
ChunkSerializer = Callable[[list[int]], tuple[bytes, int]]


def default_workers() -> int:
    """One worker per CPU this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def workers_possible() -> bool:
    """Whether forked workers would see what this process sees (committed data in a shared database)."""
    if "fork" not in multiprocessing.get_all_start_methods() or connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def _ids(source) -> Iterator[int]:
    """The ids of a queryset (of primary keys, or of rows), or of a list of ids."""
    if isinstance(source, QuerySet):
        if source._fields:  # values_list("pk", flat=True)
            return source.iterator(chunk_size=2000)
        return source.values_list("pk", flat=True).iterator(chunk_size=2000)
    return iter(source)


def serialized_chunks(
    queryset: QuerySet | list[int], serialize: ChunkSerializer, *, workers: int = 1
) -> Iterator[tuple[bytes, int]]:
    """Each chunk of the queryset's rows (or of a list of ids; their order kept) as `serialize` writes it."""
    if workers > 1 and workers_possible():
        ids = array("q", _ids(queryset))
        if len(ids) > CHUNK_SIZE:
            yield from _in_workers(ids, serialize, workers)
            return
        chunks = id_chunks(ids, CHUNK_SIZE)
    else:
        chunks = id_chunks(_ids(queryset), CHUNK_SIZE)
    for chunk in chunks:
        yield serialized(serialize, chunk)


def serialized(serialize: ChunkSerializer, ids: list[int]) -> tuple[bytes, int]:
    """One chunk, with the cyclic garbage collector paused."""
    with collector_paused():
        return serialize(ids)


def _worker_started() -> None:
    # Forked with the parent's connections closed; close the worker's own when it exits.
    Finalize(None, connections.close_all, exitpriority=10)


def _in_workers(ids: array, serialize: ChunkSerializer, workers: int) -> Iterator[tuple[bytes, int]]:
    connections.close_all()  # a forked worker must not share this process's database session
    chunks = id_chunks(ids, CHUNK_SIZE)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_started) as pool:
        pending: deque[Future] = deque()

        def submit_next() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.submit(serialized, serialize, chunk))

        for _ in range(workers * IN_FLIGHT_PER_WORKER):
            submit_next()
        try:
            while pending:
                result = pending.popleft().result()
                submit_next()
                yield result
        finally:
            for future in pending:
                future.cancel()
