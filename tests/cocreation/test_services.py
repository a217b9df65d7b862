"""The services of co-creation groups: the chair rules (the committee-chair rule from the group
or the municipality, rotation with history), the order and dates of the output's trail, who may
change what, the audit log and the followers' notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from medborger.cocreation import services
from medborger.cocreation.models import ChairTerm, CoCreationGroup, Output, Task
from medborger.cocreation.services import CoCreationError
from medborger.core.models import AuditEntry
from medborger.notifications.models import Follow, Notification
from tests.cocreation.conftest import D0, T0, days
from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db


def chair_names(group: CoCreationGroup) -> list[tuple[str, object, object]]:
    return [
        (t.member.display_name, t.started_on, t.ended_on)
        for t in ChairTerm.objects.filter(group=group).order_by("started_on", "pk")
    ]


# --- the chair -----------------------------------------------------------------------------------


def test_the_committee_chair_cannot_be_appointed_where_the_group_says_so(group, members, staff):
    with pytest.raises(CoCreationError) as refused:
        services.chair_appoint(
            group_id=group.pk, member_id=members["peter"].pk, actor=staff, on=D0, now=T0
        )
    assert "Peter Munk chairs Teknik- og Miljøudvalget" in str(refused.value)
    assert refused.value.field == "member"
    assert not ChairTerm.objects.exists()


def test_the_municipality_rule_applies_to_a_group_that_does_not_say_so(
    open_group, members, staff, policy
):
    with pytest.raises(CoCreationError, match="may not chair this group"):
        services.chair_appoint(
            group_id=open_group.pk, member_id=members["peter"].pk, actor=staff, on=D0, now=T0
        )


def test_without_the_rule_the_committee_chair_may_chair(open_group, members, staff):
    term = services.chair_appoint(
        group_id=open_group.pk, member_id=members["peter"].pk, actor=staff, on=D0, now=T0
    )
    assert term.member == members["peter"]


def test_a_committee_member_who_is_not_its_chair_may_chair(group, members, staff, committee):
    from medborger.places.models import CommitteeMembership

    CommitteeMembership.objects.create(
        committee=committee, user=members["mette"].user, role=CommitteeMembership.Role.VICE_CHAIR
    )
    term = services.chair_appoint(
        group_id=group.pk, member_id=members["mette"].pk, actor=staff, on=D0, now=T0
    )
    assert term.member == members["mette"]


def test_the_chair_of_another_committee_is_not_caught_by_the_rule(group, members, staff):
    from medborger.places.models import CommitteeMembership

    other = CommitteeFactory(municipality=group.municipality)
    CommitteeMembership.objects.create(
        committee=other, user=members["signe"].user, role=CommitteeMembership.Role.CHAIR
    )
    services.chair_appoint(
        group_id=group.pk, member_id=members["signe"].pk, actor=staff, on=D0, now=T0
    )


def test_rotation_goes_round_and_skips_the_committee_chair(group, members, staff):
    services.chair_rotate(group_id=group.pk, actor=staff, on=D0 - days(20), now=T0 - days(20))
    services.chair_rotate(group_id=group.pk, actor=staff, on=D0 - days(10), now=T0 - days(10))
    services.chair_rotate(group_id=group.pk, actor=staff, on=D0 - days(5), now=T0 - days(5))
    services.chair_rotate(group_id=group.pk, actor=staff, on=D0, now=T0)
    assert chair_names(group) == [
        ("Mette Juhl", D0 - days(20), D0 - days(10)),  # Peter is skipped from the start
        ("Signe Holm", D0 - days(10), D0 - days(5)),
        ("Havnekiosken", D0 - days(5), D0),
        ("Mette Juhl", D0, None),  # wrapped round, skipping Peter again
    ]
    actions = AuditEntry.objects.filter(action="cocreation_group.chair_changed")
    assert actions.count() == 4
    assert actions.order_by("at").last().after == {"chair": "Mette Juhl", "from": D0.isoformat()}


def test_rotation_without_the_rule_includes_the_committee_chair(open_group, members, staff):
    services.chair_rotate(group_id=open_group.pk, actor=staff, on=D0, now=T0)
    assert chair_names(open_group)[0][0] == "Peter Munk"


def test_rotation_skips_members_who_left(group, members, staff):
    services.chair_appoint(
        group_id=group.pk, member_id=members["mette"].pk, actor=staff, on=D0 - days(9), now=T0
    )
    services.member_leave(member_id=members["signe"].pk, actor=staff, left_on=D0 - days(5), now=T0)
    services.chair_rotate(group_id=group.pk, actor=staff, on=D0, now=T0)
    assert chair_names(group)[-1][0] == "Havnekiosken"


def test_rotation_refuses_when_nobody_else_is_eligible(group, members, staff):
    services.chair_appoint(
        group_id=group.pk, member_id=members["mette"].pk, actor=staff, on=D0 - days(9), now=T0
    )
    for key in ("signe", "kiosk"):
        services.member_leave(member_id=members[key].pk, actor=staff, left_on=D0 - days(5), now=T0)
    with pytest.raises(CoCreationError, match="No other member can take the chair"):
        services.chair_rotate(group_id=group.pk, actor=staff, on=D0, now=T0)
    assert chair_names(group) == [("Mette Juhl", D0 - days(9), None)]


def test_chair_dates_are_checked(group, members, staff):
    services.chair_appoint(
        group_id=group.pk, member_id=members["mette"].pk, actor=staff, on=D0 - days(5), now=T0
    )
    with pytest.raises(CoCreationError, match="before the current chair started") as early:
        services.chair_rotate(group_id=group.pk, actor=staff, on=D0 - days(6), now=T0)
    assert early.value.field == "on"
    with pytest.raises(CoCreationError, match="future"):
        services.chair_rotate(group_id=group.pk, actor=staff, on=D0 + days(1), now=T0)
    with pytest.raises(CoCreationError, match="already chairs"):
        services.chair_appoint(
            group_id=group.pk, member_id=members["mette"].pk, actor=staff, on=D0, now=T0
        )


def test_the_chair_cannot_leave_before_passing_it_on(group, members, staff):
    services.chair_appoint(
        group_id=group.pk, member_id=members["signe"].pk, actor=staff, on=D0, now=T0
    )
    with pytest.raises(CoCreationError, match="Pass the chair on"):
        services.member_leave(member_id=members["signe"].pk, actor=staff, left_on=D0, now=T0)


def test_the_database_keeps_one_current_chair(group, members):
    ChairTerm.objects.create(group=group, member=members["mette"], started_on=D0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChairTerm.objects.create(group=group, member=members["signe"], started_on=D0)


def test_a_member_of_another_group_cannot_be_appointed(group, members, staff, municipality):
    second = services.group_create(
        municipality=municipality,
        actor=staff,
        data=services.GroupData(name="Anden gruppe", purpose="x", mandate="y", starts_on=D0),
        now=T0,
    )
    stranger = services.member_add(
        group=second, actor=staff, role="expert", joined_on=D0, display_name="Ekspert", now=T0
    )
    with pytest.raises(CoCreationError, match="Choose one of the group's members"):
        services.chair_appoint(group_id=group.pk, member_id=stranger.pk, actor=staff, on=D0, now=T0)


# --- who may -------------------------------------------------------------------------------------


def test_members_and_staff_may_work_and_others_may_not(
    group, members, staff, outsider, other_staff
):
    member = members["signe"].user
    services.meeting_add(
        group=group, actor=member, held_on=D0, place="Havnehuset", notes="", now=T0
    )
    services.meeting_add(group=group, actor=staff, held_on=D0, place="Havnehuset", notes="", now=T0)
    for intruder in (outsider, other_staff, AnonymousUser()):
        with pytest.raises(CoCreationError, match="Only the group's members"):
            services.task_add(
                group=group,
                actor=intruder,
                title="Noget",
                owner_id=members["mette"].pk,
                due_on=D0,
                now=T0,
            )
    assert not Task.objects.exists()


def test_a_member_who_left_may_no_longer_work(group, members, staff):
    user = members["kiosk"]
    signe = members["signe"]
    services.member_leave(member_id=signe.pk, actor=staff, left_on=D0 - days(1), now=T0)
    signe.user.refresh_from_db()
    with pytest.raises(CoCreationError):
        services.output_add(group=group, actor=signe.user, title="T", text="Tekst", now=T0)
    assert user.user is None


def test_only_staff_record_the_decision(group, members, staff, citizens_meeting, committee):
    output = _sent(group, members["signe"].user, citizens_meeting, committee)
    with pytest.raises(CoCreationError, match="Only the municipality's staff"):
        services.output_decide(
            output_id=output.pk,
            actor=members["signe"].user,
            granted=True,
            amount=100,
            on=D0,
            text="Bevilget",
            now=T0,
        )


def test_a_person_cannot_be_member_twice(group, members, staff):
    with pytest.raises(CoCreationError, match="already a member"):
        services.member_add(
            group=group,
            actor=staff,
            role="resident",
            joined_on=D0,
            user=members["signe"].user,
            now=T0,
        )


# --- tasks ---------------------------------------------------------------------------------------


def test_tasks_have_an_owner_in_the_group_and_are_flagged_overdue(group, members, staff):
    task = services.task_add(
        group=group,
        actor=staff,
        title="Indhent tilbud",
        owner_id=members["kiosk"].pk,
        due_on=D0 - days(1),
        now=T0,
    )
    assert task.is_overdue(D0) and not task.is_overdue(D0 - days(1))
    done = services.task_set_status(task_id=task.pk, actor=staff, status="done", now=T0)
    assert done.done_on == D0 and not done.is_overdue(D0)
    reopened = services.task_set_status(task_id=task.pk, actor=staff, status="open", now=T0)
    assert reopened.done_on is None
    with pytest.raises(CoCreationError, match="Choose a status"):
        services.task_set_status(task_id=task.pk, actor=staff, status="lost", now=T0)


def test_a_task_owner_who_left_is_refused(group, members, staff):
    services.member_leave(member_id=members["kiosk"].pk, actor=staff, left_on=D0 - days(1), now=T0)
    with pytest.raises(CoCreationError, match="no longer a member") as refused:
        services.task_add(
            group=group, actor=staff, title="X", owner_id=members["kiosk"].pk, due_on=D0, now=T0
        )
    assert refused.value.field == "owner"


# --- outputs and the trail -----------------------------------------------------------------------


def _published(group, actor) -> Output:  # type: ignore[no-untyped-def]
    return services.output_add(
        group=group, actor=actor, title="Visionsplan", text="Havnen skal leve.", now=T0 - days(20)
    )


def _presented(group, actor, meeting) -> Output:  # type: ignore[no-untyped-def]
    output = _published(group, actor)
    return services.output_present(
        output_id=output.pk, actor=actor, meeting=meeting, on=D0 - days(10), note="90 kom.", now=T0
    )


def _sent(group, actor, meeting, committee) -> Output:  # type: ignore[no-untyped-def]
    output = _presented(group, actor, meeting)
    return services.output_send(
        output_id=output.pk,
        actor=actor,
        committee=committee,
        requested_amount=450_000,
        on=D0 - days(5),
        note="",
        now=T0,
    )


def test_the_whole_trail_in_order(group, members, staff, citizens_meeting, committee):
    follower = UserFactory()
    Follow.objects.create(
        user=follower,
        municipality=group.municipality,
        content_type=ContentType.objects.get_for_model(CoCreationGroup),
        object_id=group.pk,
        created_at=T0,
    )
    output = _sent(group, members["signe"].user, citizens_meeting, committee)
    output = services.output_decide(
        output_id=output.pk,
        actor=staff,
        granted=True,
        amount=375_000,
        on=D0,
        text="Udvalget bevilger 375.000 kr.",
        now=T0,
    )
    assert output.state == "granted" and output.granted_amount == 375_000
    trail = list(output.trail.order_by("happened_on", "pk"))
    assert [(e.kind, e.happened_on) for e in trail] == [
        ("published", D0 - days(20)),
        ("presented", D0 - days(10)),
        ("sent", D0 - days(5)),
        ("granted", D0),
    ]
    assert trail[1].meeting == citizens_meeting and trail[2].amount == 450_000
    assert trail[3].committee == committee and trail[3].amount == 375_000
    assert set(
        AuditEntry.objects.filter(target_type="cocreation.Output").values_list("action", flat=True)
    ) == {
        "cocreation_output.published",
        "cocreation_output.presented",
        "cocreation_output.sent",
        "cocreation_output.granted",
    }
    notes = Notification.objects.filter(recipient=follower, event="cocreation.output")
    assert notes.count() == 4
    assert all(n.url == output.get_absolute_url() for n in notes)


def test_the_actor_is_not_notified_of_their_own_step(group, members):
    actor = members["signe"].user
    Follow.objects.create(
        user=actor,
        municipality=group.municipality,
        content_type=ContentType.objects.get_for_model(CoCreationGroup),
        object_id=group.pk,
        created_at=T0,
    )
    _published(group, actor)
    assert not Notification.objects.filter(recipient=actor).exists()


def test_steps_out_of_order_are_refused_with_a_clear_message(
    group, members, staff, citizens_meeting, committee
):
    actor = members["signe"].user
    output = _published(group, actor)
    with pytest.raises(CoCreationError, match="must be presented at a citizens' meeting before"):
        services.output_send(
            output_id=output.pk,
            actor=actor,
            committee=committee,
            requested_amount=1000,
            on=D0,
            note="",
            now=T0,
        )
    with pytest.raises(CoCreationError, match="must be presented"):
        services.output_decide(
            output_id=output.pk, actor=staff, granted=False, amount=None, on=D0, text="Nej", now=T0
        )
    services.output_present(
        output_id=output.pk, actor=actor, meeting=citizens_meeting, on=D0, note="", now=T0
    )
    with pytest.raises(CoCreationError, match="must be sent to a committee before"):
        services.output_decide(
            output_id=output.pk, actor=staff, granted=False, amount=None, on=D0, text="Nej", now=T0
        )
    with pytest.raises(CoCreationError, match="already done"):
        services.output_present(
            output_id=output.pk, actor=actor, meeting=citizens_meeting, on=D0, note="", now=T0
        )
    output.refresh_from_db()
    assert output.state == "presented"
    assert output.trail.count() == 2


def test_step_dates_must_follow_each_other_and_not_be_in_the_future(
    group, members, citizens_meeting, committee
):
    actor = members["signe"].user
    output = _published(group, actor)
    with pytest.raises(CoCreationError, match="future") as future:
        services.output_present(
            output_id=output.pk,
            actor=actor,
            meeting=citizens_meeting,
            on=D0 + days(1),
            note="",
            now=T0,
        )
    assert future.value.field == "on"
    with pytest.raises(CoCreationError, match="before the step before it"):
        services.output_present(
            output_id=output.pk,
            actor=actor,
            meeting=citizens_meeting,
            on=D0 - days(21),
            note="",
            now=T0,
        )
    output.refresh_from_db()
    assert output.state == "draft" and output.trail.count() == 1


def test_a_meeting_of_another_municipality_or_none_without_a_note_is_refused(
    group, members, other_municipality
):
    from medborger.meetings.models import Meeting

    actor = members["signe"].user
    output = _published(group, actor)
    foreign = Meeting.objects.create(
        municipality=other_municipality,
        kind="citizens",
        title="Fremmed møde",
        starts_at=T0 - days(3),
        ends_at=T0 - days(3) + timedelta(hours=1),
    )
    with pytest.raises(CoCreationError, match="municipality's meetings"):
        services.output_present(
            output_id=output.pk, actor=actor, meeting=foreign, on=D0, note="", now=T0
        )
    with pytest.raises(CoCreationError, match="not on the list") as unnamed:
        services.output_present(
            output_id=output.pk, actor=actor, meeting=None, on=D0, note=" ", now=T0
        )
    assert unnamed.value.field == "note"
    presented = services.output_present(
        output_id=output.pk,
        actor=actor,
        meeting=None,
        on=D0,
        note="Borgermøde i Strandvig Hallen, 3. marts.",
        now=T0,
    )
    assert presented.state == "presented" and presented.presented_at is None


def test_sending_needs_a_committee_here_and_an_amount(
    group, members, citizens_meeting, other_municipality
):
    actor = members["signe"].user
    output = _presented(group, actor, citizens_meeting)
    foreign = CommitteeFactory(municipality=other_municipality)
    with pytest.raises(CoCreationError, match="municipality's committees"):
        services.output_send(
            output_id=output.pk,
            actor=actor,
            committee=foreign,
            requested_amount=1,
            on=D0,
            note="",
            now=T0,
        )
    with pytest.raises(CoCreationError, match="at least 1 kr"):
        services.output_send(
            output_id=output.pk,
            actor=actor,
            committee=group.committee,
            requested_amount=0,
            on=D0,
            note="",
            now=T0,
        )


def test_the_decision_amount_and_a_refusal(group, members, staff, citizens_meeting, committee):
    output = _sent(group, members["signe"].user, citizens_meeting, committee)
    with pytest.raises(CoCreationError, match=r"cannot be more than the 450\.000 kr applied for"):
        services.output_decide(
            output_id=output.pk,
            actor=staff,
            granted=True,
            amount=500_000,
            on=D0,
            text="Ja",
            now=T0,
        )
    with pytest.raises(CoCreationError, match="Write the committee's decision"):
        services.output_decide(
            output_id=output.pk, actor=staff, granted=False, amount=None, on=D0, text="", now=T0
        )
    refused = services.output_decide(
        output_id=output.pk,
        actor=staff,
        granted=False,
        amount=999,
        on=D0,
        text="Udvalget har ikke penge i år.",
        now=T0,
    )
    assert refused.state == "refused" and refused.granted_amount is None
    assert refused.trail.last().kind == "refused"


def test_an_output_can_carry_an_attachment(group, members, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    output = services.output_add(
        group=group,
        actor=members["signe"].user,
        title="Visionsplan",
        text="Tekst",
        attachments=[
            services.AttachmentData(
                file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test"), title="Planen som PDF"
            )
        ],
        now=T0,
    )
    assert output.attachments.get().title == "Planen som PDF"
