"""Security headers and cookie flags, and `check --deploy` with production variables."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-5f9c2e7a1b3d8f6e4a0c9b7d5e3f1a2b",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://portal@db.example.org:5432/portal",
    "CACHE_URL": "redis://cache.example.org:6379/0",
}


def run_with_production_env(code, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS", "DJANGO_SETTINGS_MODULE"}}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="recovery_portal.settings", **extra)
    return subprocess.run([sys.executable, *code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True)


def test_check_deploy_passes_with_production_variables():
    result = run_with_production_env(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_turns_on_https_hsts_and_secure_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, s.DEBUG)"
    )
    result = run_with_production_env(["-c", code])
    assert result.stdout.split() == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "True",
        "Lax",
        "Strict",
        "False",
    ]


def csp_directives(response):
    return dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )


@pytest.mark.parametrize(
    "url",
    ["/uk/", "/uk/articles/no-such/", "/uk/pathways/", "/uk/pathways/questions/", "/uk/get-help/", "/uk/search/?q=k"],
)
def test_public_pages_send_the_security_headers(client, url):
    response = client.get(url)
    csp = csp_directives(response)
    assert csp["default-src"] == ["'none'"]
    for directive in ("script-src", "style-src", "img-src", "font-src", "form-action"):
        assert csp[directive] == ["'self'"], directive
    for directive in ("frame-ancestors", "base-uri", "object-src"):
        assert csp[directive] == ["'none'"], directive
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    assert not response.cookies


def test_static_files_get_the_cross_origin_headers(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_sends_its_referrer_to_itself_so_logins_work(client):
    response = client.get("/admin/login/")
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(client):
    page = client.get("/uk/").content.decode()
    assert "<script>" not in page and " style=" not in page and "<style" not in page


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_http_is_redirected_to_https_and_https_gets_hsts(client):
    redirect = client.get("/uk/get-help/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/uk/get-help/"
    secure = client.get("/uk/get-help/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_admin_cookies_are_secure_httponly_and_samesite(client, django_user_model):
    django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    login_page = client.get("/admin/login/", secure=True)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Strict"
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a-long-test-password", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_health_probes(client):
    assert client.get("/livez").json() == {"status": "alive"}
    ready = client.get("/healthz")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"
    assert ready["Cache-Control"] == "no-store"
    assert not ready.cookies


SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
]


@pytest.mark.parametrize("probe", ["/livez", "/healthz"])
def test_health_probes_send_the_security_headers_every_page_sends(client, probe):
    page, answer = client.get("/uk/get-help/"), client.get(probe)
    for name in SECURITY_HEADERS:
        assert answer.get(name) == page[name], name
    assert "default-src 'none'" in answer["Content-Security-Policy"]
    assert answer["X-Frame-Options"] == "DENY"


@override_settings(SECURE_HSTS_SECONDS=31_536_000)
def test_health_probes_over_https_get_hsts(client):
    assert client.get("/livez", secure=True)["Strict-Transport-Security"] == "max-age=31536000"


def test_pages_from_the_page_cache_keep_every_security_header(client):
    first, cached = client.get("/uk/get-help/"), client.get("/uk/get-help/")
    assert cached["X-Page-Cache"] == "hit"
    for name in SECURITY_HEADERS:
        assert cached.get(name) == first[name], name


def test_health_probes_answer_over_http_on_any_host_name(client):
    with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["portal.example.org"]):
        assert client.get("/livez", HTTP_HOST="10.0.0.7:8000").status_code == 200
        assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
