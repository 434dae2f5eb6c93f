"""The database cache, for installs without Redis (`CACHE_URL=dbcache://…`, the default)."""

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache, except that past MAX_ENTRIES it deletes only the entries that
    have expired. Django's deletes the first third of the live ones too, and this cache holds
    the rate limits' attempts (core.ratelimit): anyone able to fill it, with requests that each
    take a slot, would have the attempts of a password guesser forgotten. The table then holds
    every live entry: a client's are bounded by its limits, and a site with many clients
    belongs on Redis (docs/deployment.md)."""

    def _cull(self, db, cursor, now, num):
        connection = connections[db]
        table, expires = map(connection.ops.quote_name, (self._table, "expires"))
        # Only names the backend quoted are written into the statement; `now` is a parameter.
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(now)],
        )
