import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def test_pages_send_security_headers(municipality, client_for):
    response = client_for(municipality).get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'nonce-" in csp and "'unsafe-inline'" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_script_and_style_tag_carries_the_csp_nonce(municipality, client_for):
    response = client_for(municipality).get("/")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    tags = re.findall(r"<(?:script|style)\b[^>]*>", response.content.decode())
    assert tags, "the page has script tags"
    for tag in tags:
        assert f'nonce="{nonce}"' in tag, tag


def test_production_settings_force_https_and_secure_cookies():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "x" * 60,
        "MEDBORGER_PERSON_KEY_PEPPER": "p" * 40,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/none",
    }
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE,"
        " settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT, settings.DEBUG,"
        " settings.MEDBORGER_FAKE_EID)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["31536000", "True", "True", "True", "False", "False"]


def test_production_settings_refuse_a_missing_pepper():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/none",
    }
    env.pop("MEDBORGER_PERSON_KEY_PEPPER", None)
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "MEDBORGER_PERSON_KEY_PEPPER" in out.stderr


def test_oversized_upload_is_refused_with_400(municipality, client_for):
    body = "x" * (6 * 1024 * 1024)
    response = client_for(municipality).post("/klarsprog/lix/", {"body": body})
    assert response.status_code == 400
