"""Cache backends for shared state across gunicorn workers and hosts.

Production uses Redis when REDIS_URL is set (Django's built-in backend, its clients reused: INCR is atomic)
and otherwise this database cache. Django's own DatabaseCache increments by reading the value and writing it
back, which two workers can do at the same moment (both read 4, both write 5), and the write resets the
entry's expiry. Here `incr` locks the row first (an UPDATE that changes nothing: a row lock on PostgreSQL,
the write lock on SQLite), then reads and writes the value inside that transaction, keeping the expiry.

`add` is one INSERT … ON CONFLICT statement (PostgreSQL, SQLite) instead of Django's count-the-table, read,
then write: rate limiting calls it on every counted request. Expired rows are deleted now and then
(CULL_PROBABILITY of the inserts), never live counters.
"""

import base64
import pickle
import random
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

CULL_PROBABILITY = 0.01


class DatabaseCache(DjangoDatabaseCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in ("postgresql", "sqlite"):
            return super().add(key, value, timeout=timeout)
        quote = connection.ops.quote_name
        table, cache_key, column, expires = (quote(name) for name in (self._table, "cache_key", "value", "expires"))
        if timeout is None:
            expiry = datetime.max
        else:
            expiry = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expiry = connection.ops.adapt_datetimefield_value(expiry.replace(microsecond=0))
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0, tzinfo=None))
        stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            # A live row wins (nothing written); an expired one is replaced.
            cursor.execute(
                f"INSERT INTO {table} ({cache_key}, {column}, {expires}) VALUES (%s, %s, %s) "
                f"ON CONFLICT ({cache_key}) DO UPDATE SET {column} = excluded.{column}, {expires} = excluded.{expires} "
                f"WHERE {table}.{expires} < %s",
                [key, stored, expiry, now],
            )
            added = cursor.rowcount == 1
            if added and random.random() < CULL_PROBABILITY:
                cursor.execute(f"DELETE FROM {table} WHERE {expires} < %s", [now])
        return added

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, cache_key, value, expires = (quote(name) for name in (self._table, "cache_key", "value", "expires"))
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0, tzinfo=None))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {expires} = {expires} WHERE {cache_key} = %s AND {expires} > %s", [key, now]
            )
            if cursor.rowcount != 1:
                raise ValueError(f"Key '{key}' not found.")
            cursor.execute(f"SELECT {value} FROM {table} WHERE {cache_key} = %s", [key])
            current = pickle.loads(base64.b64decode(cursor.fetchone()[0].encode()))
            new_value = current + delta
            stored = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {value} = %s WHERE {cache_key} = %s", [stored, key])
        return new_value


class RedisCacheClient(DjangoRedisCacheClient):
    """Django's Redis client, with one `redis.Redis` per connection pool instead of a new one per call.

    redis-py builds a client's table of response callbacks when it is made (about 170 entries): Django made one
    for every cache call, a third of a millisecond each, several times per request. The pool underneath is the
    same and a client is safe to share between threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients.setdefault(index, self._client(connection_pool=self._get_connection_pool(write)))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
