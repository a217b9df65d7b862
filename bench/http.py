"""Pages and ballot submission under load: gunicorn, PostgreSQL and locust on one machine.

    .venv/bin/python bench/http.py               # fresh database, seed, measure (about 10 min)
    .venv/bin/python bench/http.py --reuse       # measure again on the seeded database

The database (default medborger_bench_http; DATABASE_URL may name another whose name starts with
"medborger_bench") holds 10,000 proposals and 500,000 supports (seeded by bench/proposals.py's
seeder), 2,000 comments on one proposal, and a participatory budget open for voting with 50,000
ballots in its hash-chained log, plus 20,000 verified residents who have not voted yet, each with
a signed-in session. gunicorn serves production's settings (bench/server_settings.py); locust runs
headless in a child process, one endpoint at a time (bench/locustfile.py):

- pages: a closed loop of --users simultaneous visitors (default 4: two per worker, so every
  worker always has a request waiting), each sending the next request when the answer arrived;
- ballot submission: an arrival rate of --vote-rate ballots per second (default 200), each from
  a different eligible resident who votes once (htmx post, answered with the receipt).

Prints p50, p95, p99, requests per second and errors per endpoint beside the floor — the smallest
Django view on the same server and middleware — with the targets and PASS/FAIL, then checks that
every new ballot is in the log and the log still verifies. Exit status 1 when a target is missed.
See README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# This file is named http.py: drop its folder from the path before anything imports the standard
# library's http package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import csv  # noqa: E402
import hashlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import datetime, timedelta  # noqa: E402
from typing import Any  # noqa: E402

from bench.server import (  # noqa: E402
    BIN,
    PEPPER,
    Gunicorn,
    bench_database_url,
    create_database,
    django_setup,
)

HOST = "bench.medborger.test"
SLUG = "benchby"
PROCESS_SLUG = "benchby-borgerbudget-2027"
N_COMMENTS = 2_000
N_BALLOTS = 50_000
N_FRESH = 20_000
CSRF = "benchcsrfsecret0123456789abcdefg"  # a CSRF cookie secret: 32 letters and digits
BACKEND = "medborger.accounts.backends.AuthenticationBackend"
PAGE_P95_MS = 150.0
COMMENTS_P95_MS = 250.0


def session_key(k: int) -> str:
    return f"httpbench{k:023d}"


def fresh_subject(k: int) -> str:
    return f"http-bench-voter-{k}"


# --- seeding ----------------------------------------------------------------------------------

COMMENT_OPENERS = [
    "Godt forslag!",
    "Jeg er enig.",
    "Det har vi brug for.",
    "Jeg er ikke helt overbevist.",
    "Tak for at I tager det op.",
    "Hvad kommer det til at koste?",
    "Som nabo kan jeg kun bakke op.",
    "Jeg cykler der hver dag med mine børn.",
]
COMMENT_MIDDLES = [
    "Stien er smal, og bilerne kører hurtigt om morgenen.",
    "Om vinteren er der mørkt og glat, så lys ville hjælpe meget.",
    "Kunne man bruge pengene bedre på skolen?",
    "Vi har skrevet til kommunen før, men intet er sket.",
    "Husk også dem, der går med rollator.",
    "Det vil gøre det mere trygt for de ældre i området.",
    "Der er plads langs åen, hvis man flytter hegnet en meter.",
    "Jeg har talt med foreningen, og de vil gerne hjælpe.",
]
COMMENT_EXTRAS = [
    "",
    "",
    "\n\nSe også **kommunens trafikplan** fra i år.",
    "\n\n- mere lys\n- bredere sti\n- lavere fart",
    "\n\nMere her: <https://www.example.org/trafikplan>",
    "\n\n> Børn skal kunne cykle sikkert i skole.",
]


def _comment_body(rng: random.Random) -> str:
    parts = [rng.choice(COMMENT_OPENERS), *rng.sample(COMMENT_MIDDLES, rng.randint(1, 3))]
    return " ".join(parts) + rng.choice(COMMENT_EXTRAS)


def seed_comments(proposal: Any, rng: random.Random) -> None:
    """2,000 comments as comment_create makes them: 1,200 on the proposal, 800 replies (depth 1–3),
    written over 90 days by 500 residents, a few hidden by a moderator with a reason."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from medborger.accounts.models import User
    from medborger.comments.models import Comment

    content_type = ContentType.objects.get_for_model(proposal)
    authors = list(User.objects.filter(email__startswith="borger", email__endswith="@bench.test"))
    common = {
        "municipality_id": proposal.municipality_id,
        "content_type": content_type,
        "object_id": proposal.pk,
    }

    def make(parent: Comment | None, depth: int) -> Comment:
        hidden = rng.random() < 0.01
        return Comment(
            **common,
            parent=parent,
            depth=depth,
            author=rng.choice(authors),
            body=_comment_body(rng),
            is_hidden=hidden,
            hidden_reason="Personlige oplysninger om en nabo." if hidden else "",
        )

    roots = Comment.objects.bulk_create([make(None, 0) for _ in range(1_200)])
    level = roots
    for depth, n in ((1, 520), (2, 200), (3, 80)):
        level = Comment.objects.bulk_create([make(rng.choice(level), depth) for _ in range(n)])
    start = timezone.now() - timedelta(days=90)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE comments_comment SET created_at = %s + (id - %s) * interval '3 minutes', "
            "updated_at = %s + (id - %s) * interval '3 minutes' "
            "WHERE content_type_id = %s AND object_id = %s",
            [start, roots[0].pk, start, roots[0].pk, content_type.pk, proposal.pk],
        )


