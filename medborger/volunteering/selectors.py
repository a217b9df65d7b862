"""Read-side queries for volunteer teams. Every query is limited to one municipality, and a page
costs the same number of queries however many teams, sessions, hours or contributions it shows:
totals are aggregate queries and subqueries, never sums in Python over rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from medborger.domain.lifecycle import volunteering as domain
from medborger.volunteering.models import (
    MONEY_KINDS,
    CertificateCheck,
    Contribution,
    HoursEntry,
    HoursStatus,
    Membership,
    MembershipRole,
    Programme,
    Session,
    SignUp,
    Team,
)


@dataclass
class Totals:
    volunteers: int
    minutes: int
    money: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def _sum_subquery(queryset: QuerySet[Any], field: str, group: str) -> Any:
    return Coalesce(
        Subquery(
            queryset.order_by().values(group).annotate(total=Sum(field)).values("total")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _count_subquery(queryset: QuerySet[Any], group: str) -> Any:
    return Coalesce(
        Subquery(
            queryset.order_by().values(group).annotate(total=Count("pk")).values("total")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _contacts() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(role=MembershipRole.CONTACT).select_related("user"),
        to_attr="contacts",
    )


def programmes_for(*, municipality: Any) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(municipality=municipality)
        .annotate(team_count=Count("teams"))
        .order_by("name", "pk")
    )


def programme_detail(*, municipality: Any, pk: int) -> Programme | None:
    return Programme.objects.filter(municipality=municipality, pk=pk).first()


def teams_with_totals(*, programme: Programme) -> list[Team]:
    """Every team of the programme with its volunteers, approved minutes and money: one query
    for the teams and one for their contact persons, however many teams and rows."""
    approved = HoursEntry.objects.filter(team=OuterRef("pk"), status=HoursStatus.APPROVED)
    money = Contribution.objects.filter(team=OuterRef("pk"), kind__in=MONEY_KINDS)
    members = Membership.objects.filter(team=OuterRef("pk"))
    return list(
        Team.objects.filter(programme=programme, municipality=programme.municipality_id)
        .select_related("area")
        .prefetch_related(_contacts())
        .annotate(
            volunteer_count=_count_subquery(members, "team"),
            approved_minutes=_sum_subquery(approved, "minutes", "team"),
            money_total=_sum_subquery(money, "amount", "team"),
        )
        .order_by("area__name", "name", "pk")
    )


def programme_totals(*, programme: Programme) -> Totals:
    """Three aggregate queries, whatever the size of the programme."""
    volunteers = (
        Membership.objects.filter(team__programme=programme).values("user").distinct().count()
    )
    minutes = HoursEntry.objects.filter(
        team__programme=programme, status=HoursStatus.APPROVED
    ).aggregate(total=Coalesce(Sum("minutes"), 0))["total"]
    money = Contribution.objects.filter(team__programme=programme, kind__in=MONEY_KINDS).aggregate(
        total=Coalesce(Sum("amount"), 0)
    )["total"]
    return Totals(volunteers=volunteers, minutes=int(minutes), money=int(money))


def hours_by_year(
    *, programme: Programme | None = None, team: Team | None = None
) -> list[dict[str, Any]]:
    """Approved hours and the number of volunteers per year, one query."""
    entries = HoursEntry.objects.filter(status=HoursStatus.APPROVED)
    if programme is not None:
        entries = entries.filter(team__programme=programme)
    if team is not None:
        entries = entries.filter(team=team)
    rows = (
        entries.order_by()
        .values("worked_on__year")
        .annotate(minutes=Sum("minutes"), volunteers=Count("volunteer", distinct=True))
        .order_by("-worked_on__year")
    )
    return [
        {
            "year": row["worked_on__year"],
            "hours": round(row["minutes"] / 60, 1),
            "volunteers": row["volunteers"],
        }
        for row in rows
    ]


def team_detail(*, municipality: Any, pk: int) -> Team | None:
    return (
        Team.objects.filter(municipality=municipality, pk=pk)
        .select_related("programme", "area", "municipality")
        .prefetch_related(_contacts())
        .first()
    )


def team_totals(*, team: Team) -> Totals:
    minutes = HoursEntry.objects.filter(team=team, status=HoursStatus.APPROVED).aggregate(
        total=Coalesce(Sum("minutes"), 0)
    )["total"]
    money = Contribution.objects.filter(team=team, kind__in=MONEY_KINDS).aggregate(
        total=Coalesce(Sum("amount"), 0)
    )["total"]
    return Totals(
        volunteers=Membership.objects.filter(team=team).count(),
        minutes=int(minutes),
        money=int(money),
    )


def _sessions() -> QuerySet[Session]:
    return Session.objects.select_related("series__team__programme", "series__team__area")


def upcoming_sessions(*, team: Team, user: Any, now: datetime, limit: int = 12) -> list[Session]:
    """The next sessions, each with `mine` (the user is signed up)."""
    sessions = _sessions().filter(
        series__team=team, municipality=team.municipality_id, ends_at__gt=now
    )
    if getattr(user, "is_authenticated", False):
        sessions = sessions.annotate(
            mine=Exists(SignUp.objects.filter(session=OuterRef("pk"), user=user))
        )
    else:
        sessions = sessions.annotate(mine=Value(False))
    return list(sessions.order_by("starts_at", "pk")[:limit])


def past_sessions(*, team: Team, now: datetime, limit: int = 20) -> list[Session]:
    return list(
        _sessions()
        .filter(series__team=team, starts_at__lte=now, cancelled=False)
        .order_by("-starts_at", "-pk")[:limit]
    )


def session_detail(*, municipality: Any, pk: int) -> Session | None:
    return _sessions().filter(municipality=municipality, pk=pk).first()


def is_signed_up(*, session: Session, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return SignUp.objects.filter(session=session, user=user).exists()


def signups_of_session(*, session: Session) -> list[SignUp]:
    return list(
        SignUp.objects.filter(session=session).select_related("user").order_by("signed_up_at", "pk")
    )


def my_signups(*, user: Any, municipality: Any, now: datetime) -> list[SignUp]:
    return list(
        SignUp.objects.filter(
            user=user, session__municipality=municipality, session__ends_at__gt=now
        )
        .select_related("session__series__team__area")
        .order_by("session__starts_at", "pk")
    )


def my_hours(*, user: Any, municipality: Any) -> list[HoursEntry]:
    return list(
        HoursEntry.objects.filter(volunteer=user, municipality=municipality)
        .select_related("session__series", "team")
        .order_by("-worked_on", "-pk")
    )


def my_hours_by_year(*, user: Any, municipality: Any) -> list[dict[str, Any]]:
    rows = (
        HoursEntry.objects.filter(
            volunteer=user, municipality=municipality, status=HoursStatus.APPROVED
        )
        .order_by()
        .values("worked_on__year")
        .annotate(minutes=Sum("minutes"))
        .order_by("-worked_on__year")
    )
    return [{"year": r["worked_on__year"], "hours": round(r["minutes"] / 60, 1)} for r in rows]


def pending_hours(*, team: Team) -> list[HoursEntry]:
    return list(
        HoursEntry.objects.filter(team=team, status=HoursStatus.PENDING)
        .select_related("volunteer", "session__series")
        .order_by("worked_on", "pk")
    )


def recent_hours(*, team: Team, limit: int = 30) -> list[HoursEntry]:
    return list(
        HoursEntry.objects.filter(team=team)
        .exclude(status=HoursStatus.PENDING)
        .select_related("volunteer", "session__series", "decided_by")
        .order_by("-worked_on", "-pk")[:limit]
    )


def volunteer_totals(*, team: Team) -> list[dict[str, Any]]:
    """Approved hours per volunteer and year in the team, one query."""
    rows = (
        HoursEntry.objects.filter(team=team, status=HoursStatus.APPROVED, volunteer__isnull=False)
        .order_by()
        .values("volunteer_id", "volunteer__name", "worked_on__year")
        .annotate(minutes=Sum("minutes"), sessions=Count("pk"))
        .order_by("-worked_on__year", "volunteer__name")
    )
    return [
        {
            "name": r["volunteer__name"],
            "year": r["worked_on__year"],
            "hours": round(r["minutes"] / 60, 1),
            "sessions": r["sessions"],
        }
        for r in rows
    ]


def team_members(*, team: Team) -> list[Membership]:
    return list(
        Membership.objects.filter(team=team).select_related("user").order_by("user__name", "pk")
    )


def contributions_of(*, team: Team) -> list[Contribution]:
    return list(
        Contribution.objects.filter(team=team, municipality=team.municipality_id)
        .select_related("entered_by")
        .order_by("-given_on", "-pk")
    )


def contribution_totals(*, team: Team) -> dict[str, Any]:
    """Money per kind in kr, and equipment per description and unit; two queries."""
    money = (
        Contribution.objects.filter(team=team, amount__isnull=False)
        .order_by()
        .values("kind")
        .annotate(total=Sum("amount"))
        .order_by("kind")
    )
    things = (
        Contribution.objects.filter(team=team, quantity__isnull=False)
        .order_by()
        .values("description", "unit")
        .annotate(total=Sum("quantity"))
        .order_by("description", "unit")
    )
    money_rows = list(money)
    return {
        "money": money_rows,
        "money_total": sum(int(r["total"]) for r in money_rows),
        "things": list(things),
    }


@dataclass
class RegisterRow:
    user: Any
    teams: list[str]
    checked_on: date | None
    checked_by: str
    valid_until: date | None
    valid: bool


def certificate_register(*, municipality: Any, today: date) -> list[RegisterRow]:
    """Everyone who volunteers where a børneattest is required (a member of such a team, or
    signed up for such an activity), with the day their certificate was seen. Missing or expired
    first. Three queries."""
    needing = Q(team__requires_certificate=True) | Q(team__series__requires_certificate=True)
    memberships = (
        Membership.objects.filter(team__municipality=municipality)
        .filter(needing)
        .select_related("user", "team")
        .distinct()
        .order_by("user__name", "pk")
    )
    signed = (
        SignUp.objects.filter(
            session__municipality=municipality, session__series__requires_certificate=True
        )
        .select_related("user", "session__series__team")
        .order_by("user__name", "pk")
    )
    people: dict[int, tuple[Any, set[str]]] = {}
    for membership in memberships:
        people.setdefault(membership.user_id, (membership.user, set()))[1].add(membership.team.name)
    for signup in signed:
        people.setdefault(signup.user_id, (signup.user, set()))[1].add(
            signup.session.series.team.name
        )
    checks = {
        c.volunteer_id: c
        for c in CertificateCheck.objects.filter(
            municipality=municipality, volunteer_id__in=list(people)
        ).select_related("checked_by")
    }
    months = (
        Programme.objects.filter(municipality=municipality)
        .order_by("certificate_months")
        .values_list("certificate_months", flat=True)
        .first()
        or domain.DEFAULT_CERTIFICATE_MONTHS
    )
    rows = []
    for user_id, (user, teams) in people.items():
        check = checks.get(user_id)
        checked_on = check.checked_on if check else None
        rows.append(
            RegisterRow(
                user=user,
                teams=sorted(teams),
                checked_on=checked_on,
                checked_by=(check.checked_by.name if check and check.checked_by else ""),
                valid_until=domain.certificate_valid_until(checked_on, months)
                if checked_on
                else None,
                valid=domain.certificate_valid(checked_on, months=months, on_day=today),
            )
        )
    rows.sort(key=lambda r: (r.valid, r.user.name))
    return rows


def volunteering_export(user: Any) -> dict[str, Any]:
    """What the volunteer part holds about a person: teams, sign-ups, hours, the day a
    børneattest was seen (nothing else about it is stored), and what staff entered."""
    return {
        "memberships": [
            {"team": m.team.name, "role": m.role, "joined_at": m.joined_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("team")
        ],
        "signups": [
            {
                "activity": s.session.series.title,
                "starts_at": s.session.starts_at.isoformat(),
                "signed_up_at": s.signed_up_at.isoformat(),
            }
            for s in SignUp.objects.filter(user=user).select_related("session__series")
        ],
        "hours": [
            {
                "activity": h.session.series.title,
                "day": h.worked_on.isoformat(),
                "minutes": h.minutes,
                "status": h.status,
                "note": h.note,
            }
            for h in HoursEntry.objects.filter(volunteer=user).select_related("session__series")
        ],
        "certificate_checks": [
            {"checked_on": c.checked_on.isoformat()}
            for c in CertificateCheck.objects.filter(volunteer=user)
        ],
        "certificate_checks_recorded_by_you": CertificateCheck.objects.filter(
            checked_by=user
        ).count(),
        "contributions_entered_by_you": [
            {"team": c.team.name, "description": c.description, "given_on": c.given_on.isoformat()}
            for c in Contribution.objects.filter(entered_by=user).select_related("team")
        ],
        "hours_entered_or_decided_by_you": HoursEntry.objects.filter(
            Q(entered_by=user) | Q(decided_by=user)
        )
        .exclude(volunteer=user)
        .count(),
    }
