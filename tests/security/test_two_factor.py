"""Two-factor sign-in to the admin: codes from an authenticator app, backup codes, setting up an
app at the first sign-in, the lockout, and the reset command."""

import os
import re
import subprocess
import sys
import time
from base64 import b32encode
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
BACKUP_CODES = ["ab2cd3ef", "gh4ij5kl"]


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="content"))
    return user


@pytest.fixture
def app(editor):
    """The editor's authenticator app, set up, with two backup codes left."""
    backup = StaticDevice.objects.create(user=editor, name="Backup codes")
    for code in BACKUP_CODES:
        backup.token_set.create(token=code)
    return TOTPDevice.objects.create(user=editor, name="Authenticator app")


@pytest.fixture
def wait(monkeypatch):
    """Let time pass on Django's clock, which django-otp's throttling reads."""

    def wait(seconds):
        moved_to = timezone.now() + timedelta(seconds=seconds)
        monkeypatch.setattr(timezone, "now", lambda: moved_to)

    return wait


def app_code(device, steps_ahead=0):
    """The code the app shows now (or that many 30-second steps later), from the shared secret."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    accepted = {app_code(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("111111", "222222", "333333", "444444") if code not in accepted)


def sign_in(client, code=None, password=PASSWORD, username="editor"):
    form = {"username": username, "password": password}
    if code is not None:
        form["code"] = code
    return client.post("/admin/login/?next=/admin/", form)


def errors(response):
    return re.findall(r'<(?:p class="errornote"|li)>([^<]+)<', response.content.decode())


def signed_in(client):
    return "_auth_user_id" in client.session


# Signing in with an app


def test_the_sign_in_page_asks_for_a_code(client):
    page = client.get("/admin/login/").content.decode()
    assert 'name="code"' in page and 'autocomplete="one-time-code"' in page
    assert "or one of your backup codes" in page


def test_the_right_code_from_the_app_opens_the_admin(client, app):
    response = sign_in(client, app_code(app))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_typed_with_a_space_works(client, app):
    code = app_code(app)
    assert sign_in(client, f"{code[:3]} {code[3:]}").status_code == 302


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the six-digit code from your authenticator app, or one of your backup codes."),
        ("wrong", "That code is not right."),
        ("zz9zz9zz", "That code is not right."),
    ],
)
def test_a_missing_or_wrong_code_is_refused(client, app, typed, message):
    response = sign_in(client, wrong_code(app) if typed == "wrong" else typed)
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors(response))
    assert not signed_in(client)
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"


def test_a_wrong_password_with_the_right_code_is_refused(client, app):
    response = sign_in(client, app_code(app), password="wrong guess")
    assert response.status_code == 200 and not signed_in(client)


def test_the_same_code_does_not_open_a_second_session(client, app):
    code = app_code(app)
    assert sign_in(Client(), code).status_code == 302
    assert sign_in(client, code).status_code == 200 and not signed_in(client)


def test_after_a_wrong_code_the_app_is_refused_for_a_while(client, app, wait):
    """django-otp's throttling: a wrong code holds every code back for 1 s, then 2, 4, 8..."""
    sign_in(client, wrong_code(app))
    too_soon = sign_in(client, app_code(app))
    assert "Too many wrong codes in a row. Wait a minute, then enter the code your app shows now." in errors(too_soon)
    wait(seconds=5)
    assert sign_in(client, app_code(app)).status_code == 302


def test_wrong_codes_count_towards_the_lockout_like_wrong_passwords(client, app):
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, wrong_code(app)).status_code == 200
    locked = sign_in(client, wrong_code(app))
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert sign_in(client, app_code(app)).status_code == 429
    assert not signed_in(client)


def test_a_missing_code_counts_towards_the_lockout_too(client, app):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "")
    assert response.status_code == 429


# Backup codes


def test_a_backup_code_opens_the_admin_once(client, app):
    assert sign_in(client, BACKUP_CODES[0]).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    again = sign_in(client, BACKUP_CODES[0])
    assert again.status_code == 200 and not signed_in(client)
    assert any(error.startswith("That code is not right.") for error in errors(again))
    assert StaticDevice.objects.get(user=app.user).token_set.count() == len(BACKUP_CODES) - 1


def test_a_backup_code_typed_in_capitals_with_a_space_works(client, app):
    code = BACKUP_CODES[1].upper()
    assert sign_in(client, f"{code[:4]} {code[4:]}").status_code == 302


# A session without a code


def test_a_session_signed_in_without_a_code_cannot_open_the_admin(client, app):
    client.force_login(app.user)
    for url in ("/admin/", "/admin/content/article/", "/admin/needs-attention/"):
        assert client.get(url)["Location"] == f"/admin/login/?next={url}"
    page = client.get("/admin/login/").content.decode()
    assert "Sign in again with the code from your authenticator app" in page


