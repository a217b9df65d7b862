"""Production: PostgreSQL, SMTP, HTTPS only. Every secret comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import DATABASES, PERSON_KEY_PEPPER, SECRET_KEY

DEBUG = False
if SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value.")
if len(PERSON_KEY_PEPPER) < 32:
    raise ImproperlyConfigured("Set MEDBORGER_PERSON_KEY_PEPPER to at least 32 random characters.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL.")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
MEDBORGER_FAKE_EID = False

# Several app servers share rate limits and lock-outs through the database cache
# (run `manage.py createcachetable` on deploy).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "medborger_cache",
    }
}
# Behind nginx the client address is in X-Forwarded-For; trust exactly one proxy hop.
AXES_IPWARE_PROXY_COUNT = env_int("MEDBORGER_PROXY_COUNT", 1)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("MEDBORGER_PROXY_COUNT", 1)
