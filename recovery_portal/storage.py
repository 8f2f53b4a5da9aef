"""The static files' storage: hashed and compressed, with the manifest kept out of public view."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed copies in STATIC_ROOT, served by WhiteNoise with far-future caching.

    WhiteNoise serves every file in STATIC_ROOT, so the manifest (staticfiles.json, the map
    from each file to its hashed name) is kept beside it in STATIC_MANIFEST_ROOT: it is for
    the site to read, and tells a reader nothing they need.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("manifest_storage", FileSystemStorage(location=settings.STATIC_MANIFEST_ROOT))
        super().__init__(*args, **kwargs)
