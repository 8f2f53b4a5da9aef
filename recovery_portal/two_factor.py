"""Two-factor sign-in for the editors' admin (django-otp).

After their password, a staff member gives a code from an authenticator app (a TOTP device)
or one of ten one-time backup codes (a static device). Someone with no app set up yet signs in
with their password alone and must set one up before anything else (PortalAdminSite in
admin.py sends them there). Required unless TWO_FACTOR_REQUIRED is off, as it is by default
with DEBUG on.
"""

import re
from base64 import b32encode

import django_otp
import qrcode
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

BACKUP_CODE_COUNT = 10

MISSING_CODE = "Enter the six-digit code from your authenticator app, or one of your backup codes."
WRONG_CODE = (
    "That code is not right. Enter the six-digit code your authenticator app shows now, "
    "or one of your backup codes (each works once)."
)
WRONG_FIRST_CODE = (
    "That code is not right. Enter the six-digit code the app shows now for the account you have just added. "
    "If it is refused again, check that your phone sets its clock automatically."
)
TOO_SOON = "Too many wrong codes in a row. Wait a minute, then enter the code your app shows now."


def required():
    return settings.TWO_FACTOR_REQUIRED


def signed_in_with_password_only(user):
    """Staff signed in without giving a code in this session, while a code is required."""
    return required() and user.is_active and user.is_staff and not user.is_verified()


def has_app(user):
    """Whether the user has finished setting up an authenticator app; until then they sign in
    with their password and are sent to set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def must_set_up(user):
    """Staff signed in with their password who have no app yet: they set one up before anything else."""
    return signed_in_with_password_only(user) and not has_app(user)


def normalise(code):
    """Codes as people type them: "123 456" from the app, "ABCD EFGH" from a printed list."""
    return "".join(code.split()).lower()


def device_for(user, code):
    """The device a code was meant for: six digits come from the app; anything else can only
    be a backup code. Trying only that device means a wrong code slows down (throttles) only
    the device it was meant for. Locked until the transaction ends, so a code is used once."""
    model = TOTPDevice if re.fullmatch(r"\d{6}", code) else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True).select_for_update().first()


def refusal(device, code, wrong=WRONG_CODE):
    """Why `device` refuses `code`, or None when it accepts it. An accepted code is used up:
    the app's code is not accepted again, and a backup code is deleted. After each wrong code
    django-otp refuses every code for a while (1, 2, 4, 8... seconds)."""
    if device is None:
        return wrong
    if not device.verify_is_allowed()[0]:
        return TOO_SOON
    if not device.verify_token(code):
        return wrong
    return None


class SignInForm(AdminAuthenticationForm):
    """The admin's sign-in: username, password and, when two factors are required, a code.

    A missing or wrong code is a failed sign-in for django-axes, exactly like a wrong password,
    so it counts towards locking the account.
    """

    code = forms.CharField(
        label="Code",
        required=False,
        max_length=16,
        help_text=(
            "The six-digit code your authenticator app shows, or one of your backup codes. "
            "Leave it empty if you have not set up two-factor sign-in yet."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if not required():
            del self.fields["code"]

    def clean(self):
        super().clean()
        user = self.get_user()
        if "code" not in self.fields or user is None or not has_app(user):
            return self.cleaned_data
        code = normalise(self.cleaned_data.get("code") or "")
        if not code:
            self.refuse(MISSING_CODE)
        with transaction.atomic():
            device = device_for(user, code)
            error = refusal(device, code)
        # Refused outside the transaction, so the device keeps its record of the failure.
        if error:
            self.refuse(error)
        # django_otp marks the session verified by this device when Django signs the user in.
        user.otp_device = device
        return self.cleaned_data

    def refuse(self, message):
        user_login_failed.send(
            sender=__name__, credentials={"username": self.cleaned_data["username"]}, request=self.request
        )
        raise forms.ValidationError(message, code="wrong_code")


class FirstCodeForm(forms.Form):
    """The first code from a newly added app: proof that the app and the site share the secret."""

    code = forms.CharField(
        label="Code from your app",
        max_length=16,
        help_text="The six digits the app now shows for the account you have just added.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        error = refusal(self.device, code, wrong=WRONG_FIRST_CODE)
        if error:
            raise forms.ValidationError(error, code="wrong_code")
        return code


def app_being_set_up(user):
    """The app the user is setting up: the same secret until they confirm it, so a QR code they
    scanned before reloading the page still works."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_code_svg(device):
    """The app's otpauth:// address as a QR code, drawn here as SVG to put inline in the page:
    nothing is fetched and nothing is styled inline, as the Content-Security-Policy requires.
    The white background lets phones scan it in the admin's dark theme too."""
    image = qrcode.make(device.config_url, image_factory=SvgPathFillImage)
    svg = image.get_image()
    svg.set("role", "img")
    svg.set("aria-label", "QR code to scan with your authenticator app")
    return mark_safe(image.to_string(encoding="unicode"))


def secret(device):
    """The app's secret for typing in by hand, in groups of four characters."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def confirm(request, device):
    """Finish setting up: confirm the app, mark this session verified by it, and return new
    backup codes (replacing any old ones) to show once."""
    user = device.user
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name="Backup codes")
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    request.session.cycle_key()  # a new session id now that the session is verified
    django_otp.login(request, device)
    return codes


def reset(user):
    """Delete the user's apps and backup codes: they set up a new app at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
