"""Settings for bench/proposals.py: the shared settings, DEBUG off (no query log), PostgreSQL."""

from config.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["bench.medborger.test", "testserver"]
PERSON_KEY_PEPPER = "bench-pepper-not-secret-0123456789abcdef"
MEDBORGER_FAKE_EID = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
