"""Crash safety: supports and ballots survive workers killed with SIGKILL mid-request.

    .venv/bin/python bench/crash.py              # 60 s of kills (about 2 minutes in all)
    .venv/bin/python bench/crash.py --quick      # 15 s of kills, fewer voters

Creates a fresh PostgreSQL database (default medborger_bench_crash; DATABASE_URL may name another
database whose name starts with "medborger_bench"), migrates it and seeds, through the apps'
services, one municipality with open citizen proposals and an open participatory budget, and
verified residents allowed to support and vote. Starts gunicorn (2 workers, production settings
through bench/server_settings.py) and a client of many threads: each resident logs in (allauth,
CSRF), supports every proposal and casts a ballot through the ordinary pages (htmx posts), and
every acknowledged request — a response received in full — is appended to a log. Meanwhile one
worker of that gunicorn is killed with SIGKILL every 1–3 s (random), only the children of the
master this script started. An unacknowledged request (the connection died with the worker) is
retried, as a person would press the button again.

Then the database must show: every acknowledged support and ballot present exactly once, a
retry that was refused as "already done" present too, support counters equal to the rows, one
current ballot per voter in the register, and a ballot log whose hash chain verifies (by the
platform and by the stand-alone scripts/verify_ballots.py). Exit status 1 on any violation.
See README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/http.py would shadow the standard library's http package: drop this folder from the path
# before anything imports it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402
from collections import Counter  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import date, datetime, timedelta  # noqa: E402
from http.cookies import SimpleCookie  # noqa: E402
from typing import Any  # noqa: E402

from bench.server import Gunicorn, bench_database_url, create_database, django_setup  # noqa: E402

HOST = "crash.medborger.test"
SLUG = "crashby"
PASSWORD = "crash-bench-password"  # noqa: S105 - synthetic bench users
RECEIPT = re.compile(r'class="mb-receipt-code"><code>([A-Z2-7-]+)</code>')
MAX_ATTEMPTS = 10


# --- seeding through the services -------------------------------------------------------------


@dataclass
class Seeded:
    proposals: list[int]
    process: int
    projects: list[int]
    costs: dict[int, int]
    voters: list[str]


def seed(n_voters: int, n_proposals: int) -> Seeded:
    from allauth.account.models import EmailAddress
    from django.db import transaction
    from django.utils import timezone

    from medborger.accounts.identity import EidAssertion, identity_verify
    from medborger.accounts.models import Role, RoleAssignment, User
    from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
    from medborger.places.models import Area, AreaKind, Committee, Municipality
    from medborger.proposals import services as proposals
    from medborger.proposals.models import ProposalRules

    now = timezone.now()
    rng = random.Random(7)
    with transaction.atomic():
        municipality = Municipality.objects.create(
            slug=SLUG,
            name="Crashby Kommune",
            country="DK",
            hosts=HOST,
            default_language="da",
            languages=["da", "sv", "en"],
        )
        area = Area.objects.create(
            municipality=municipality,
            slug="crashby",
            name="Hele Crashby",
            kind=AreaKind.MUNICIPALITY,
            population_total=60_000,
            population_10_plus=54_000,
            population_15_plus=50_000,
            population_18_plus=47_000,
        )
        council = Committee.objects.create(
            municipality=municipality, slug="byraadet", name="Byrådet", is_council=True
        )
        # A threshold no burst reaches: every support stays a plain support.
        ProposalRules.objects.create(
            municipality=municipality,
            threshold_kind=ProposalRules.ThresholdKind.ABSOLUTE,
            threshold_absolute=1_000_000,
            co_proposers=0,
            default_committee=council,
        )

        def person(email: str, name: str, k: int) -> User:
            user = User.objects.create_user(email, PASSWORD, name=name)
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            birth = date(1950 + k % 50, 1 + k % 12, 1 + k % 28)
            identity_verify(
                user=user,
                assertion=EidAssertion(
                    provider="bench",
                    scheme="subject",
                    subject=f"crash-bench-{k}",
                    assurance_level=3,
                    birth_date=birth,
                    residence_area=area,
                    residence_municipality=municipality,
                    full_name=name,
                ),
                now=now,
            )
            return user

        moderator = User.objects.create_user("moderator@crash.test", PASSWORD, name="Moderator")
        RoleAssignment.objects.create(
            user=moderator, municipality=municipality, role=Role.MODERATOR
        )
        author = person("forslagsstiller@crash.test", "Forslagsstiller", 0)
        proposal_ids = []
        for k in range(n_proposals):
            draft = proposals.proposal_save_draft(
                author=author,
                municipality=municipality,
                data=proposals.DraftData(
                    title=f"Forslag {k + 1}: flere bænke ved søen",
                    summary="Flere bænke, så ældre kan holde pause på turen.",
                    body="Vi foreslår fire nye bænke langs stien ved søen.",
                    area=area,
                    topics=[],
                    sdgs=[],
                ),
                now=now,
            )
            proposals.proposal_submit(proposal_id=draft.pk, user=author, now=now)
            proposals.proposal_review_approve(
                proposal_id=draft.pk, reviewer=moderator, contact_person=None, now=now
            )
            proposal_ids.append(draft.pk)

        process = BudgetProcess.objects.create(
            municipality=municipality,
            title="Crashby borgerbudget",
            slug="crashby-borgerbudget",
            ballot_type=BudgetProcess.BallotKind.KNAPSACK,
            voting_opens=now - timedelta(hours=1),
            voting_closes=now + timedelta(days=7),
        )
        pool = Pool.objects.create(process=process, name="Hele Crashby", amount=1_000_000)
        costs = {
            BudgetProject.objects.create(
                process=process,
                pool=pool,
                title=f"Projekt {k + 1}",
                cost=cost,
                status=BudgetProject.Status.FEASIBLE,
            ).pk: cost
            for k, cost in enumerate([120_000, 250_000, 80_000, 400_000, 60_000, 300_000])
        }
    voters = []
    for start in range(0, n_voters, 500):
        with transaction.atomic():
            for k in range(start, min(n_voters, start + 500)):
                voters.append(str(person(f"borger{k}@crash.test", f"Borger {k}", k + 1).email))
    rng.shuffle(voters)
    return Seeded(proposal_ids, process.pk, list(costs), costs, voters)


# --- the client ------------------------------------------------------------------------------


def _form_error(html: str) -> str:
    """The first error shown on a re-rendered form, as text."""
    match = re.search(
        r'class="[^"]*(?:form-error-message|errorlist|alert-error)[^"]*"[^>]*>(.*?)</', html, re.S
    )
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip() if match else ""


class Unacknowledged(Exception):
    """No complete response: the connection was refused, reset or closed, or timed out."""


class Browser:
    """One resident's browser behind the proxy: cookies, CSRF token, HTTPS as nginx tells it."""

    def __init__(self, port: int, ip: str) -> None:
        self.port = port
        self.ip = ip
        self.cookies: dict[str, str] = {"medborger_language": "en"}

    def request(
        self,
        method: str,
        path: str,
        fields: list[tuple[str, str]] | None = None,
        htmx: bool = False,
    ) -> tuple[int, str]:
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.ip,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if method == "POST":
            body = urllib.parse.urlencode(fields or []).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
        if htmx:
            headers["HX-Request"] = "true"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=40)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for raw in response.msg.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(raw)
                for name, morsel in cookie.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, text
        except (OSError, http.client.HTTPException) as error:
            raise Unacknowledged(type(error).__name__) from error
        finally:
            conn.close()

    @property
    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")


