"""Settings for the test suite: the real settings, with a test secret and fast hashing.

The environment still chooses the database, so `.ci/run` runs the same suite on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Tests talk plain http; tests/security checks the HTTPS settings with production variables.
os.environ.setdefault("HTTPS", "0")
# Admin tests sign in with force_login; tests/security/test_two_factor.py turns two factors on.
os.environ.setdefault("TWO_FACTOR_REQUIRED", "0")

from recovery_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests run without collectstatic, so static URLs need no manifest.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
