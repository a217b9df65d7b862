"""The writes: starting, status, spending, milestones and updates; audit and notifications."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from medborger.core.models import AuditEntry
from medborger.core.registry import registration_for
from medborger.implementation import services
from medborger.implementation.models import Delivery, Milestone, SpendEntry, Update
from medborger.notifications.models import Notification
from medborger.notifications.services import follow_add
from tests.factories import UserFactory, grant
from tests.implementation.conftest import DECIDED_ON, at, make_project, photo_file

pytestmark = pytest.mark.django_db

NOW = at(date(2026, 4, 15))


def test_start_makes_one_record_per_funded_project(project, officer):
    first = services.delivery_start(project=project, actor=officer, now=NOW)
    again = services.delivery_start(project=project, actor=officer, now=NOW)
    assert first.pk == again.pk and Delivery.objects.count() == 1
    assert first.budget == project.cost
    assert first.started_on == DECIDED_ON  # the local date voting closed
    assert first.responsible == officer
    assert first.municipality_id == project.process.municipality_id
    assert AuditEntry.objects.filter(action="delivery.created", actor=officer).count() == 1


def test_start_refuses_a_project_that_is_not_funded(unfunded, officer):
    with pytest.raises(services.ImplementationError, match="Only funded projects"):
        services.delivery_start(project=unfunded, actor=officer, now=NOW)
    assert not Delivery.objects.exists()


def test_start_all_tracks_every_funded_project_once(
    process, project, unfunded, officer, municipality
):
    make_project(process, title="Bænke i parken", cost=40_000)
    started = services.deliveries_start_all(municipality=municipality, actor=officer, now=NOW)
    assert len(started) == 2
    assert services.deliveries_start_all(municipality=municipality, actor=officer, now=NOW) == []


def test_status_dates_and_audit(delivery, officer):
    services.delivery_status_change(
        delivery_id=delivery.pk, actor=officer, status="visible_result", reason="", now=NOW
    )
    delivery.refresh_from_db()
    assert delivery.visible_result_on == date(2026, 4, 15)
    later = NOW + timedelta(days=100)
    services.delivery_status_change(
        delivery_id=delivery.pk, actor=officer, status="done", reason="", now=later
    )
    delivery.refresh_from_db()
    assert delivery.done_on == later.date() and delivery.visible_result_on == date(2026, 4, 15)
    entry = AuditEntry.objects.filter(action="delivery.status_changed").first()
    assert entry.after["status"] == "done" and entry.before["status"] == "visible_result"


def test_pausing_needs_a_reason_and_the_same_status_is_refused(delivery, officer):
    with pytest.raises(services.ImplementationError, match="Say why the project is delayed"):
        services.delivery_status_change(
            delivery_id=delivery.pk, actor=officer, status="paused", reason=" ", now=NOW
        )
    with pytest.raises(services.ImplementationError, match="already has this status"):
        services.delivery_status_change(
            delivery_id=delivery.pk, actor=officer, status="planned", reason="", now=NOW
        )
    with pytest.raises(services.ImplementationError, match="Choose one of the statuses"):
        services.delivery_status_change(
            delivery_id=delivery.pk, actor=officer, status="exploded", reason="", now=NOW
        )
    services.delivery_status_change(
        delivery_id=delivery.pk, actor=officer, status="paused", reason="Frost i jorden", now=NOW
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.status_reason) == ("paused", "Frost i jorden")
    services.delivery_status_change(
        delivery_id=delivery.pk,
        actor=officer,
        status="in_progress",
        reason="Frost i jorden",
        now=NOW,
    )
    delivery.refresh_from_db()
    assert delivery.status_reason == ""  # the reason belongs to the pause


def test_spending_refuses_bad_amounts_and_warns_when_over_budget(delivery, officer):
    for amount in (Decimal("-100"), Decimal("0")):
        with pytest.raises(services.ImplementationError, match="above 0 kr"):
            services.spend_add(
                delivery_id=delivery.pk,
                actor=officer,
                spent_on=NOW.date(),
                amount=amount,
                purpose="Planter",
                now=NOW,
            )
    with pytest.raises(services.ImplementationError, match="in the future"):
        services.spend_add(
            delivery_id=delivery.pk,
            actor=officer,
            spent_on=NOW.date() + timedelta(days=1),
            amount=Decimal(10),
            purpose="Planter",
            now=NOW,
        )
    with pytest.raises(services.ImplementationError, match="what the money was spent on"):
        services.spend_add(
            delivery_id=delivery.pk,
            actor=officer,
            spent_on=NOW.date(),
            amount=Decimal(10),
            purpose="  ",
            now=NOW,
        )
    ok = services.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=NOW.date(),
        amount=Decimal("99999.50"),
        purpose="Entreprenør",
        now=NOW,
    )
    assert ok.warning == "" and not ok.spending.overspent
    over = services.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=NOW.date(),
        amount=Decimal("12500"),
        purpose="Ekstra jord",
        now=NOW,
    )
    assert over.spending.overspent
    assert over.warning == (
        "The project has now spent 112.499,50 kr of its budget of 100.000 kr: 12.499,50 kr over."
    )
    assert SpendEntry.objects.filter(delivery=delivery).count() == 2
    assert AuditEntry.objects.filter(action="delivery_spend.created").count() == 2


def test_a_wrong_entry_can_be_removed_and_the_audit_log_keeps_it(delivery, officer):
    entry = services.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=NOW.date(),
        amount=Decimal(500),
        purpose="Forkert faktura",
        now=NOW,
    ).entry
    services.spend_remove(entry_id=entry.pk, delivery_id=delivery.pk, actor=officer, now=NOW)
    assert not SpendEntry.objects.exists()
    assert (
        AuditEntry.objects.get(action="delivery_spend.deleted").before["purpose"]
        == "Forkert faktura"
    )
    with pytest.raises(services.ImplementationError):
        services.spend_remove(entry_id=entry.pk, delivery_id=delivery.pk, actor=officer, now=NOW)


def test_a_milestone_cannot_be_due_before_the_project_started(delivery, officer):
    with pytest.raises(
        services.ImplementationError, match=r"before the project started \(March 2, 2026\)"
    ):
        services.milestone_add(
            delivery_id=delivery.pk,
            actor=officer,
            title="Jorden gøres klar",
            due_on=DECIDED_ON - timedelta(days=1),
            now=NOW,
        )
    milestone = services.milestone_add(
        delivery_id=delivery.pk,
        actor=officer,
        title="Jorden gøres klar",
        due_on=DECIDED_ON,
        now=NOW,
    )
    services.milestone_mark(
        milestone_id=milestone.pk, delivery_id=delivery.pk, actor=officer, done=True, now=NOW
    )
    assert Milestone.objects.get().done_on == NOW.date()
    services.milestone_mark(
        milestone_id=milestone.pk, delivery_id=delivery.pk, actor=officer, done=False, now=NOW
    )
    assert Milestone.objects.get().done_on is None


def test_the_start_date_cannot_move_past_a_milestone(delivery, officer):
    services.milestone_add(
        delivery_id=delivery.pk, actor=officer, title="Indkøb", due_on=date(2026, 4, 1), now=NOW
    )
    with pytest.raises(services.ImplementationError, match="Move the milestone first"):
        services.delivery_settings_change(
            delivery_id=delivery.pk,
            actor=officer,
            responsible=officer,
            started_on=date(2026, 4, 2),
            now=NOW,
        )


def test_only_staff_of_the_municipality_can_be_responsible(
    delivery, officer, resident, other_municipality
):
    with pytest.raises(services.ImplementationError, match="case officer or administrator here"):
        services.delivery_settings_change(
            delivery_id=delivery.pk,
            actor=officer,
            responsible=resident,
            started_on=DECIDED_ON,
            now=NOW,
        )
    elsewhere = grant(UserFactory(), "case_officer", other_municipality)
    with pytest.raises(services.ImplementationError):
        services.delivery_settings_change(
            delivery_id=delivery.pk,
            actor=officer,
            responsible=elsewhere,
            started_on=DECIDED_ON,
            now=NOW,
        )


def test_an_update_with_photos_needs_alt_texts(delivery, officer):
    with pytest.raises(services.ImplementationError, match="Describe what each photo shows"):
        services.update_post(
            delivery_id=delivery.pk,
            actor=officer,
            text="Nu gror det.",
            photos=[services.PhotoUpload(image=photo_file(), alt_text=" ")],
            now=NOW,
        )
    with pytest.raises(services.ImplementationError, match="Write what has happened"):
        services.update_post(delivery_id=delivery.pk, actor=officer, text=" ", now=NOW)
    assert not Update.objects.exists()
    update = services.update_post(
        delivery_id=delivery.pk,
        actor=officer,
        text="Nu gror det.",
        photos=[services.PhotoUpload(image=photo_file(), alt_text="Blomster i græsset")],
        now=NOW,
    )
    photo = update.photos.get()
    assert photo.alt_text == "Blomster i græsset" and photo.image.name.endswith(".png")


def test_followers_hear_about_updates_and_status_but_not_the_actor(
    delivery, officer, follower, django_capture_on_commit_callbacks
):
    follow_add(user=follower, target=delivery)
    follow_add(user=officer, target=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_post(
            delivery_id=delivery.pk, actor=officer, text="Arbejdet er i gang.", now=NOW
        )
        services.delivery_status_change(
            delivery_id=delivery.pk, actor=officer, status="in_progress", reason="", now=NOW
        )
    notes = Notification.objects.filter(recipient=follower).order_by("id")
    assert [n.event for n in notes] == ["implementation.update", "implementation.status"]
    assert notes[0].url == f"/gennemfoerelse/{delivery.project_id}/"
    assert not Notification.objects.filter(recipient=officer).exists()
    assert len(mail.outbox) == 2 and mail.outbox[0].to == [follower.email]
    # Stored once, in the municipality's language (Danish catalogues may still be missing).
    assert delivery.project.title in notes[0].title


def test_followers_of_the_budget_project_hear_too_but_only_once(
    delivery, officer, follower, municipality
):
    project = delivery.project
    if registration_for(project) is None:
        pytest.skip("budgeting does not register projects for follows in this tree")
    other = grant(UserFactory(), "resident", municipality)
    follow_add(user=follower, target=project)
    follow_add(user=follower, target=delivery)
    follow_add(user=other, target=project)
    services.update_post(delivery_id=delivery.pk, actor=officer, text="Nyt fra projektet.", now=NOW)
    assert Notification.objects.filter(recipient=follower).count() == 1
    assert Notification.objects.filter(recipient=other).count() == 1
