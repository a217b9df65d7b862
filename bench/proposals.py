"""Citizen proposal pages under load: 10,000 proposals and 500,000 supports on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/medborger_bench .venv/bin/python bench/proposals.py

The database name must end in "_bench": the script creates it if missing, migrates it, seeds it
once (a rerun reuses the data; --reseed rebuilds it) and then times the proposal list and detail
pages through Django's test client against a minimal API view as the baseline. See README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# bench/http.py would shadow the standard library's http package: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

N_PROPOSALS = 10_000
N_SUPPORTS = 500_000
HOST = "bench.medborger.test"
SLUG = "benchby"
TARGET_P95_MS = 150.0


def _check_database_url() -> str:
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit(
            "bench/proposals.py needs PostgreSQL: set DATABASE_URL, for example\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/medborger_bench"
        )
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(
            "bench/proposals.py refuses to run on SQLite or any database but PostgreSQL: "
            "the figures are meant for production's database. Set DATABASE_URL to postgres://…"
        )
    name = str(config["NAME"] or "")
    if not name.endswith("_bench"):
        sys.exit(
            f"bench/proposals.py refuses to touch the database {name!r}: it deletes and "
            'rewrites data, so the database name must end in "_bench".'
        )
    return url


# --- text from word lists ----------------------------------------------------------------------

SUBJECTS = [
    ("Ny cykelsti", "cykelsti", ["trafik-og-veje", "klima"], [3, 11, 13]),
    ("Sikker cykelsti", "cykelsti", ["trafik-og-veje", "boern-og-unge"], [3, 11]),
    ("Flere bænke", "bænke", ["byudvikling", "aeldre"], [3, 11]),
    ("Ny legeplads", "legeplads", ["boern-og-unge"], [3, 4]),
    ("Bedre gadelys", "gadelys", ["trafik-og-veje"], [7, 11]),
    ("Hundeskov", "hundeskov", ["kultur-og-fritid"], [11, 15]),
    ("Shelterplads", "shelter", ["natur-og-miljoe", "kultur-og-fritid"], [3, 15]),
    ("Længere åbent på biblioteket", "bibliotek", ["kultur-og-fritid"], [4, 10]),
    ("Havnebad", "havnebad", ["kultur-og-fritid", "sundhed"], [3, 14]),
    ("Fælleshave", "fælleshave", ["natur-og-miljoe", "byudvikling"], [2, 11, 12]),
    ("Grønt Hold", "affald", ["natur-og-miljoe", "klima"], [12, 14, 15]),
    ("Bus hver time", "bus", ["trafik-og-veje", "klima"], [10, 11, 13]),
    ("Tryg skolevej", "skolevej", ["trafik-og-veje", "boern-og-unge"], [3, 11]),
    ("Multibane", "multibane", ["boern-og-unge", "kultur-og-fritid"], [3, 5]),
    ("Fællesspisning for ældre", "fællesspisning", ["aeldre"], [3, 10]),
    ("Plant flere træer", "træer", ["natur-og-miljoe", "klima"], [13, 15]),
    ("Hjertestarter", "hjertestarter", ["sundhed"], [3]),
    ("Skaterbane", "skaterbane", ["boern-og-unge", "kultur-og-fritid"], [3, 11]),
    ("Solceller på taget", "solceller", ["klima"], [7, 13]),
    ("Lavere fart", "fart", ["trafik-og-veje"], [3, 11]),
    ("Offentligt toilet", "toilet", ["sundhed", "byudvikling"], [3, 6]),
    ("Vilde blomster", "blomster", ["natur-og-miljoe"], [15]),
    ("Lektiecafé", "lektiecafé", ["boern-og-unge"], [4, 10]),
    ("Regnbede", "regnvand", ["klima", "natur-og-miljoe"], [6, 13]),
    ("Kulturhus", "kulturhus", ["kultur-og-fritid"], [4, 11]),
    ("Overdækket cykelparkering", "cykelparkering", ["trafik-og-veje", "klima"], [9, 11]),
    ("Udendørs træning for ældre", "træning", ["aeldre", "sundhed"], [3]),
    ("Rens søen", "søen", ["natur-og-miljoe"], [6, 14, 15]),
]
PLACES = [
    "ved Skovvej",
    "langs åen",
    "ved stationen",
    "i Vestparken",
    "på Torvet",
    "ved skolen",
    "ved havnen",
    "i Nordbyen",
    "ved stranden",
    "i Østerby",
    "ved hallen",
    "langs Kystvejen",
    "ved kirken",
    "i Engkvarteret",
    "ved plejecentret",
    "ved søen",
    "i Møllebakken",
    "på Bygaden",
]
OPENERS = [
    "Mange af os bruger {place} hver dag.",
    "Vi er en gruppe naboer, der har talt om {thing} i lang tid.",
    "Børn, ældre og børnefamilier færdes {place}.",
    "Der mangler {thing} {place}, og det mærker vi alle.",
]
MIDDLES = [
    "Vi foreslår, at kommunen laver {thing} {place} inden for et år.",
    "Det koster ikke meget, og vi vil gerne selv give en hånd.",
    "Foreningen har lovet at hjælpe med at passe det bagefter.",
    "Andre kommuner har gjort det samme med stor succes.",
    "Det vil gøre området tryggere og mere levende.",
    "Vi har talt med naboerne, og de bakker op.",
    "Det er godt for både klimaet og sundheden.",
]
CLOSERS = [
    "Støt forslaget, hvis du er enig.",
    "Sammen kan vi gøre vores by bedre.",
    "Tak fordi du læste med.",
]
TOPICS = [
    ("trafik-og-veje", "Trafik og veje"),
    ("natur-og-miljoe", "Natur og miljø"),
    ("boern-og-unge", "Børn og unge"),
    ("kultur-og-fritid", "Kultur og fritid"),
    ("aeldre", "Ældre"),
    ("sundhed", "Sundhed"),
    ("byudvikling", "Byudvikling"),
    ("klima", "Klima"),
]
# state, share of proposals; supported states get support rows.
STATE_MIX = [
    ("collecting", 0.50),
    ("referred", 0.12),
    ("answered", 0.16),
    ("implemented", 0.04),
    ("closed", 0.04),
    ("expired", 0.07),
    ("withdrawn", 0.02),
    ("rejected_in_review", 0.02),
    ("in_review", 0.015),
    ("awaiting_coproposers", 0.01),
    ("draft", 0.005),
]
REACHED = {"referred", "answered", "implemented", "closed"}
SUPPORTED = REACHED | {"collecting", "expired", "withdrawn"}


# --- seeding -----------------------------------------------------------------------------------


def _wipe() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE proposals_support, proposals_proposalevent, proposals_coproposer, "
            "proposals_question, proposals_proposal_topics, proposals_proposal_sdgs, "
            "proposals_proposal, proposals_topic, proposals_proposalrules CASCADE"
        )
    from medborger.accounts.models import User
    from medborger.places.models import Municipality

    Municipality.objects.filter(slug=SLUG).delete()
    User.objects.filter(email__endswith="@bench.test").delete()


def _is_seeded() -> bool:
    from medborger.proposals.models import Proposal, Support

    return (
        Proposal.objects.filter(municipality__slug=SLUG).count() == N_PROPOSALS
        and Support.objects.filter(proposal__municipality__slug=SLUG).count() == N_SUPPORTS
    )


def _seed() -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from medborger.accounts.models import User
    from medborger.places.models import Area, AreaKind, Committee, Municipality
    from medborger.proposals.models import Proposal, ProposalRules, Sdg, Topic

    rng = random.Random(2026)
    now = timezone.now()
    started = time.perf_counter()
    _wipe()
    with transaction.atomic():
        municipality = Municipality.objects.create(
            slug=SLUG,
            name="Benchby Kommune",
            country="DK",
            hosts=HOST,
            default_language="da",
            languages=["da", "sv", "en"],
        )
        top = Area.objects.create(
            municipality=municipality,
            slug="benchby-kommune",
            name="Hele Benchby Kommune",
            kind=AreaKind.MUNICIPALITY,
            population_total=160_000,
            population_10_plus=142_000,
            population_15_plus=134_000,
            population_18_plus=128_000,
        )
        areas = [top]
        for t in range(6):
            town = Area.objects.create(
                municipality=municipality,
                parent=top,
                slug=f"by-{t}",
                name=f"{['Vester', 'Øster', 'Nørre', 'Sønder', 'Lille', 'Store'][t]}by",
                kind=AreaKind.TOWN,
                population_total=24_000,
                population_15_plus=20_000,
                population_10_plus=21_000,
                population_18_plus=19_000,
            )
            areas.append(town)
            for d in range(3):
                areas.append(
                    Area.objects.create(
                        municipality=municipality,
                        parent=town,
                        slug=f"by-{t}-{d}",
                        name=f"{town.name} {['Nord', 'Syd', 'Midt'][d]}",
                        kind=AreaKind.DISTRICT,
                        population_total=7_000,
                        population_15_plus=6_000,
                        population_10_plus=6_300,
                        population_18_plus=5_700,
                    )
                )
        council = Committee.objects.create(
            municipality=municipality, slug="byraadet", name="Byrådet", is_council=True
        )
        ProposalRules.objects.create(
            municipality=municipality,
            threshold_kind=ProposalRules.ThresholdKind.SHARE,
            threshold_absolute=None,
            threshold_share_percent=1,
            default_committee=council,
        )
        topics = {
            slug: Topic.objects.create(municipality=municipality, slug=slug, name=name)
            for slug, name in TOPICS
        }
        sdgs = {s.number: s for s in Sdg.objects.all()}
        authors = User.objects.bulk_create(
            [
                User(email=f"borger{i}@bench.test", name=f"Borger {i}", password="!")  # noqa: S106 - unusable
                for i in range(500)
            ]
        )
        officer = User.objects.create(email="sagsbehandler@bench.test", name="Sagsbehandler")

        # Threshold: 1 % of residents aged 15+ in the proposal's area.
        states = rng.choices(
            [s for s, _w in STATE_MIX], weights=[w for _s, w in STATE_MIX], k=N_PROPOSALS
        )
        proposals: list[Proposal] = []
        plans: list[tuple[str, list[str], list[int], int]] = []
        for i, state in enumerate(states):
            subject, thing, topic_slugs, sdg_numbers = SUBJECTS[i % len(SUBJECTS)]
            place = rng.choice(PLACES)
            area = rng.choices(areas, weights=[1] + [4] * 6 + [8] * 18)[0]
            threshold = max(1, area.population_15_plus // 100)
            words = {"thing": thing, "place": place}
            body = "\n\n".join(
                [
                    rng.choice(OPENERS).format(**words),
                    " ".join(rng.sample(MIDDLES, 3)).format(**words),
                    rng.choice(CLOSERS),
                ]
            )
            published = now - timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 1440))
            p = Proposal(
                municipality=municipality,
                area=area,
                author=authors[i % len(authors)],
                title=f"{subject} {place} ({area.name})"[:120],
                summary=f"{subject} {place}. {rng.choice(MIDDLES).format(**words)}",
                body=body,
                state=state,
                coproposer_token=uuid.UUID(int=rng.getrandbits(128)),
                threshold=threshold if state in SUPPORTED else None,
            )
            if state in SUPPORTED or state == "rejected_in_review":
                p.published_at = published if state != "rejected_in_review" else None
                p.submitted_at = published - timedelta(days=12)
                p.contact_person = officer
            if state == "collecting":
                p.published_at = now - timedelta(
                    days=rng.randint(0, 179), minutes=rng.randint(0, 1440)
                )
            if p.published_at:
                p.collection_ends = p.published_at + timedelta(days=180)
            if state in REACHED:
                reached = p.published_at + timedelta(days=rng.randint(10, 170))  # type: ignore[operator]
                p.threshold_reached_at = p.referred_at = reached
                p.committee = council
                p.answer_due = reached + timedelta(days=182)
            if state in {"answered", "implemented", "closed"}:
                p.decision = rng.choice(["adopted", "partly_adopted", "rejected", "other"])
                p.answer_text = "Byrådet har behandlet forslaget. " + rng.choice(MIDDLES).format(
                    **words
                )
                p.answered_at = p.answer_due - timedelta(days=rng.randint(5, 60))  # type: ignore[operator]
            if state == "rejected_in_review":
                p.rejection_reason = "Forslaget handler om en enkelt persons sag."
                p.rejection_rule = "Regel 3"
            proposals.append(p)
            plans.append((state, topic_slugs, sdg_numbers, threshold))

        # Support counts: reached proposals have their threshold; the rest share what is left,
        # skewed (many with a handful, a few close to the threshold), below their threshold.
        counts = [t if s in REACHED else 0 for s, _t, _n, t in plans]
        open_ix = [i for i, (s, *_r) in enumerate(plans) if s in SUPPORTED and s not in REACHED]
        left = N_SUPPORTS - sum(counts)
        if left < 0:
            sys.exit("The state mix gives more supports than the target; lower REACHED shares.")
        weights = {i: rng.betavariate(0.6, 2.5) for i in open_ix}
        scale = left / sum(weights[i] * plans[i][3] for i in open_ix)
        for i in open_ix:
            counts[i] = min(plans[i][3] - 1, int(weights[i] * plans[i][3] * scale))
        shortfall = N_SUPPORTS - sum(counts)
        while shortfall > 0:
            i = rng.choice(open_ix)
            room = min(plans[i][3] - 1 - counts[i], shortfall)
            if room > 0:
                counts[i] += room
                shortfall -= room
        for p, n in zip(proposals, counts, strict=True):
            p.support_count = n
        Proposal.objects.bulk_create(proposals, batch_size=1000)
        Proposal.objects.filter(municipality=municipality).update(created_at=now)
        Proposal.topics.through.objects.bulk_create(
            [
                Proposal.topics.through(proposal_id=p.pk, topic_id=topics[slug].pk)
                for p, (_s, slugs, _n, _t) in zip(proposals, plans, strict=True)
                for slug in slugs
            ],
            batch_size=5000,
        )
        Proposal.sdgs.through.objects.bulk_create(
            [
                Proposal.sdgs.through(proposal_id=p.pk, sdg_id=sdgs[n].pk)
                for p, (_s, _slugs, numbers, _t) in zip(proposals, plans, strict=True)
                for n in numbers
            ],
            batch_size=5000,
        )
        print(f"  {len(proposals):,} proposals in {time.perf_counter() - started:.1f} s")

        raw = connection.connection  # psycopg 3
        with raw.cursor() as cursor:
            with cursor.copy(
                "COPY proposals_support (proposal_id, person_key, source, show_name, "
                "public_name, created_at, sheet_reference) FROM STDIN"
            ) as copy:
                for p, n in zip(proposals, counts, strict=True):
                    if not n:
                        continue
                    start = p.published_at or now
                    end = min(now, p.threshold_reached_at or p.collection_ends or now)
                    span = max(int((end - start).total_seconds()), 60)
                    for k in range(n):
                        key = hashlib.sha256(f"bench:{p.pk}:{k}".encode()).hexdigest()
                        paper = k % 9 == 8
                        show = not paper and k % 3 == 0
                        copy.write_row(
                            (
                                p.pk,
                                key,
                                "paper" if paper else "online",
                                show,
                                f"Borger {k}" if show else "",
                                start + timedelta(seconds=rng.randrange(span)),
                                "Ark 1" if paper else "",
                            )
                        )
            print(f"  {N_SUPPORTS:,} supports copied in {time.perf_counter() - started:.1f} s")
            with cursor.copy(
                "COPY proposals_proposalevent (proposal_id, kind, state_after, actor_role, "
                "note, public, at) FROM STDIN"
            ) as copy:
                for p in proposals:
                    at = p.submitted_at or now
                    for kind, state, role, when in (
                        ("submit", "awaiting_coproposers", "author", p.submitted_at),
                        ("coproposers_complete", "in_review", "system", p.submitted_at),
                        ("approve", "collecting", "moderator", p.published_at),
                        ("threshold_reached", "threshold_reached", "system", p.referred_at),
                        ("refer", "referred", "system", p.referred_at),
                        ("answer", "answered", "committee_secretary", p.answered_at),
                    ):
                        if when is not None:
                            copy.write_row((p.pk, kind, state, role, "", True, when or at))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Seeded in {time.perf_counter() - started:.1f} s")


# --- measuring ----------------------------------------------------------------------------------


def _time(fn: Callable[[], Any], n: int) -> list[float]:
    for _ in range(min(10, n)):
        fn()
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def _row(name: str, samples: list[float], baseline_p95: float | None) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    ratio = f"{p95 / baseline_p95:6.1f}×" if baseline_p95 else "   1.0×"
    verdict = "ok" if p95 < TARGET_P95_MS else "OVER"
    return (
        f"{name:<46} {p50:8.1f} {p95:8.1f} {statistics.fmean(ordered):8.1f} "
        f"{ordered[-1]:8.1f}  {ratio}  {verdict}"
    )


def _measure(n: int) -> None:
    from django.db import connection
    from django.template import TemplateDoesNotExist
    from django.test import Client

    from medborger.places.models import Municipality
    from medborger.proposals import selectors
    from medborger.proposals.models import Proposal

    municipality = Municipality.objects.get(slug=SLUG)
    area = "by-2"
    busiest = (
        Proposal.objects.filter(municipality=municipality, state="referred")
        .order_by("-support_count")
        .first()
    )
    assert busiest is not None
    client = Client(HTTP_HOST=HOST)
    client.cookies["medborger_language"] = "da"

    pages = [
        ("list /forslag/", "/forslag/"),
        ("list filtered (status=answered, area)", f"/forslag/?status=answered&area={area}"),
        ("list searched (q=cykelsti)", "/forslag/?q=cykelsti&status=all"),
        ("list sorted most_supported", "/forslag/?sort=most_supported"),
        ("list sorted closing_soon", "/forslag/?sort=closing_soon"),
        (
            f"detail /forslag/{busiest.pk}/ ({busiest.support_count:,} supports)",
            f"/forslag/{busiest.pk}/",
        ),
    ]

    def get(url: str) -> Callable[[], Any]:
        def run() -> Any:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
            return response

        return run

    use_views = True
    try:
        get("/forslag/")()
        get(f"/forslag/{busiest.pk}/")()
    except TemplateDoesNotExist as error:
        use_views = False
        print(f"NOTE: the proposal templates are missing ({error}); timing the selectors instead.")

    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()

    def selector(**filters: Any) -> Callable[[], Any]:
        def run() -> Any:
            qs = selectors.proposal_list(
                user=anonymous,
                municipality=municipality,
                filters=selectors.ListFilters(**filters),
                language="da",
            )
            return qs.count(), list(qs[:20])

        return run

    def detail() -> Any:
        p = selectors.proposal_detail(user=anonymous, municipality=municipality, pk=busiest.pk)
        return p, selectors.named_supporters(p)  # type: ignore[arg-type]

    selector_runs = [
        selector(),
        selector(status="answered", area=area),
        selector(q="cykelsti", status="all"),
        selector(sort="most_supported"),
        selector(sort="closing_soon"),
        detail,
    ]
    print(f"\n{n} requests each after 10 warm-up requests; times in ms; target p95 < 150 ms.\n")
    header = f"{'':<46} {'p50':>8} {'p95':>8} {'mean':>8} {'max':>8}  {'p95/base':>7}"
    print(header)
    print("-" * len(header))
    baseline = _time(get("/api/v1/municipality"), n)
    base_p95 = sorted(baseline)[int(len(baseline) * 0.95)]
    print(_row("baseline GET /api/v1/municipality", baseline, None))
    for (name, url), fallback in zip(pages, selector_runs, strict=True):
        if use_views:
            print(_row(name, _time(get(url), n), base_p95))
        print(_row(f"  selector only: {name.split(' (')[0]}", _time(fallback, n), base_p95))

    qs = selectors.proposal_list(
        user=anonymous,
        municipality=municipality,
        filters=selectors.ListFilters(q="cykelsti", status="all"),
        language="da",
    )
    plan = qs[:20].explain(analyze=True)
    print("\nEXPLAIN ANALYZE of the search (q=cykelsti, first page):\n")
    print(plan)
    used = "proposals_search_danish" in plan
    print(f"\nGIN index proposals_search_danish used: {'yes' if used else 'NO'}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM proposals_proposal WHERE to_tsvector('danish'::regconfig, "
            "coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(body, '')) "
            "@@ websearch_to_tsquery('danish'::regconfig, 'cykelsti')"
        )
        print(f"Proposals matching 'cykelsti': {cursor.fetchone()[0]:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reseed", action="store_true", help="rebuild the bench data")
    parser.add_argument("-n", type=int, default=200, help="requests per page (default 200)")
    args = parser.parse_args()

    url = _check_database_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    from bench.server import create_database

    if create_database(url, fresh=False):
        print("Created the database.")

    import warnings

    import django

    # WhiteNoise warns that collectstatic has not run; the bench does not serve static files.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or not str(name).endswith("_bench"):
        sys.exit(f"Refusing to run against {connection.vendor} database {name!r}.")
    if settings.DEBUG:
        sys.exit("Run with DEBUG off (bench.settings): DEBUG keeps every query in memory.")
    call_command("migrate", verbosity=0)
    if args.reseed or not _is_seeded():
        print(f"Seeding {N_PROPOSALS:,} proposals and {N_SUPPORTS:,} supports into {name} …")
        _seed()
    else:
        print(f"Reusing the seeded data in {name} (--reseed rebuilds it).")
    _measure(args.n)


if __name__ == "__main__":
    main()
