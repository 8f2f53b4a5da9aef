"""Who is signing in: the real client address behind the proxy, and a limit per username.

django-axes locks a username out from one address after AXES_FAILURE_LIMIT failures. Two
things make that work in production:

- `client_ip` reads the client's address from X-Forwarded-For, trusting exactly
  TRUSTED_PROXY_COUNT proxies (nginx alone is 1). Without it every request seems to come
  from nginx, so five bad passwords from anyone would lock an editor out for everyone;
  and on a unix socket there is no address at all.
- `LockoutHandler` also counts one username's failures from every address, and locks it
  at AXES_USERNAME_FAILURE_LIMIT, so nobody can guess for ever by changing address.
"""

import ipaddress
import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

logger = logging.getLogger(__name__)

# Where the address cannot be found: every such request shares one bucket, so failures
# still count (and the per-username limit still holds) while the log says what is wrong.
UNKNOWN_CLIENT = "0.0.0.0"


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address, from the proxy header with TRUSTED_PROXY_COUNT proxies in front."""
    trusted = settings.TRUSTED_PROXY_COUNT
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    if trusted:
        # Each proxy appends the address it was reached from; the client is the entry the
        # outermost trusted proxy added. Entries further left are the client's own claims.
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            found = _address(forwarded[-trusted])
            if found:
                return found
    elif remote:
        return remote
    if remote and trusted:
        logger.warning(
            "Sign-in from %s came without the X-Forwarded-For header that TRUSTED_PROXY_COUNT=%d expects: "
            "is the app server reachable without the proxy?",
            remote,
            trusted,
        )
        return remote
    logger.error(
        "No client address for a sign-in attempt (REMOTE_ADDR=%r, TRUSTED_PROXY_COUNT=%d). Lockouts cannot tell "
        "clients apart: behind a proxy, set TRUSTED_PROXY_COUNT to the number of proxies (README, Deployment).",
        request.META.get("REMOTE_ADDR"),
        trusted,
    )
    return UNKNOWN_CLIENT


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, with a second limit on one username's failures from all addresses."""

    def get_failures(self, request, credentials=None):
        from_this_client = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if not username:
            return from_this_client
        from_everywhere = (
            AccessAttempt.objects.filter(username=username, attempt_time__gte=get_cool_off_threshold(request))
            .aggregate(total=Sum("failures_since_start"))
            .get("total")
            or 0
        )
        if from_everywhere >= settings.AXES_USERNAME_FAILURE_LIMIT:
            return max(from_this_client, get_failure_limit(request, credentials))
        return from_this_client
