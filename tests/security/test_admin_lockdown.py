"""The admin: locked out after repeated failed sign-ins, strong passwords, and a configurable address."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="correct horse battery staple", is_staff=True)


def sign_in(client, password, username="editor", ip="203.0.113.7"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong guess").status_code == 200
    locked = sign_in(client, "wrong guess")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    again = sign_in(client, "correct horse battery staple")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_lock_out_everyone(client, editor, django_user_model):
    django_user_model.objects.create_user("other", password="another long passphrase", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong guess")
    assert sign_in(client, "another long passphrase", username="other").status_code == 302


def test_a_correct_sign_in_works_and_resets_the_count(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        sign_in(client, "wrong guess")
    assert sign_in(client, "correct horse battery staple").status_code == 302


@pytest.mark.parametrize(
    "password",
    [
        "short1",
        "password12345678",
        "12345678901234567",
        "editor-editor-editor",
        "aaaaaaaabbbbbbbb1",
        "Ketamine-portal-99",
        "abcdefgh123456",
        "qwertyuiop12345",
        "asdfghjkl;123456",
        "1qaz2wsx3edc4rfv",
        "P@ssw0rd12345678",
    ],
)
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_sequence_is_refused_with_a_reason(editor):
    with pytest.raises(ValidationError, match=r"too easy to guess\. Sequences like"):
        validate_password("abcdefgh123456", user=editor)


@pytest.mark.parametrize(
    "passphrase", ["kettle orbit lantern spruce", "correct horse battery staple", "another long passphrase"]
)
def test_a_long_passphrase_is_accepted(editor, passphrase):
    validate_password(passphrase, user=editor)


def test_the_admin_address_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.test import Client; c = Client(); "
        "print(c.get('/editors-7f3a/login/').status_code, c.get('/admin/login/').status_code)"
    )
    env = {**os.environ, "ADMIN_URL": "editors-7f3a", "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.stdout.split()[-2:] == ["200", "404"], result.stderr[-2000:]


# Issue 15, finding 2: the real client behind a proxy, and a limit per username


def forwarded_sign_in(client, password, client_ip, proxy="10.0.0.2", username="editor"):
    """A sign-in as nginx passes it on: from the proxy's address, naming the client in X-Forwarded-For."""
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_behind_a_proxy_one_attacker_does_not_lock_the_editor_out_for_everyone(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        forwarded_sign_in(client, "wrong guess", "198.51.100.66")
    assert forwarded_sign_in(client, "correct horse battery staple", "198.51.100.66").status_code == 429
    assert forwarded_sign_in(client, "correct horse battery staple", "203.0.113.7").status_code == 302


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker's own claim comes first; nginx appends the address it really saw.
        forwarded_sign_in(client, "wrong guess", f"192.0.2.{n}, 198.51.100.66")
    assert forwarded_sign_in(client, "correct horse battery staple", "192.0.2.99, 198.51.100.66").status_code == 429


def test_one_username_cannot_be_guessed_for_ever_from_many_addresses(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_USERNAME_FAILURE_LIMIT = 12
    for n in range(12):  # three addresses, each staying under the per-address limit
        forwarded_sign_in(client, "wrong guess", f"198.51.100.{n % 3 + 1}")
    assert forwarded_sign_in(client, "correct horse battery staple", "198.51.100.200").status_code == 429


def test_no_client_address_is_logged_loudly_and_still_counted(client, editor, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong guess", ip="")  # what gunicorn gives behind a unix socket
    assert "No client address for a sign-in attempt" in caplog.text
    assert sign_in(client, "correct horse battery staple", ip="").status_code == 429
