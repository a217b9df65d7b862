"""The locust users bench/http.py runs, one endpoint per run (headless, in a child process).

Configured by environment variables that bench/http.py sets:

- BENCH_KIND: "page" (GET, closed loop: the next request leaves when the answer arrived) or
  "vote" (a signed-in, eligible resident who has not voted posts a ballot; each voter once);
- BENCH_NAME, BENCH_PATH, BENCH_HOST (the Host header: the municipality's host name);
- BENCH_COOKIE: cookies for pages (a signed-in resident's session, or only the language);
- for votes: BENCH_SESSIONS (a file, one session key per line), BENCH_CSRF (the CSRF cookie and
  token), BENCH_PROJECTS (project ids, comma-separated), BENCH_PACING (seconds between one
  user's ballots, so users / pacing is the arrival rate).

Requests are sent as nginx would pass them: "X-Forwarded-Proto: https" and a client address in
"X-Forwarded-For"."""

from __future__ import annotations

import os
import random
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from locust import FastHttpUser, constant, constant_pacing, task
from locust.exception import StopUser

KIND = os.environ.get("BENCH_KIND", "page")
NAME = os.environ.get("BENCH_NAME", "page")
PATH = os.environ.get("BENCH_PATH", "/")
HOST = os.environ.get("BENCH_HOST", "bench.medborger.test")
COOKIE = os.environ.get("BENCH_COOKIE", "medborger_language=da")
CSRF = os.environ.get("BENCH_CSRF", "")
PROJECTS = [p for p in os.environ.get("BENCH_PROJECTS", "").split(",") if p]
PACING = float(os.environ.get("BENCH_PACING", "1.0"))
BASE_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}


def _sessions() -> Iterator[str]:
    path = os.environ.get("BENCH_SESSIONS", "")
    if not path:
        return iter(())
    return iter(Path(path).read_text(encoding="utf-8").split())


SESSIONS = _sessions()
RECEIPT = re.compile(r'class="mb-receipt-code"><code>([A-Z2-7-]+)</code>')
RECEIPTS = open(os.environ["BENCH_RECEIPTS"], "a", encoding="utf-8") if KIND == "vote" else None  # noqa: SIM115


class Page(FastHttpUser):
    abstract = KIND != "page"
    wait_time = constant(0)

    @task
    def get(self) -> None:
        headers = {**BASE_HEADERS, "Cookie": COOKIE, "X-Forwarded-For": "10.1.0.1"}
        with self.client.get(PATH, headers=headers, name=NAME, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Voter(FastHttpUser):
    abstract = KIND != "vote"
    wait_time = constant_pacing(PACING)

    @task
    def vote(self) -> None:
        session = next(SESSIONS, None)
        if session is None:
            raise StopUser  # every prepared voter has voted
        chosen = random.sample(PROJECTS, k=random.randint(1, 3))
        body = urllib.parse.urlencode(
            [("csrfmiddlewaretoken", CSRF)] + [("project", pid) for pid in chosen]
        )
        headers = {
            **BASE_HEADERS,
            "Cookie": f"sessionid={session}; csrftoken={CSRF}; medborger_language=en",
            "Origin": f"https://{HOST}",
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
            "X-Forwarded-For": f"10.2.{random.randint(0, 255)}.{random.randint(1, 254)}",
        }
        with self.client.post(
            PATH, data=body, headers=headers, name=NAME, catch_response=True
        ) as response:
            text = response.text or ""
            match = RECEIPT.search(text) if response.status_code == 200 else None
            if match is None:
                response.failure(f"HTTP {response.status_code}: {text[:200]!r}")
            elif RECEIPTS is not None:  # every receipt answered, checked in the database later
                RECEIPTS.write(match.group(1) + "\n")
                RECEIPTS.flush()
