"""Settings shared by every environment. Environment-specific files import * from here."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("MEDBORGER_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# The key that turns a national id or an eID subject into a person key. It lives outside the
# database on purpose: a stolen database dump alone cannot be matched against CPR numbers.
PERSON_KEY_PEPPER = env_str("MEDBORGER_PERSON_KEY_PEPPER", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "medborger.core",
    "medborger.places",
    "medborger.accounts",
    "medborger.comments",
    "medborger.notifications",
    "medborger.proposals",
    "medborger.budgeting",
    "medborger.implementation",
    "medborger.fasttrack",
    "medborger.volunteering",
    "medborger.premises",
    "medborger.goals",
    "medborger.efforts",
    "medborger.hearings",
    "medborger.meetings",
    "medborger.cocreation",
    "medborger.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "medborger.core.middleware.MunicipalityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication, so a signed-in user's saved language is known.
    "medborger.core.middleware.LanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "medborger.accounts.middleware.StaffMfaMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "medborger.core.context_processors.site",
            ],
        },
    }
]

# The embedded default is SQLite in WAL mode under var/; DATABASE_URL switches to PostgreSQL.
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "medborger.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "medborger.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:front"

# --- django-allauth -------------------------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "medborger.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "medborger.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
SOCIALACCOUNT_ADAPTER = "medborger.accounts.adapters.EidAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Medborger"

# Staff roles must use TOTP. The demo keeps this on and documents the demo staff's TOTP secret.
MEDBORGER_STAFF_MFA_REQUIRED = env_bool("MEDBORGER_STAFF_MFA_REQUIRED", True)
# How long each worker keeps the municipality it read for a host name (0: read it on every
# request). docs/decisions/0004-vote-statements-in-sql.md.
MEDBORGER_HOST_MEMORY_SECONDS = env_int("MEDBORGER_HOST_MEMORY_SECONDS", 10)
# Prepare the vote's, the session's and the roles' fixed statements once per PostgreSQL
# connection (0: never, for a pooler that cannot carry prepared statements).
# medborger/core/fixed_sql.py, docs/decisions/0005-prepared-statements.md.
MEDBORGER_PREPARED_STATEMENTS = env_bool("MEDBORGER_PREPARED_STATEMENTS", True)
# The built-in fake eID provider for demos and tests. A system check refuses it with DEBUG off.
MEDBORGER_FAKE_EID = env_bool("MEDBORGER_FAKE_EID", False)

# --- django-axes: login throttling ----------------------------------------------------------
AXES_FAILURE_LIMIT = env_int("MEDBORGER_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "medborger.accounts.throttling.login_username"
AXES_LOCKOUT_CALLABLE = "medborger.accounts.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("sv", _("Swedish")), ("en", _("English"))]
# makemessages writes to the first folder; the second holds fixes of dependencies' texts.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
LANGUAGE_COOKIE_NAME = "medborger_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Upload limits: a form post may not exceed 5 MB; images are checked again by their validators.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
MEDBORGER_MAX_IMAGE_BYTES = 2 * 1024 * 1024

# --- Security ------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Database sessions; a saved session is one UPDATE (medborger/accounts/sessions.py).
SESSION_ENGINE = "medborger.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "medborger.core.views.csrf_failure"

# --- Background work ---------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Mail --------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Medborger <noreply@medborger.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# --- Medborger defaults ------------------------------------------------------------------------
# How long after posting a comment its author may still edit it.
MEDBORGER_COMMENT_EDIT_MINUTES = env_int("MEDBORGER_COMMENT_EDIT_MINUTES", 15)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

FORM_RENDERER = "medborger.core.forms.FdsFormRenderer"