@dataclass
class Figures:
    sent: int = 0
    acknowledged: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    server_errors: int = 0
    rate_limited: int = 0
    login_refusals: Counter[str] = field(default_factory=Counter)
    latency_ms: list[float] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)
    kills: int = 0
    voters_started: int = 0
    voters_done: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    def __init__(self, port: int, seeded: Seeded, log: Path, figures: Figures) -> None:
        self.port = port
        self.seeded = seeded
        self.log = open(log, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.figures = figures
        self.voters = iter(enumerate(seeded.voters))
        self.take = threading.Lock()
        self.stop = threading.Event()

    def close(self) -> None:
        self.log.close()

    def record(self, entry: dict[str, Any]) -> None:
        with self.figures.lock:
            self.log.write(json.dumps(entry) + "\n")
            self.log.flush()

    def send(
        self,
        browser: Browser,
        method: str,
        path: str,
        fields: list[tuple[str, str]] | None = None,
        htmx: bool = False,
    ) -> tuple[int, str]:
        """One request, retried (like a person pressing again) until a response arrives."""
        for attempt in range(MAX_ATTEMPTS):
            with self.figures.lock:
                self.figures.sent += 1
            t0 = time.perf_counter()
            try:
                status, text = browser.request(method, path, fields, htmx)
            except Unacknowledged as error:
                with self.figures.lock:
                    self.figures.failed[str(error)] += 1
                time.sleep(0.05 * (attempt + 1))
                continue
            with self.figures.lock:
                self.figures.acknowledged += 1
                self.figures.latency_ms.append((time.perf_counter() - t0) * 1000)
                if status >= 500:
                    self.figures.server_errors += 1
            return status, text
        raise Unacknowledged("gave up")

    def resident(self, k: int, email: str) -> None:
        browser = Browser(self.port, f"10.{k // 65536 % 256}.{k // 256 % 256}.{k % 256}")
        status, _text = self.send(browser, "GET", "/accounts/login/")
        if status != 200 or not browser.csrf:
            self.refuse("login page", status, "")
            return
        # A worker killed inside django-allauth's rate-limit check leaves the check's cache lock
        # behind for 10 s; while it is held allauth refuses that address or email (429, or the
        # form again with "too many attempts"). A person waits and tries again; so does this.
        for _attempt in range(8):
            fields = [
                ("csrfmiddlewaretoken", browser.csrf),
                ("login", email),
                ("password", PASSWORD),
            ]
            status, text = self.send(browser, "POST", "/accounts/login/", fields)
            if status == 302 and "sessionid" in browser.cookies:
                break
            if status not in (200, 429):
                break
            with self.figures.lock:
                self.figures.rate_limited += 1
                message = _form_error(text) or f"HTTP {status}"
                self.figures.login_refusals[message] += 1
            time.sleep(2.0)
        if status != 302 or "sessionid" not in browser.cookies:
            self.refuse("login", status, text)
            return
        self.record({"kind": "login", "voter": email, "status": status})
        # The ballot comes at a random place among the supports.
        actions: list[int | None] = [*self.seeded.proposals, None]
        random.shuffle(actions)
        for pk in actions:
            if self.stop.is_set():
                return
            if pk is None:
                self.ballot(browser, email)
            else:
                self.support(browser, email, pk)
        with self.figures.lock:
            self.figures.voters_done += 1

    def support(self, browser: Browser, email: str, pk: int) -> None:
        fields = [("csrfmiddlewaretoken", browser.csrf)]
        if random.random() < 0.3:
            fields.append(("show_name", "on"))
        status, text = self.send(browser, "POST", f"/forslag/{pk}/stoet/", fields, htmx=True)
        if status == 200:
            self.record({"kind": "support", "voter": email, "proposal": pk, "result": "ok"})
        elif status == 400 and "already supported" in text:
            # An earlier, unacknowledged attempt was committed: it must be in the database.
            self.record({"kind": "support", "voter": email, "proposal": pk, "result": "already"})
        else:
            self.refuse("support", status, text)

    def ballot(self, browser: Browser, email: str) -> None:
        budget = 1_000_000
        chosen = []
        for pid in random.sample(self.seeded.projects, k=len(self.seeded.projects)):
            cost = self.seeded.costs[pid]
            if cost <= budget and random.random() < 0.6:
                chosen.append(pid)
                budget -= cost
        chosen = chosen or [self.seeded.projects[0]]
        fields = [("csrfmiddlewaretoken", browser.csrf)] + [("project", str(p)) for p in chosen]
        status, text = self.send(
            browser, "POST", f"/borgerbudget/{self.seeded.process}/stem/", fields, htmx=True
        )
        match = RECEIPT.search(text) if status == 200 else None
        if match:
            self.record(
                {
                    "kind": "ballot",
                    "voter": email,
                    "receipt": match.group(1),
                    "choice": sorted(chosen),
                    "result": "ok",
                }
            )
        elif status == 400 and "already voted" in text:
            # An earlier, unacknowledged attempt was committed and its receipt never arrived:
            # does the receipt page still show it (the session kept it)?
            status, text = self.send(
                browser, "GET", f"/borgerbudget/{self.seeded.process}/kvittering/"
            )
            kept = RECEIPT.search(text) if status == 200 else None
            self.record(
                {
                    "kind": "ballot",
                    "voter": email,
                    "result": "already",
                    "receipt_kept": kept.group(1) if kept else "",
                }
            )
        else:
            self.refuse("ballot", status, text)

    def refuse(self, what: str, status: int, text: str) -> None:
        with self.figures.lock:
            self.figures.refused[f"{what} → HTTP {status}"] += 1
        self.record({"kind": "unexpected", "what": what, "status": status, "text": text[:50_000]})

    def worker(self) -> None:
        while not self.stop.is_set():
            with self.take:
                item = next(self.voters, None)
            if item is None:
                return
            with self.figures.lock:
                self.figures.voters_started += 1
            try:
                self.resident(*item)
            except Unacknowledged:
                with self.figures.lock:
                    self.figures.refused["gave up after retries"] += 1


def killer(server: Gunicorn, stop: threading.Event, figures: Figures, rng: random.Random) -> None:
    """SIGKILL one worker of our gunicorn every 1–3 s; only children of our master."""
    import os

    while not stop.wait(rng.uniform(1.0, 3.0)):
        workers = server.worker_pids()
        if not workers:
            continue
        pid = rng.choice(workers)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
        with figures.lock:
            figures.kills += 1


def _percentiles(samples: list[float]) -> str:
    if not samples:
        return "-"
    ordered = sorted(samples)
    return f"{ordered[len(ordered) // 2]:.0f} / {ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]:.0f}"


# --- checking the database ---------------------------------------------------------------------


def check(seeded: Seeded, log: Path, run_dir: Path) -> dict[str, Any]:
    from django.db.models import Count

    from medborger.accounts.models import User
    from medborger.budgeting import selectors as budget_selectors
    from medborger.budgeting.models import Ballot, BudgetProcess, VoterRegister
    from medborger.budgeting.services import ballots_verify
    from medborger.proposals.models import Proposal, Support

    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    users = dict(User.objects.values_list("email", "pk"))
    supports = Counter(Support.objects.values_list("proposal_id", "user_id"))
    ack_supports = [e for e in entries if e["kind"] == "support"]
    missing_supports = [
        e for e in ack_supports if supports.get((e["proposal"], users[e["voter"]]), 0) == 0
    ]
    duplicate_supports = (
        sum(1 for n in supports.values() if n > 1)
        + Support.objects.values("proposal_id", "person_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    counters = {
        p.pk: (p.support_count, p.rows)
        for p in Proposal.objects.filter(pk__in=seeded.proposals).annotate(rows=Count("supports"))
    }
    counter_mismatch = {pk: v for pk, v in counters.items() if v[0] != v[1]}

    process = BudgetProcess.objects.get(pk=seeded.process)
    receipts = Counter(
        Ballot.objects.filter(process=process).values_list("receipt_code", flat=True)
    )
    current = set(
        Ballot.objects.filter(process=process, superseded=False).values_list(
            "receipt_code", flat=True
        )
    )
    ack_ballots = [e for e in entries if e["kind"] == "ballot"]
    ok_ballots = [e for e in ack_ballots if e["result"] == "ok"]
    missing_ballots = [e for e in ok_ballots if receipts.get(e["receipt"], 0) == 0]
    duplicate_ballots = sum(1 for n in receipts.values() if n > 1)
    last_receipt: dict[str, str] = {}
    for e in ok_ballots:
        last_receipt[e["voter"]] = e["receipt"]
    not_current = [r for r in last_receipt.values() if r not in current]
    already_voters = {e["voter"] for e in ack_ballots if e["result"] == "already"}
    receipts_lost = [
        e for e in ack_ballots if e["result"] == "already" and not e.get("receipt_kept")
    ]
    kept_not_current = [
        e
        for e in ack_ballots
        if e["result"] == "already" and e.get("receipt_kept") and e["receipt_kept"] not in current
    ]
    register = VoterRegister.objects.filter(process=process).count()
    register_dupes = (
        VoterRegister.objects.filter(process=process)
        .values("person_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    from medborger.accounts.models import Identity

    voter_keys = dict(Identity.objects.values_list("user__email", "person_key"))
    registered = set(
        VoterRegister.objects.filter(process=process).values_list("person_key", flat=True)
    )
    unregistered = [v for v in {*last_receipt, *already_voters} if voter_keys[v] not in registered]
    verification = ballots_verify(process=process)
    export = run_dir / "ballots.jsonl"
    with export.open("w", encoding="utf-8") as handle:
        for line in budget_selectors.ballot_log_lines(process):
            handle.write(line + "\n")
    standalone = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "scripts" / "verify_ballots.py"), str(export)],
        capture_output=True,
        text=True,
        check=False,
    )
    replaced = Ballot.objects.filter(process=process).exclude(replaces_receipt="").count()
    superseded = Ballot.objects.filter(process=process, superseded=True).count()
    return {
        "acknowledged supports": sum(1 for e in ack_supports if e["result"] == "ok"),
        "'already supported' after an unacknowledged try": sum(
            1 for e in ack_supports if e["result"] == "already"
        ),
        "support rows": sum(supports.values()),
        "missing supports": len(missing_supports),
        "duplicate supports": duplicate_supports,
        "counters != rows": len(counter_mismatch),
        "acknowledged ballots": len(ok_ballots),
        "'already voted' after an unacknowledged try": len(already_voters),
        "ballots in the log": sum(receipts.values()),
        "changed by a retry (superseded)": superseded,
        "missing ballots": len(missing_ballots),
        "duplicate ballots": duplicate_ballots,
        "acknowledged ballot not current": len(not_current),
        "receipt shown after 'already voted' not current": len(kept_not_current),
        "voted, but the receipt was lost with the worker": len(receipts_lost),
        "voters in the register": register,
        "voters with two register rows": register_dupes,
        "acknowledged voters not in the register": len(unregistered),
        "current ballots != register": int(len(current) != register),
        "replacements != superseded": int(replaced != superseded),
        "ballot log verified (platform)": verification.verdict.ok,
        "ballot log entries checked": verification.verdict.checked,
        "ballot log verified (scripts/verify_ballots.py)": standalone.returncode == 0,
        "_standalone_output": standalone.stdout.strip() + standalone.stderr.strip(),
        "_missing": (missing_supports + missing_ballots)[:10],
        "_counters": counter_mismatch,
    }


VIOLATIONS = [
    "missing supports",
    "duplicate supports",
    "counters != rows",
    "missing ballots",
    "duplicate ballots",
    "acknowledged ballot not current",
    "receipt shown after 'already voted' not current",
    "voted, but the receipt was lost with the worker",
    "voters with two register rows",
    "acknowledged voters not in the register",
    "current ballots != register",
    "replacements != superseded",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to kill (60)")
    parser.add_argument("--quick", action="store_true", help="15 s and fewer voters")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1)")
    parser.add_argument(
        "--no-preload",
        action="store_true",
        help="let each new worker import Django itself (seconds) instead of forking the master",
    )
    parser.add_argument("--clients", type=int, default=8, help="client threads (8)")
    parser.add_argument("--voters", type=int, default=None, help="residents to seed")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the kill times")
    args = parser.parse_args()
    seconds = 15.0 if args.quick and args.seconds == 60.0 else args.seconds
    n_voters = args.voters or (400 if args.quick else 2500)

    url = bench_database_url("medborger_bench_crash")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir = ROOT / "var" / "bench" / f"crash-{stamp}"
    run_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    create_database(url, fresh=True)
    django_setup(url)
    print(
        f"Fresh database {url.rsplit('/', 1)[-1]} migrated in {time.perf_counter() - started:.0f} s;"
        f" seeding {n_voters:,} verified residents …"
    )
    started = time.perf_counter()
    seeded = seed(n_voters, 5)
    print(
        f"  {len(seeded.proposals)} proposals collecting support, 1 budget open for voting, "
        f"in {time.perf_counter() - started:.1f} s"
    )
    from django.db import connections

    connections.close_all()

    rng = random.Random(args.seed)
    figures = Figures()
    log = run_dir / "acknowledged.jsonl"
    server = Gunicorn(url, workers=args.workers, threads=args.threads, log=run_dir / "gunicorn.log")
    client: Client | None = None
    stop_kills = threading.Event()
    try:
        server.start(ready_host=HOST)
        print(
            f"gunicorn master {server.process.pid if server.process else '?'} on port "
            f"{server.port}, workers {server.worker_pids()} ({args.threads} thread(s) each); "
            f"{args.clients} client threads; killing a worker every 1–3 s for {seconds:.0f} s …"
        )
        client = Client(server.port, seeded, log, figures)
        pool = ThreadPoolExecutor(max_workers=args.clients)
        futures = [pool.submit(client.worker) for _ in range(args.clients)]
        kill_thread = threading.Thread(
            target=killer, args=(server, stop_kills, figures, rng), daemon=True
        )
        kill_thread.start()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not all(f.done() for f in futures):
            time.sleep(0.5)
        stop_kills.set()
        kill_thread.join()
        client.stop.set()
        for future in futures:
            future.result()
        pool.shutdown()
        if figures.voters_started >= n_voters:
            print("NOTE: the client ran out of residents before the time was up; seed more.")
    finally:
        stop_kills.set()
        if client is not None:
            client.stop.set()
        server.stop()
        if client is not None:
            client.close()

    print(f"\nClient ({seconds:.0f} s, {figures.kills} workers killed with SIGKILL):")
    failed = sum(figures.failed.values())
    rows = [
        ("requests sent", f"{figures.sent:,}"),
        ("acknowledged (response received in full)", f"{figures.acknowledged:,}"),
        (
            "failed (no response: the worker died), retried",
            f"{failed:,}" + (f"  ({dict(figures.failed)})" if failed else ""),
        ),
        ("server errors (5xx)", f"{figures.server_errors:,}"),
        (
            "log-ins refused while allauth's lock of a killed worker held",
            f"{figures.rate_limited:,}"
            + (f"  ({dict(figures.login_refusals)})" if figures.login_refusals else ""),
        ),
        ("response time p50 / p95 (ms)", _percentiles(figures.latency_ms)),
        ("kills", f"{figures.kills:,}"),
        ("residents started / finished", f"{figures.voters_started:,} / {figures.voters_done:,}"),
    ]
    for refusal, n in figures.refused.items():
        rows.append((f"unexpected: {refusal}", f"{n:,}"))
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")

    django_setup(url)
    result = check(seeded, log, run_dir)
    print("\nDatabase after the kills:")
    width = max(len(k) for k in result if not k.startswith("_"))
    for key, value in result.items():
        if key.startswith("_"):
            continue
        mark = ""
        if key in VIOLATIONS:
            mark = "  ok" if value == 0 else "  VIOLATION"
        elif isinstance(value, bool):
            mark = "  ok" if value else "  VIOLATION"
        shown = "yes" if value is True else "no" if value is False else f"{value:,}"
        print(f"  {key:<{width}}  {shown}{mark}")
    print(f"  scripts/verify_ballots.py says: {result['_standalone_output'].splitlines()[0:1]}")
    print(f"\nLogs: {run_dir.relative_to(ROOT)}/ (acknowledged.jsonl, gunicorn.log, ballots.jsonl)")

    violations = [k for k in VIOLATIONS if result[k]]
    for key in (
        "ballot log verified (platform)",
        "ballot log verified (scripts/verify_ballots.py)",
    ):
        if not result[key]:
            violations.append(key)
    if figures.server_errors:
        violations.append("server errors (5xx)")
    if figures.refused:
        violations.append("unexpected refusals")
    if figures.kills == 0:
        violations.append("no worker was killed")
    if violations:
        if result["_missing"]:
            print("First missing:", result["_missing"])
        if result["_counters"]:
            print("Counters (count, rows):", result["_counters"])
        print(f"\nFAIL: {', '.join(violations)}")
        sys.exit(1)
    print(
        "\nPASS: every acknowledged support and ballot is in the database exactly once, the "
        "counters equal the rows and the ballot log verifies."
    )


if __name__ == "__main__":
    main()