PROJECT_TITLES = [
    "Blomstereng ved stationen",
    "Bænke og skygge i parken",
    "Frugtlund i Nordbyen",
    "Shelter og bålplads i skoven",
    "Legeplads med vand",
    "Nyt udstyr til Grønt Hold",
    "Insekthotel ved skolen",
    "Lys på stien langs åen",
    "Multibane i Vesterby",
    "Udendørs fitness ved søen",
    "Bogbytteskab ved hallen",
    "Petanquebane ved ældreboligerne",
    "Overdækket cykelparkering",
    "Hjertestarter ved havnen",
    "Badebro i Østerby",
    "Skaterampe ved ungdomsklubben",
    "Fællesdrivhus for beboerne",
    "Sansehave ved plejecentret",
    "Regnbede på Bygaden",
    "Træer langs Kystvejen",
    "Udekøkken i naturparken",
    "Kunst i tunnellen",
    "Cykelpumpe og værktøj ved skolen",
    "Toilet ved stranden",
]


def seed_budget(municipality: Any, rng: random.Random) -> None:
    """An open knapsack budget with 24 projects and 50,000 ballots in its log: about 1 % are
    changed votes (the earlier ballot superseded), as ballot_cast leaves them. Register rows and
    ballots share no key, and every entry's hash chains to the one before."""
    from django.utils import timezone

    from medborger.budgeting import services
    from medborger.budgeting.models import (
        Ballot,
        BudgetProcess,
        BudgetProject,
        Channel,
        Pool,
        VoterRegister,
    )
    from medborger.domain.budgeting.ballotlog import GENESIS, chain_hash

    now = timezone.now()
    process = BudgetProcess.objects.create(
        municipality=municipality,
        title="Benchby borgerbudget 2027",
        slug=PROCESS_SLUG,
        description="Stem på de projekter, du vil bruge 3 mio. kr. på.",
        ballot_type=BudgetProcess.BallotKind.KNAPSACK,
        counting_rule=BudgetProcess.CountingRule.MES,
        voting_opens=now - timedelta(days=20),
        voting_closes=now + timedelta(days=60),
    )
    pool = Pool.objects.create(process=process, name="Hele Benchby", amount=3_000_000)
    costs: dict[str, int] = {}
    for title in PROJECT_TITLES:
        project = BudgetProject.objects.create(
            process=process,
            pool=pool,
            title=title,
            description=f"{title}. Et projekt, som borgerne har foreslået, og kommunen har vurderet.",
            cost=rng.randrange(40_000, 900_000, 1_000),
            status=BudgetProject.Status.FEASIBLE,
        )
        costs[str(project.pk)] = project.cost
    ids = list(costs)
    popularity = [rng.paretovariate(1.3) for _ in ids]

    def choice() -> dict[str, int]:
        left, chosen = pool.amount, {}
        for pid in rng.choices(ids, weights=popularity, k=rng.randint(1, 8)):
            if pid not in chosen and costs[pid] <= left:
                chosen[pid] = 1
                left -= costs[pid]
        return dict(sorted(chosen.items()))

    start = now - timedelta(days=20)
    step = (now - start) / (N_BALLOTS + 1)
    ballots: list[Ballot] = []
    current: dict[int, str] = {}  # voter → current receipt
    previous = GENESIS
    voters: list[int] = []
    for position in range(1, N_BALLOTS + 1):
        replaces = ""
        if voters and rng.random() < 0.01:  # a voter changes their vote with their receipt
            voter = rng.choice(voters)
            replaces = current[voter]
        else:
            voter = position
            voters.append(voter)
        receipt = services.new_receipt()
        ballot = Ballot(
            process=process,
            position=position,
            receipt_code=receipt,
            choice=choice(),
            channel=Channel.ONLINE,
            replaces_receipt=replaces,
            cast_at=start + step * position,
        )
        ballot.entry_hash = chain_hash(previous, services._entry(ballot))
        previous = ballot.entry_hash
        ballots.append(ballot)
        current[voter] = receipt
    superseded = {b.replaces_receipt for b in ballots if b.replaces_receipt}
    for ballot in ballots:
        ballot.superseded = ballot.receipt_code in superseded
    Ballot.objects.bulk_create(ballots, batch_size=5_000)
    day = timezone.localdate(now)
    VoterRegister.objects.bulk_create(
        [
            VoterRegister(
                process=process,
                person_key=hashlib.sha256(f"bench-voter:{voter}".encode()).hexdigest(),
                channel=Channel.ONLINE,
                first_voted_on=day - timedelta(days=10),
                last_changed_on=day - timedelta(days=5),
                current_receipt_mac=services.receipt_mac(receipt),
            )
            for voter, receipt in current.items()
        ],
        batch_size=5_000,
    )


