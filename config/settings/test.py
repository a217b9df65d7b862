"""Tests: SQLite in memory unless DATABASE_URL points at PostgreSQL; mail to locmem."""

from .base import *  # noqa: F403
from .base import DATABASES, TEMPLATES

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PERSON_KEY_PEPPER = "test-pepper-0123456789abcdef"
MEDBORGER_FAKE_EID = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
# Each test reads its municipality afresh, so query counts do not depend on the test before;
# tests/core/test_host_memory.py turns the memory on.
MEDBORGER_HOST_MEMORY_SECONDS = 0
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = ""  # type: ignore[index]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["OPTIONS"] = {}

# A test-only app with a commentable, followable model (see tests/testapp/apps.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
ROOT_URLCONF = "tests.testapp.urls"
