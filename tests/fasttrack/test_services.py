"""Applying, deciding, paying out and reporting through the services: every refusal is a sentence
the user can read, and the pool's sum of grants is always the sum of its granted applications."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from medborger.core.models import AuditEntry
from medborger.core.personal_data import export_all
from medborger.fasttrack import services
from medborger.fasttrack.models import Application, FastTrackPool, ReportPhoto
from medborger.fasttrack.services import FastTrackError
from tests.factories import UserFactory, grant
from tests.fasttrack.conftest import ACTIVITY, T0, photo_upload

pytestmark = pytest.mark.django_db


def granted_sum(pool: FastTrackPool) -> int:
    return (
        Application.objects.filter(pool=pool, state__in=["approved", "paid", "reported"]).aggregate(
            total=Sum("granted_amount")
        )["total"]
        or 0
    )


# --- applying ------------------------------------------------------------------------------------


def test_an_application_waits_for_a_decision_within_the_deadline(submit, pool, applicant):
    application = submit(title="  Sankthansbål på engen  ", group_name="")
    assert application.state == "submitted"
    assert application.title == "Sankthansbål på engen"
    assert application.applicant == applicant
    assert application.municipality_id == pool.municipality_id
    assert application.submitted_at == T0
    assert application.decision_due == T0 + timedelta(days=14)
    assert application.granted_amount is None
    pool.refresh_from_db()
    assert pool.granted == 0  # an application promises no money


def test_the_cap_is_allowed_one_krone_more_is_refused(submit):
    assert submit(amount_requested=25_000).amount_requested == 25_000
    with pytest.raises(FastTrackError) as refusal:
        submit(amount_requested=25_001)
    assert "at most 25.000 kr per project" in str(refusal.value)
    assert refusal.value.field == "amount"
    assert Application.objects.count() == 1


def test_more_than_what_is_left_is_refused(submit, pool):
    FastTrackPool.objects.filter(pk=pool.pk).update(granted=95_000)
    with pytest.raises(FastTrackError, match=r"only 5\.000 kr left in the pool"):
        submit(amount_requested=6_000)
    assert submit(amount_requested=5_000).state == "submitted"


def test_swedish_amounts_are_written_the_swedish_way(submit, pool):
    pool.municipality.country = "SE"
    pool.municipality.save()
    with pytest.raises(FastTrackError, match="at most 25\u00a0000 kr"):
        submit(amount_requested=30_000)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"responsible_name": "  "}, "responsible_name", "name of the person"),
        (
            {"responsible_phone": "", "responsible_email": ""},
            "responsible_phone",
            "phone number or an email",
        ),
        ({"activity_date": date(2025, 6, 1)}, "activity_date", "today or later"),
        ({"amount_requested": 0}, "amount", "at least 1 kr"),
    ],
)
def test_missing_or_wrong_details_are_refused(submit, data, field, message):
    with pytest.raises(FastTrackError, match=message) as refusal:
        submit(**data)
    assert refusal.value.field == field
    assert not Application.objects.exists()


def test_an_email_is_enough_to_reach_the_responsible_person(submit):
    application = submit(responsible_phone="", responsible_email="birgit@example.org")
    assert application.responsible_email == "birgit@example.org"


def test_a_closed_pool_takes_no_applications(submit, pool):
    pool.accepts_applications = False
    pool.save()
    with pytest.raises(FastTrackError, match="does not take applications"):
        submit()


# --- deciding ------------------------------------------------------------------------------------


def test_approving_grants_the_amount_and_sets_the_report_due_date(submit, pool, official):
    application = submit(amount_requested=8_000)
    decided = T0 + timedelta(days=2)
    approved = services.application_approve(
        application_id=application.pk, official=official, amount=None, reason="", now=decided
    )
    assert approved.state == "approved"
    assert approved.granted_amount == 8_000
    assert approved.decided_at == decided and approved.decided_by == official
    assert approved.report_due == ACTIVITY + timedelta(days=30)
    pool.refresh_from_db()
    assert pool.granted == 8_000 and pool.remaining == 92_000
    entry = AuditEntry.objects.get(action="fasttrack_application.approved")
    assert entry.actor == official and entry.target_id == str(application.pk)
    assert entry.after["state"] == "approved"


def test_a_lower_grant_needs_a_public_reason(submit, pool, official):
    application = submit(amount_requested=18_000)
    with pytest.raises(FastTrackError, match="Say why the grant is lower") as refusal:
        services.application_approve(
            application_id=application.pk, official=official, amount=15_000, reason="", now=T0
        )
    assert refusal.value.field == "reason"
    approved = services.application_approve(
        application_id=application.pk,
        official=official,
        amount=15_000,
        reason="Puljen betaler ikke leje af hoppeborg.",
        now=T0,
    )
    assert approved.granted_amount == 15_000
    pool.refresh_from_db()
    assert pool.granted == 15_000


def test_more_than_applied_for_is_refused(submit, official, pool):
    application = submit(amount_requested=8_000)
    with pytest.raises(FastTrackError, match=r"cannot be more than the 8\.000 kr applied for"):
        services.application_approve(
            application_id=application.pk, official=official, amount=9_000, reason="", now=T0
        )
    application.refresh_from_db()
    pool.refresh_from_db()
    assert application.state == "submitted" and pool.granted == 0


def test_approving_more_than_is_left_is_refused_and_changes_nothing(
    submit, make_applicant, official, pool
):
    first = submit(amount_requested=25_000)
    FastTrackPool.objects.filter(pk=pool.pk).update(granted=80_000)
    with pytest.raises(FastTrackError, match=r"only 20\.000 kr left"):
        services.application_approve(
            application_id=first.pk, official=official, amount=None, reason="", now=T0
        )
    first.refresh_from_db()
    pool.refresh_from_db()
    assert first.state == "submitted" and pool.granted == 80_000
    assert not AuditEntry.objects.exists()


def test_deciding_twice_is_refused(flow, official, pool):
    application = flow.approved()
    for decide in (
        lambda: services.application_approve(
            application_id=application.pk, official=official, amount=None, reason="", now=T0
        ),
        lambda: services.application_reject(
            application_id=application.pk, official=official, reason="Nej", now=T0
        ),
    ):
        with pytest.raises(FastTrackError, match="status is: Approved"):
            decide()
    pool.refresh_from_db()
    assert pool.granted == application.granted_amount  # counted once


def test_rejecting_needs_a_reason_and_grants_nothing(submit, official, pool):
    application = submit()
    with pytest.raises(FastTrackError, match="reason for the rejection"):
        services.application_reject(
            application_id=application.pk, official=official, reason="  ", now=T0
        )
    rejected = services.application_reject(
        application_id=application.pk,
        official=official,
        reason="Puljen støtter ikke drift af bygninger.",
        now=T0,
    )
    assert rejected.state == "rejected" and rejected.granted_amount is None
    assert rejected.decision_reason == "Puljen støtter ikke drift af bygninger."
    pool.refresh_from_db()
    assert pool.granted == 0
    assert AuditEntry.objects.filter(action="fasttrack_application.rejected").count() == 1


@pytest.mark.parametrize("role", ["resident", "moderator", "committee_secretary", "politician"])
def test_only_the_delegated_official_decides(submit, municipality, role):
    application = submit()
    someone = grant(UserFactory(), role, municipality)
    with pytest.raises(FastTrackError, match="Only a case officer"):
        services.application_approve(
            application_id=application.pk, official=someone, amount=None, reason="", now=T0
        )
    with pytest.raises(FastTrackError, match="Only a case officer"):
        services.application_reject(
            application_id=application.pk, official=someone, reason="Nej", now=T0
        )
    application.refresh_from_db()
    assert application.state == "submitted"


def test_a_case_officer_of_another_municipality_cannot_decide(submit, other_official):
    application = submit()
    with pytest.raises(FastTrackError, match="Only a case officer"):
        services.application_approve(
            application_id=application.pk, official=other_official, amount=None, reason="", now=T0
        )


@pytest.mark.parametrize("role", ["municipal_admin", "platform_admin"])
def test_the_admins_may_decide_as_the_rules_say(submit, municipality, role):
    application = submit()
    admin = grant(UserFactory(), role, None if role == "platform_admin" else municipality)
    assert admin.has_perm("fasttrack.decide", application)
    approved = services.application_approve(
        application_id=application.pk, official=admin, amount=None, reason="", now=T0
    )
    assert approved.state == "approved"


# --- payout and report ---------------------------------------------------------------------------


def test_the_payout_is_recorded_with_date_amount_and_who(flow, official):
    application = flow.approved(amount_requested=8_000)
    paid = services.payout_record(
        application_id=application.pk,
        official=official,
        paid_on=date(2025, 6, 5),
        amount=8_000,
        now=T0 + timedelta(days=3),
    )
    assert paid.state == "paid"
    assert (paid.paid_on, paid.paid_amount, paid.paid_by) == (date(2025, 6, 5), 8_000, official)
    assert AuditEntry.objects.filter(action="fasttrack_application.paid").count() == 1


@pytest.mark.parametrize(
    ("paid_on", "amount", "message"),
    [
        (date(2025, 6, 5), 8_001, "between 1 kr and the 8.000 kr granted"),
        (date(2025, 6, 3), 8_000, "before the decision"),
        (date(2025, 6, 30), 8_000, "in the future"),
    ],
)
def test_a_wrong_payout_is_refused(flow, official, paid_on, amount, message):
    application = flow.approved(amount_requested=8_000)
    with pytest.raises(FastTrackError, match=message):
        services.payout_record(
            application_id=application.pk,
            official=official,
            paid_on=paid_on,
            amount=amount,
            now=T0 + timedelta(days=3),
        )
    application.refresh_from_db()
    assert application.state == "approved"


def test_no_payout_before_approval_and_not_twice(flow, official):
    waiting = flow.submitted()
    with pytest.raises(FastTrackError, match="status is: Waiting for a decision"):
        services.payout_record(
            application_id=waiting.pk,
            official=official,
            paid_on=date(2025, 6, 2),
            amount=1,
            now=T0,
        )
    paid = flow.paid(title="Anden")
    with pytest.raises(FastTrackError, match="status is: Paid out"):
        services.payout_record(
            application_id=paid.pk,
            official=official,
            paid_on=date(2025, 6, 5),
            amount=1,
            now=T0 + timedelta(days=4),
        )


def test_the_report_with_photos_finishes_the_application(flow):
    application = flow.paid()
    reported = services.report_submit(
        application_id=application.pk,
        user=application.applicant,
        text="  Det gik godt. 80 kom.  ",
        photos=[
            services.PhotoData(image=photo_upload(), description="Bålet"),
            services.PhotoData(image=photo_upload("snobroed.png", "PNG"), description=""),
        ],
        now=T0 + timedelta(days=25),
    )
    assert reported.state == "reported" and reported.report_text == "Det gik godt. 80 kom."
    photos = list(ReportPhoto.objects.filter(application=application))
    assert [p.description for p in photos] == ["Bålet", application.title]
    assert all(p.image.name.startswith("fasttrack/reports/") for p in photos)


def test_only_the_applicant_reports_and_only_after_the_payout(flow, make_applicant):
    approved = flow.approved()
    with pytest.raises(FastTrackError, match="when the grant has been paid out"):
        services.report_submit(
            application_id=approved.pk, user=approved.applicant, text="Tekst", photos=[], now=T0
        )
    paid = flow.paid(title="Anden")
    with pytest.raises(FastTrackError, match="Only the applicant"):
        services.report_submit(
            application_id=paid.pk, user=make_applicant(), text="Tekst", photos=[], now=T0
        )
    with pytest.raises(FastTrackError, match="a few lines"):
        services.report_submit(
            application_id=paid.pk, user=paid.applicant, text=" ", photos=[], now=T0
        )


# --- overdue and the pool's sum ------------------------------------------------------------------


def test_overdue_decisions_and_reports_are_derived(flow):
    waiting = flow.submitted()
    due = waiting.decision_due
    assert waiting.status(now=due, today=due.date()) == "submitted"
    later = due + timedelta(minutes=1)
    assert waiting.status(now=later, today=later.date()) == "decision_overdue"
    paid = flow.paid(title="Anden")
    assert paid.report_due == ACTIVITY + timedelta(days=30)
    day_after = paid.report_due + timedelta(days=1)
    assert paid.status(now=T0, today=paid.report_due) == "paid"
    assert paid.status(now=T0, today=day_after) == "report_overdue"


def test_the_pools_sum_is_the_sum_of_its_grants(flow, pool):
    flow.approved(amount_requested=10_000)
    flow.approved(amount_requested=18_000, amount=15_000, reason="Ikke hoppeborg.")
    flow.rejected()
    flow.paid(amount_requested=4_800)
    flow.reported(amount_requested=7_200)
    flow.submitted(amount_requested=25_000)
    pool.refresh_from_db()
    assert pool.granted == granted_sum(pool) == 37_000
    assert pool.remaining == 63_000


def test_the_database_refuses_a_pool_that_grants_more_than_it_holds(pool):
    with pytest.raises(IntegrityError), transaction.atomic():
        FastTrackPool.objects.filter(pk=pool.pk).update(granted=100_001)


def test_the_database_refuses_a_rejection_without_a_reason(flow):
    application = flow.submitted()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(state="rejected")


def test_the_pool_cannot_be_set_below_what_is_granted(flow, pool):
    from django.core.exceptions import ValidationError

    flow.approved(amount_requested=20_000)
    pool.refresh_from_db()
    pool.amount = 10_000
    with pytest.raises(ValidationError, match="already granted"):
        pool.full_clean()


# --- personal data -------------------------------------------------------------------------------


def test_the_download_has_the_application_and_the_decisions_recorded(flow, official):
    application = flow.paid()
    data = export_all(application.applicant)["fasttrack"]
    assert data["applications"][0]["title"] == application.title
    assert data["applications"][0]["responsible_phone"] == "12 34 56 78"
    staff = export_all(official)["fasttrack"]
    assert staff["decided_by_you"][0]["state"] == "paid"
    assert staff["payouts_recorded_by_you"][0]["amount"] == application.paid_amount
    assert timezone.is_aware(application.decided_at)