def seed_fresh_voters(municipality: Any) -> None:
    """20,000 verified residents aged 18–80 who have not voted, as identity_verify leaves them
    (person key = HMAC of the pepper and the eID subject; the raw subject is not stored)."""
    from django.utils import timezone

    from medborger.accounts.models import Identity, User
    from medborger.domain.identity import person_key
    from medborger.places.models import Area

    now = timezone.now()
    districts = list(Area.objects.filter(municipality=municipality, kind="district"))
    users = User.objects.bulk_create(
        [
            User(email=f"vaelger{k}@bench.test", name=f"Vælger {k}", password="!")  # noqa: S106 - unusable
            for k in range(N_FRESH)
        ],
        batch_size=5_000,
    )
    Identity.objects.bulk_create(
        [
            Identity(
                user=user,
                person_key=person_key(PEPPER, "subject", fresh_subject(k)),
                provider="bench",
                birth_year=now.year - 18 - k % 62,
                residence_municipality=municipality,
                residence_area=districts[k % len(districts)],
                assurance_level=3,
                verified_at=now,
            )
            for k, user in enumerate(users)
        ],
        batch_size=5_000,
    )


def reset_votes() -> tuple[Any, list[str]]:
    """Back to the seeded state before a vote run: drop the ballots after position 50,000 (the
    tail of the chain, so the rest still verifies) and the fresh voters' register rows, and give
    every fresh voter a new signed-in session. Returns the process and the session keys."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.utils import timezone

    from medborger.accounts.models import Identity, User
    from medborger.budgeting.models import Ballot, BudgetProcess, VoterRegister

    process = BudgetProcess.objects.get(slug=PROCESS_SLUG)
    fresh_keys = list(
        Identity.objects.filter(user__email__startswith="vaelger").values_list(
            "person_key", flat=True
        )
    )
    users = {
        int(str(user.email)[len("vaelger") : -len("@bench.test")]): user
        for user in User.objects.filter(email__startswith="vaelger")
    }
    store = SessionStore()
    expires = timezone.now() + timedelta(days=14)
    with transaction.atomic():
        Ballot.objects.filter(process=process, position__gt=N_BALLOTS).delete()
        VoterRegister.objects.filter(process=process, person_key__in=fresh_keys).delete()
        keys = [session_key(k) for k in sorted(users)]
        Session.objects.filter(session_key__in=keys).delete()
        Session.objects.bulk_create(
            [
                Session(
                    session_key=session_key(k),
                    session_data=store.encode(
                        {
                            "_auth_user_id": str(user.pk),
                            "_auth_user_backend": BACKEND,
                            "_auth_user_hash": user.get_session_auth_hash(),
                        }
                    ),
                    expire_date=expires,
                )
                for k, user in sorted(users.items())
            ],
            batch_size=5_000,
        )
    return process, keys


def is_seeded() -> bool:
    from bench import proposals as proposal_bench
    from medborger.budgeting.models import Ballot
    from medborger.comments.models import Comment

    return (
        proposal_bench._is_seeded()
        and Ballot.objects.filter(process__slug=PROCESS_SLUG).count() >= N_BALLOTS
        and Comment.objects.filter(municipality__slug=SLUG).count() == N_COMMENTS
    )


def seed() -> None:
    from django.db import connection, transaction

    from bench import proposals as proposal_bench
    from medborger.places.models import Municipality
    from medborger.proposals.models import Proposal

    rng = random.Random(2027)
    started = time.perf_counter()
    proposal_bench._seed()  # 10,000 proposals and 500,000 supports, see bench/proposals.py
    municipality = Municipality.objects.get(slug=SLUG)
    with transaction.atomic():
        busiest = (
            Proposal.objects.filter(municipality=municipality, state="collecting")
            .order_by("-support_count")
            .first()
        )
        assert busiest is not None
        seed_comments(busiest, rng)
        print(f"  {N_COMMENTS:,} comments on /forslag/{busiest.pk}/")
        seed_budget(municipality, rng)
        print(f"  a budget open for voting with {N_BALLOTS:,} ballots")
        seed_fresh_voters(municipality)
        print(f"  {N_FRESH:,} verified residents who have not voted")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Seeded in {time.perf_counter() - started:.0f} s")


def targets() -> tuple[Any, Any]:
    from django.db.models import Count

    from medborger.budgeting.models import BudgetProcess
    from medborger.comments.models import Comment

    row = (
        Comment.objects.filter(municipality__slug=SLUG)
        .values("object_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert row is not None
    return row["object_id"], BudgetProcess.objects.get(slug=PROCESS_SLUG)


# --- measuring ----------------------------------------------------------------------------------


def append_ceiling(url: str, seconds: float = 5.0, connections: int = 2) -> float:
    """Ballots per second the database alone allows: the statements of one vote's locked part
    (lock the process row, register the voter, read the log's head, append, commit) from
    `connections` connections, without Django, on scratch tables that are dropped again. Every
    commit waits for the WAL flush while the row is locked, so this is the design's ceiling on
    this machine's disk, whatever the web servers do."""
    import threading
    import uuid

    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    given: dict[str, Any] = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": config["NAME"],
    }
    params: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    tables = "bench_probe_ballot, bench_probe_register, bench_probe_process"
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {tables}")
        conn.execute("CREATE TABLE bench_probe_process (id int PRIMARY KEY, title text)")
        conn.execute("INSERT INTO bench_probe_process VALUES (1, 'probe')")
        conn.execute(
            "CREATE TABLE bench_probe_register (id uuid PRIMARY KEY, process_id int, "
            "person_key text, UNIQUE (process_id, person_key))"
        )
        conn.execute(
            "CREATE TABLE bench_probe_ballot (id bigserial PRIMARY KEY, process_id int, "
            "position int, receipt text UNIQUE, entry_hash text, UNIQUE (process_id, position))"
        )
    done: list[int] = []
    stop = time.monotonic() + seconds

    def work() -> None:
        n = 0
        with psycopg.connect(**params) as conn:
            while time.monotonic() < stop:
                with conn.transaction():
                    conn.execute(
                        "SELECT id, title FROM bench_probe_process WHERE id = 1 FOR UPDATE"
                    )
                    conn.execute(
                        "INSERT INTO bench_probe_register VALUES (%s, 1, %s)",
                        [uuid.uuid4(), uuid.uuid4().hex],
                    )
                    head = conn.execute(
                        "SELECT position, entry_hash FROM bench_probe_ballot WHERE process_id = 1 "
                        "ORDER BY position DESC LIMIT 1"
                    ).fetchone()
                    position, previous = (head[0] + 1, head[1]) if head else (1, "0" * 64)
                    conn.execute(
                        "INSERT INTO bench_probe_ballot (process_id, position, receipt, entry_hash) "
                        "VALUES (1, %s, %s, %s)",
                        [
                            position,
                            uuid.uuid4().hex[:19],
                            hashlib.sha256(f"{previous}{position}".encode()).hexdigest(),
                        ],
                    )
                n += 1
        done.append(n)

    started = time.monotonic()
    threads = [threading.Thread(target=work) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f"DROP TABLE {tables}")
    return sum(done) / elapsed