def test_the_admin_never_shows_a_secret_or_a_backup_code(client, app, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", password=PASSWORD)
    chiefs_app = TOTPDevice.objects.create(user=chief, name="Authenticator app")
    sign_in(client, app_code(chiefs_app), username="chief")
    backup = StaticDevice.objects.get(user=app.user)

    app_page = client.get(f"/admin/otp_totp/totpdevice/{app.pk}/change/").content.decode()
    backup_page = client.get(f"/admin/otp_static/staticdevice/{backup.pk}/change/").content.decode()
    assert "editor" in app_page and app.key not in app_page
    assert "editor" in backup_page and not any(code in backup_page for code in BACKUP_CODES)
    assert client.get(f"/admin/otp_totp/totpdevice/{app.pk}/config/").status_code == 403


# Setting up an app at the first sign-in


def test_the_first_sign_in_with_a_password_goes_to_set_up(client, editor):
    assert sign_in(client).status_code == 302
    assert client.get("/admin/")["Location"] == "/admin/two-factor/set-up/"


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/login/", "/admin/needs-attention/", "/admin/content/article/", "/admin/password_change/"],
)
def test_every_admin_page_sends_a_new_editor_to_set_up(client, editor, url):
    client.force_login(editor)
    assert client.get(url)["Location"] == "/admin/two-factor/set-up/"


def test_set_up_shows_the_qr_code_inline_and_the_secret(client, editor):
    client.force_login(editor)
    response = client.get("/admin/two-factor/set-up/")
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    qr_code = re.search(r"<svg [^>]*>.*?</svg>", page, re.DOTALL).group(0)
    assert 'role="img"' in qr_code and "<path d=" in qr_code
    assert " style=" not in page and "<style" not in page
    assert "<img" not in page and "data:" not in page
    assert b32encode(device.bin_key).decode() in page.replace(" ", "")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "img-src 'self'" in csp and "unsafe-inline" not in csp


def test_set_up_keeps_the_same_secret_until_confirmed(client, editor):
    client.force_login(editor)
    client.get("/admin/two-factor/set-up/")
    client.get("/admin/two-factor/set-up/")
    assert TOTPDevice.objects.filter(user=editor).count() == 1


@pytest.mark.parametrize("typed", ["wrong", "abcdef", "1" * 40])
def test_a_wrong_first_code_is_refused_with_a_clear_message(client, editor, typed):
    client.force_login(editor)
    client.get("/admin/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=editor)
    response = client.post("/admin/two-factor/set-up/", {"code": wrong_code(device) if typed == "wrong" else typed})
    assert response.status_code == 200
    assert "Please correct the error below." in errors(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not TOTPDevice.objects.get(user=editor).confirmed
    assert client.get("/admin/")["Location"] == "/admin/two-factor/set-up/"


def test_the_right_first_code_shows_backup_codes_once_and_opens_the_admin(client, editor):
    sign_in(client)
    client.get("/admin/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=editor)

    response = client.post("/admin/two-factor/set-up/", {"code": app_code(device)})
    page = response.content.decode()
    backup_codes = re.findall(r"<li><code>(\w+)</code></li>", page)
    assert response.status_code == 200 and len(backup_codes) == 10
    assert "This is the only time these codes are shown." in page
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/two-factor/set-up/")["Location"] == "/admin/"

    client.post("/admin/logout/")
    assert sign_in(client, backup_codes[0]).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_an_editor_setting_up_can_sign_out(client, editor):
    client.force_login(editor)
    response = client.post("/admin/logout/")
    assert response.status_code == 200 and not signed_in(client)
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"


# When two factors are not required


def test_without_two_factors_the_password_alone_opens_the_admin(client, app, settings):
    settings.TWO_FACTOR_REQUIRED = False
    assert 'name="code"' not in client.get("/admin/login/").content.decode()
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/two-factor/set-up/")["Location"] == "/admin/"


@pytest.mark.parametrize(
    ("environment", "required"),
    [
        ({}, "True"),
        ({"DEBUG": "1"}, "False"),
        ({"TWO_FACTOR_REQUIRED": "0"}, "False"),
        ({"DEBUG": "1", "TWO_FACTOR_REQUIRED": "1"}, "True"),
    ],
)
def test_two_factors_are_required_unless_debug_or_turned_off(environment, required):
    keep = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TWO_FACTOR_REQUIRED"}}
    env = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings",
        "SECRET_KEY": "two-factor-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        **environment,
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.stdout.split()[-1:] == [required], result.stderr[-2000:]


# Resetting an editor's two factors


def test_reset_deletes_the_app_and_backup_codes_and_the_editor_sets_up_again(client, app):
    out = StringIO()
    call_command("reset_two_factor", "editor", stdout=out)
    assert "Two-factor sign-in reset for editor" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=app.user).exists()
    assert not StaticDevice.objects.filter(user=app.user).exists()

    assert sign_in(client).status_code == 302
    assert client.get("/admin/")["Location"] == "/admin/two-factor/set-up/"


def test_reset_sends_a_signed_in_editor_to_set_up(client, app):
    sign_in(client, app_code(app))
    call_command("reset_two_factor", "editor", stdout=StringIO())
    assert client.get("/admin/")["Location"] == "/admin/two-factor/set-up/"


def test_reset_of_an_unknown_user_fails_clearly():
    with pytest.raises(CommandError) as refused:
        call_command("reset_two_factor", "nobody")
    assert str(refused.value) == "No user is called 'nobody'; nothing was changed."
    assert refused.value.returncode == 1
