"""gunicorn hooks for the benchmarks (used with --preload).

`when_ready` runs in the master after the app is imported and before any worker is forked: it
imports every view (the URL map), compiles the templates and loads the translation catalogues by
answering a few requests in-process, then closes every database connection so no worker inherits
one. A worker forked afterwards — also one that replaces a killed worker — answers its first
request as fast as its hundredth."""

from __future__ import annotations

import os
from typing import Any

WARM_PATHS = ["/", "/forslag/", "/borgerbudget/", "/accounts/login/", "/bench/floor/"]


def when_ready(server: Any) -> None:
    from django.db import connections
    from django.test import Client
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    host = os.environ.get("BENCH_WARM_HOST", "")
    if host:
        for language in ("da", "en"):
            client = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
            client.cookies["medborger_language"] = language
            for path in WARM_PATHS:
                try:
                    client.get(path)
                except Exception as error:  # a warm-up miss only costs time
                    server.log.warning("warm-up of %s failed: %s", path, error)
    connections.close_all()
    server.log.info("warmed up the URL map, templates and translations before forking")