@dataclass
class Endpoint:
    name: str
    path: str
    kind: str = "page"
    target: str = ""
    p95_limit: float | None = None
    cookie: str = "medborger_language=da"


@dataclass
class Result:
    endpoint: Endpoint
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float
    errors: str = ""

    def passed(self, rate: float) -> bool | None:
        if self.endpoint.kind == "vote":
            return self.failures == 0 and self.rps >= rate * 0.98
        if self.endpoint.p95_limit is None:
            return None
        return self.failures == 0 and self.p95 < self.endpoint.p95_limit


def run_locust(
    endpoint: Endpoint,
    *,
    base: str,
    seconds: int,
    users: int,
    out: Path,
    extra_env: dict[str, str],
) -> Result:
    prefix = out / endpoint.name.replace(" ", "_").replace(",", "")
    env = {
        **os.environ,
        "BENCH_KIND": endpoint.kind,
        "BENCH_NAME": endpoint.name,
        "BENCH_PATH": endpoint.path,
        "BENCH_HOST": HOST,
        "BENCH_COOKIE": endpoint.cookie,
        **extra_env,
    }
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "ERROR",
    ]
    completed = subprocess.run(  # noqa: S603 - our own locust with fixed arguments
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        sys.exit(f"locust failed for {endpoint.name}:\n{completed.stdout}\n{completed.stderr}")
    with stats_file.open(encoding="utf-8") as handle:
        row = next((r for r in csv.DictReader(handle) if r["Name"] == endpoint.name), None)
    if row is None:  # not one answer within the run
        return Result(endpoint, 0, 0, float("nan"), float("nan"), float("nan"), 0.0, "no answer")
    errors = ""
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open(encoding="utf-8") as handle:
            errors = "; ".join(
                f"{r['Occurrences']}× {r['Error'][:160]}" for r in csv.DictReader(handle)
            )
    return Result(
        endpoint=endpoint,
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        p50=float(row["50%"]),
        p95=float(row["95%"]),
        p99=float(row["99%"]),
        rps=float(row["Requests/s"]),
        errors=errors,
    )


def print_table(results: list[Result], floor: Result | None, rate: float) -> bool:
    header = (
        f"{'endpoint':<38} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>7} {'requests':>9} "
        f"{'errors':>6} {'p95/floor':>9}  {'target':<24} verdict"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for r in results:
        verdict = r.passed(rate)
        ok = ok and verdict is not False
        ratio = f"{r.p95 / floor.p95:8.1f}×" if floor and floor.p95 else "        -"
        shown = "PASS" if verdict else "FAIL" if verdict is False else "(floor)"
        print(
            f"{r.endpoint.name:<38} {r.p50:6.0f} {r.p95:6.0f} {r.p99:6.0f} {r.rps:7.1f} "
            f"{r.requests:9,} {r.failures:6,} {ratio}  {r.endpoint.target:<24} {shown}"
        )
    for r in results:
        if r.errors:
            print(f"  errors in {r.endpoint.name}: {r.errors}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="reuse a seeded database")
    parser.add_argument("--seconds", type=int, default=30, help="seconds per endpoint (30)")
    parser.add_argument("--users", type=int, default=4, help="simultaneous page visitors (4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1)")
    parser.add_argument("--vote-rate", type=float, default=200.0, help="ballots per second")
    parser.add_argument("--vote-users", type=int, default=50, help="locust users for ballots")
    parser.add_argument(
        "--only", default="", help="comma-separated endpoint names to run (floor always runs)"
    )
    args = parser.parse_args()

    url = bench_database_url("medborger_bench_http")
    created = create_database(url, fresh=not args.reuse)
    django_setup(url)
    from django.db import connections

    if created or not is_seeded():
        from bench import proposals as proposal_bench

        print(
            f"Seeding {proposal_bench.N_PROPOSALS:,} proposals, {proposal_bench.N_SUPPORTS:,} "
            f"supports, {N_COMMENTS:,} comments, {N_BALLOTS:,} ballots and {N_FRESH:,} voters …"
        )
        seed()
    else:
        print(f"Reusing the seeded database {url.rsplit('/', 1)[-1]}.")
    commented, process = targets()
    projects = [
        str(pk) for pk in process.projects.filter(cost__lte=600_000).values_list("pk", flat=True)
    ]
    _process, sessions = reset_votes()
    # The last session stays unused by the ballot run: the signed-in ballot page uses it.
    viewer = sessions.pop()
    connections.close_all()

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = ROOT / "var" / "bench" / f"http-{stamp}"
    out.mkdir(parents=True, exist_ok=True)
    sessions_file = out / "sessions.txt"
    sessions_file.write_text("\n".join(sessions) + "\n", encoding="utf-8")
    receipts_file = out / "receipts.txt"

    pages = f"p95 < {PAGE_P95_MS:.0f} ms"
    endpoints = [
        Endpoint("floor (minimal Django view)", "/bench/floor/"),
        Endpoint("front page", "/", target=pages, p95_limit=PAGE_P95_MS),
        Endpoint("proposal list", "/forslag/", target=pages, p95_limit=PAGE_P95_MS),
        Endpoint(
            "proposal with 2,000 comments",
            f"/forslag/{commented}/",
            target=f"p95 < {COMMENTS_P95_MS:.0f} ms",
            p95_limit=COMMENTS_P95_MS,
        ),
        Endpoint(
            "ballot page", f"/borgerbudget/{process.pk}/", target=pages, p95_limit=PAGE_P95_MS
        ),
        Endpoint(
            "ballot page, signed-in voter",
            f"/borgerbudget/{process.pk}/",
            target=pages,
            p95_limit=PAGE_P95_MS,
            cookie=f"sessionid={viewer}; medborger_language=da",
        ),
        Endpoint(
            "ballot submission",
            f"/borgerbudget/{process.pk}/stem/",
            kind="vote",
            target=f">= {args.vote_rate:.0f}/s, no errors",
        ),
    ]
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        endpoints = [e for e in endpoints if e.name in wanted or e.name.startswith("floor")]
    server = Gunicorn(url, workers=args.workers, threads=args.threads, log=out / "gunicorn.log")
    results: list[Result] = []
    load_before = os.getloadavg()
    try:
        server.start(ready_host=HOST)
        kind = f"{args.threads} threads" if args.threads > 1 else "sync"
        print(
            f"\ngunicorn: {args.workers} workers ({kind}), --preload; locust: {args.users} "
            f"visitors per page, ballots at {args.vote_rate:.0f}/s from {args.vote_users} users; "
            f"{args.seconds} s per endpoint. Load average before: "
            f"{load_before[0]:.1f} (this machine has {os.cpu_count()} cores).\n"
        )
        for endpoint in endpoints:
            vote = endpoint.kind == "vote"
            result = run_locust(
                endpoint,
                base=server.base,
                seconds=args.seconds,
                users=args.vote_users if vote else args.users,
                out=out,
                extra_env={
                    "BENCH_RECEIPTS": str(receipts_file),
                    "BENCH_SESSIONS": str(sessions_file),
                    "BENCH_CSRF": CSRF,
                    "BENCH_PROJECTS": ",".join(projects),
                    "BENCH_PACING": f"{args.vote_users / args.vote_rate:.4f}",
                }
                if vote
                else {},
            )
            results.append(result)
            print(
                f"  {endpoint.name}: p95 {result.p95:.0f} ms, {result.rps:.1f}/s, "
                f"{result.failures} errors"
            )
    finally:
        server.stop()
    load_after = os.getloadavg()

    floor = results[0] if results and results[0].endpoint.name.startswith("floor") else None
    print(
        f"\nTimes in ms (locust rounds above 100 ms to 10 ms). Load average after: "
        f"{load_after[0]:.1f}.\n"
    )
    ok = print_table(results, floor, args.vote_rate)

    vote_result = next((r for r in results if r.endpoint.kind == "vote"), None)
    if vote_result is not None:
        ceiling = append_ceiling(url)
        print(
            f"\nThe database alone: {ceiling:.0f} ballots/s through the locked append (lock, "
            "register, head, append, commit with WAL flush; 2 connections, no Django) — the "
            "ceiling of ballot submission on this machine's disk."
        )
        django_setup(url)
        from medborger.budgeting.models import Ballot
        from medborger.budgeting.services import ballots_verify

        process.refresh_from_db()
        stored = set(
            Ballot.objects.filter(process=process, position__gt=N_BALLOTS).values_list(
                "receipt_code", flat=True
            )
        )
        answered = (
            receipts_file.read_text(encoding="utf-8").split() if receipts_file.exists() else []
        )
        missing = [r for r in answered if r not in stored]
        verification = ballots_verify(process=process)
        print(
            f"\nBallot log after the run: {len(stored):,} new ballots; {len(answered):,} receipts "
            f"answered, {len(missing)} of them missing, {len(answered) - len(set(answered))} "
            f"twice; {len(stored) - len(set(answered)):,} cast while locust stopped (no answer "
            f"read). The chain of {verification.verdict.checked:,} entries "
            f"{'verifies' if verification.verdict.ok else 'DOES NOT VERIFY'}."
        )
        if missing or len(answered) != len(set(answered)) or not verification.verdict.ok:
            ok = False
    print(f"\nFiles: {out.relative_to(ROOT)}/ (locust CSV, gunicorn.log)")
    print("PASS" if ok else "FAIL: a target is missed (see the table)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
