"""Settings for the ketamine recovery portal.

One module, configured from the environment (see README, "Configuration"). Development
needs nothing set: DEBUG=1 gives a development secret key and a SQLite file in the project.
Production is a set of environment variables, never an edited copy of this file.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from content.regions import REGION_BY_CODE, REGION_LIST
from recovery_portal.environment import (
    DEVELOPMENT_SECRET_KEY,
    cache_from_url,
    env_bool,
    env_list,
    secret_key_problem,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
MAKE_A_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            f"value ({MAKE_A_KEY}), or set DEBUG=1 for local development."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
elif not DEBUG and secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: {secret_key_problem(SECRET_KEY)} "
        f"Set it to a long random value ({MAKE_A_KEY})."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

# Every public URL starts with its region (/uk/, /us/, /ie/, /au/); PORTAL_REGION is the region
# that "/" and the old unprefixed URLs send readers to.
PORTAL_REGION = os.environ.get("PORTAL_REGION", "uk").strip().lower()
PORTAL_REGIONS = {region.code: region.name for region in REGION_LIST}
if PORTAL_REGION not in PORTAL_REGIONS:
    raise ImproperlyConfigured(f"PORTAL_REGION must be one of {', '.join(PORTAL_REGIONS)}; got {PORTAL_REGION!r}.")
# The site's public address, for canonical and alternate links (e.g. https://portal.example.org).
# Empty: links use the host of the request.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")

# Security. With DEBUG off the site assumes HTTPS: redirects, HSTS and secure cookies.
# HTTPS=0 turns that off for a production-like server on plain http (tests, load runs).
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe over plain http (recovery_portal/health.py).
SECURE_REDIRECT_EXEMPT = [r"^(?:livez|healthz)$"]
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", default=HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = 8 * 60 * 60  # an editor's working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    # Only behind a proxy that sets this header itself (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything from this site only; no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()"
)

# The admin lives at ADMIN_URL (e.g. "editors-7f3a/"), and locks an account out after
# repeated failed logins (django-axes).
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
# Failures are counted per username and client address, and per username from every address
# (recovery_portal/lockout.py). Behind proxies, TRUSTED_PROXY_COUNT says how many (nginx alone: 1),
# so the client's address is read from X-Forwarded-For instead of being the proxy's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "recovery_portal.lockout.client_ip"
AXES_HANDLER = "recovery_portal.lockout.LockoutHandler"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Two-factor sign-in for the admin (recovery_portal/two_factor.py): after the password, a code
# from an authenticator app or a one-time backup code. Off only for development.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "Ketamine Recovery Portal"  # the name authenticator apps show beside the code
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret or backup codes

INSTALLED_APPS = [
    "recovery_portal.apps.PortalAdminConfig",
    "recovery_portal.apps.PortalConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "content",
    "pathways",
]

# The security headers come first, so that every response gets them: health probes, static
# files and pages from the page cache too. Health probes come before anything that reads the
# host name, and skip the HTTPS redirect (SECURE_REDIRECT_EXEMPT).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "recovery_portal.middleware.SecurityHeadersMiddleware",
    "recovery_portal.middleware.ContentSecurityPolicyMiddleware",  # django-csp, the policy built once
    "recovery_portal.page_cache.PageCacheMiddleware",  # a cached page needs none of what follows
    "recovery_portal.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "recovery_portal.regions.RegionMiddleware",
    "recovery_portal.limits.RequestLimitsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "recovery_portal.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "recovery_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pathways.context_processors.help_contacts",
                "recovery_portal.context_processors.links",
            ],
        },
    },
]

WSGI_APPLICATION = "recovery_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", default=True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database is unreachable, so the help pages still answer quickly.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "1"))
    )
# The queries of the article page, a topic page and search are PREPAREd once per connection on
# PostgreSQL (content.page_queries).
# Turn it off behind a pooler in transaction mode (PgBouncer), which cannot keep a session's
# prepared statements.
PREPARED_STATEMENTS = env_bool("PREPARED_STATEMENTS", default=True)

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}
# When on, articles in medical topics can only be published once a clinician has signed them
# off in the admin (name, role and date).
REQUIRE_CLINICAL_SIGNOFF = env_bool("REQUIRE_CLINICAL_SIGNOFF", default=False)
# How long public pages are kept by the page cache and by CDNs (s-maxage); browsers keep them
# at most five minutes. 0 turns the page cache off. Editors' changes replace cached pages at
# once when every app server shares the cache (Redis); see README, "Scaling out".
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How long nginx (deploy/) keeps a page before asking again (X-Accel-Expires); it serves older
# copies only while the app is failing. So an unpublished article leaves nginx within this time.
PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", "10"))
# A CDN's purge endpoint, POSTed to after every committed change (README, "Caches in front").
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "").strip()
CDN_PURGE_TOKEN = os.environ.get("CDN_PURGE_TOKEN", "").strip()

# Request sizes (recovery_portal/limits.py). Public forms are small; the admin's article form
# can carry a 100,000-character body. No file upload handlers: no form takes files.
PUBLIC_MAX_BODY_BYTES = 64 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_HANDLERS = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 14}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "recovery_portal.passwords.NotGuessableValidator"},
    {"NAME": "recovery_portal.passwords.HardToGuessValidator"},
]

# Each region is an English locale; the region's pages are served in it, so that reverse()
# builds the URLs of the region being read (recovery_portal/regions.py).
LANGUAGE_CODE = REGION_BY_CODE[PORTAL_REGION].language
LANGUAGES = [(region.language, f"English ({region.name})") for region in REGION_LIST]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Beside STATIC_ROOT, not in it, so that it is never served (recovery_portal/storage.py).
STATIC_MANIFEST_ROOT = STATIC_ROOT.with_name(f"{STATIC_ROOT.name}-manifest")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "recovery_portal.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Widgets render with the project's templates (accessible radios and checkboxes).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["portal"]
CRISPY_TEMPLATE_PACK = "portal"

# Emergency help that must show even when the database cannot be read: the header,
# footer, error pages and /get-help/ fall back to these. Keep in step with the
# help contacts fixture (a test checks they agree).
FALLBACK_HELP = {
    "uk": {
        "emergency": {"name": "Emergency services", "phone": "999"},
        "crisis": {"name": "Samaritans", "phone": "116 123", "hours": "24 hours, every day"},
        "urgent": {"name": "NHS 111", "phone": "111", "hours": "24 hours, every day"},
    },
    "us": {
        "emergency": {"name": "Emergency services", "phone": "911"},
        "crisis": {"name": "988 Suicide & Crisis Lifeline", "phone": "988", "hours": "24 hours, every day"},
        "urgent": {"name": "SAMHSA National Helpline", "phone": "1-800-662-4357", "hours": "24 hours, every day"},
    },
    "ie": {
        "emergency": {"name": "Emergency services", "phone": "112 or 999"},
        "crisis": {"name": "Samaritans", "phone": "116 123", "hours": "24 hours, every day"},
        "urgent": {
            "name": "HSE Drugs and Alcohol Helpline",
            "phone": "1800 459 459",
            "hours": "Monday to Friday, office hours",
        },
    },
    "au": {
        "emergency": {"name": "Emergency services", "phone": "000"},
        "crisis": {"name": "Lifeline", "phone": "13 11 14", "hours": "24 hours, every day"},
        "urgent": {
            "name": "National Alcohol and Other Drug Hotline",
            "phone": "1800 250 015",
            "hours": "24 hours, every day",
        },
    },
}

# Where "Leave this site" goes: a neutral page that gives nothing away.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# Where to get same-day medical advice, by region (shown when answers suggest urgent symptoms).
URGENT_MEDICAL_ADVICE = {
    "uk": "Call NHS 111 or contact your GP today.",
    "us": "Contact your doctor or an urgent care centre today.",
    "ie": "Contact your GP today, or your GP out-of-hours service.",
    "au": "Contact your GP today, or call healthdirect on 1800 022 222.",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Replace Django's own console handler so each message is written once.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
