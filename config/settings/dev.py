"""Development and demo: embedded SQLite, mail to the console, the fake eID provider on."""

import secrets

from config.env import env_bool

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = env_bool("DJANGO_DEBUG", True)
MEDBORGER_FAKE_EID = env_bool("MEDBORGER_FAKE_EID", True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# One machine, no separate worker needed for the demo: tasks run right after the request commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The demo makes its own pepper once and keeps it in var/, outside the database.
VAR_DIR.mkdir(parents=True, exist_ok=True)
_pepper_file = VAR_DIR / "person-key-pepper"
if not _pepper_file.exists():
    _pepper_file.write_text(secrets.token_hex(32))
PERSON_KEY_PEPPER = _pepper_file.read_text().strip()

# Demo staff log in with this TOTP code; allauth refuses the setting when DEBUG is off.
MFA_TOTP_INSECURE_BYPASS_CODE = "123456"
