"""The file cache (CACHE_URL=file:///path), without compression.

Django's FileBasedCache compresses every value with zlib. A cached page is read on nearly
every request, and unpacking it cost about a fifth of serving it; pages are small and the
disk is local, so this backend stores values as plain pickles. Files left by the compressed
backend (after an upgrade) read as misses, and are replaced when next set.

Django's file cache also lists its whole folder on every set, to count its entries against
MAX_ENTRIES. With thousands of pages that listing costs more than the page, so the bound is
checked on one set in CULL_CHECK_EVERY: the folder may pass it by a few dozen entries.
"""

import functools
import io
import itertools
import pickle
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

CULL_CHECK_EVERY = 50


class FileCache(FileBasedCache):
    def validate_key(self, key):
        """Nothing to check: a key only ever names its file through a hash of it. (Django warns
        of keys memcached would refuse, a loop over every character on every read.)"""

    def _cull(self):
        if next(self._sets) % CULL_CHECK_EVERY == 0:
            super()._cull()

    @functools.cached_property
    def _sets(self):
        return itertools.count(1)

    def get(self, key, default=None, version=None):
        # The whole file in one unbuffered read: a cached page needs three of these (the
        # generation, its scope's revision and the page), and buffering cost a third of each.
        name = self._key_to_file(key, version)
        try:
            with open(name, "rb", buffering=0) as f:
                data = io.BytesIO(f.readall())
            expires = pickle.load(data)
            if expires is not None and expires < time.time():
                self._delete(name)
                return default
            return pickle.load(data)
        except FileNotFoundError:
            pass
        except (pickle.UnpicklingError, EOFError, ValueError):
            pass  # written by the compressed backend, or cut short (empty): a miss
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    locks.lock(f, locks.LOCK_EX)
                    if self._is_expired(f):
                        return False
                    previous_value = pickle.loads(f.read())
                    f.seek(0)
                    self._write_content(f, timeout, previous_value)
                    f.truncate()
                    return True
                finally:
                    locks.unlock(f)
        except (FileNotFoundError, pickle.UnpicklingError, EOFError, ValueError):
            return False
