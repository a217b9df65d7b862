"""Settings for the gunicorn benchmarks (bench/crash.py, bench/http.py): production's settings
(config.settings.prod: DEBUG off, secure cookies, HTTPS through the proxy header, the database
cache), with only what a bench on one machine without nginx needs changed:

- the URL map is bench/urls.py: production's URLs plus one bench-only view, the floor;
- static files are not collected (no manifest), so templates use plain static URLs;
- the bench users' passwords use a fast hasher, so a log-in costs a request, not 0.5 s of CPU.

The scripts set DJANGO_SECRET_KEY, MEDBORGER_PERSON_KEY_PEPPER and DATABASE_URL before Django
starts; prod.py refuses to start without them.
"""

from config.env import env_list
from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["bench.medborger.test", "crash.medborger.test", "127.0.0.1"]
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
