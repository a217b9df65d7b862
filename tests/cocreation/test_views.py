"""The co-creation pages: what everybody reads, what members and staff may change, and bad input
everywhere (a clear message, status 4xx, what was typed kept, nothing saved)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from medborger.cocreation import services
from medborger.cocreation.models import ChairTerm, CoCreationGroup, GroupMeeting, Output, Task
from medborger.notifications.models import Follow
from tests.cocreation.conftest import D0, T0, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(group, members, staff, citizens_meeting, committee):  # type: ignore[no-untyped-def]
    """A group with a chair history, a meeting, an overdue task and an output with a trail."""
    today = timezone.localdate()
    now = timezone.now()
    services.chair_rotate(group_id=group.pk, actor=staff, on=D0 - days(20), now=T0)
    services.chair_rotate(group_id=group.pk, actor=staff, on=D0 - days(10), now=T0)
    services.meeting_add(
        group=group,
        actor=staff,
        held_on=D0 - days(15),
        place="Havnehuset",
        notes="Vi talte om stien langs stranden.",
        now=T0,
    )
    services.task_add(
        group=group,
        actor=staff,
        title="Indhent tilbud på planter",
        owner_id=members["kiosk"].pk,
        due_on=today - timedelta(days=2),
        now=now,
    )
    output = services.output_add(
        group=group, actor=staff, title="Visionsplan for havnen", text="Havnen skal leve.", now=T0
    )
    services.output_present(
        output_id=output.pk, actor=staff, meeting=citizens_meeting, on=D0, note="90 kom.", now=T0
    )
    return {"group": group, "output": output}


def test_the_list_and_the_group_page_for_everybody(full, municipality, client_for):
    client = client_for(municipality)
    listing = client.get("/samskabelse/")
    assert listing.status_code == 200
    assert "Forstyrrelsesgruppen Strandvig" in listing.content.decode()
    page = client.get(f"/samskabelse/{full['group'].pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    for text in (
        "Havnen skal leve hele året.",  # purpose
        "Skriv en visionsplan",  # mandate
        "Peter Munk",
        "Havnekiosken",
        "Vi talte om stien",  # public notes
        "Indhent tilbud på planter",  # tasks are public
        "Visionsplan for havnen",
        "Borgermøde i Strandvig",  # the trail links the meeting
        "mb-overdue",
    ):
        assert text in body, text
    assert "Signe Holm" in body  # current chair
    assert "Work in the group" not in body and "Arbejd i gruppen" not in body
    assert 'name="status"' not in body  # tasks are read-only for the public


def test_the_group_page_costs_the_same_queries_with_more_rows(
    full, municipality, client_for, staff, members
):
    client = client_for(municipality)
    url = f"/samskabelse/{full['group'].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(4):
        services.task_add(
            group=full["group"],
            actor=staff,
            title=f"Opgave {n}",
            owner_id=members["mette"].pk,
            due_on=D0,
            now=T0,
        )
        services.meeting_add(
            group=full["group"], actor=staff, held_on=D0, place=f"Sted {n}", notes="", now=T0
        )
        services.output_add(group=full["group"], actor=staff, title=f"R {n}", text="x", now=T0)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_a_closed_group_is_hidden_from_outsiders(full, municipality, client_for, outsider, members):
    CoCreationGroup.objects.filter(pk=full["group"].pk).update(is_public=False)
    url = f"/samskabelse/{full['group'].pk}/"
    assert client_for(municipality).get(url).status_code == 404
    assert client_for(municipality, outsider).get(url).status_code == 404
    assert (
        "Forstyrrelsesgruppen"
        not in client_for(municipality, outsider).get("/samskabelse/").content.decode()
    )
    assert (
        client_for(municipality, outsider)
        .get(f"/samskabelse/resultat/{full['output'].pk}/")
        .status_code
        == 404
    )
    assert client_for(municipality, members["signe"].user).get(url).status_code == 200


def test_another_municipality_gets_404(full, other_municipality, client_for, other_staff):
    client = client_for(other_municipality, other_staff)
    group, output = full["group"], full["output"]
    meeting = GroupMeeting.objects.get()
    task = Task.objects.get()
    for url in (
        f"/samskabelse/{group.pk}/",
        f"/samskabelse/{group.pk}/moeder/ny/",
        f"/samskabelse/{group.pk}/opgaver/ny/",
        f"/samskabelse/{group.pk}/formand/",
        f"/samskabelse/{group.pk}/resultater/ny/",
        f"/samskabelse/moede/{meeting.pk}/noter/",
        f"/samskabelse/resultat/{output.pk}/",
        f"/samskabelse/resultat/{output.pk}/sendt/",
        f"/samskabelse/resultat/{output.pk}/afgoerelse/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/samskabelse/opgave/{task.pk}/status/", {"status": "done"}).status_code == 404
    )
    assert (
        client.post(f"/samskabelse/{group.pk}/formand/skift/", {"on": "2025-03-03"}).status_code
        == 404
    )


@pytest.mark.parametrize(
    "path",
    [
        "{g}/moeder/ny/",
        "{g}/opgaver/ny/",
        "{g}/formand/",
        "{g}/resultater/ny/",
        "resultat/{o}/fremlagt/",
    ],
)
def test_who_may_open_the_work_pages(
    full, municipality, client_for, outsider, members, staff, path
):
    url = "/samskabelse/" + path.format(g=full["group"].pk, o=full["output"].pk)
    anonymous = client_for(municipality).get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_for(municipality, outsider).get(url).status_code == 403
    assert client_for(municipality, members["signe"].user).get(url).status_code == 200
    assert client_for(municipality, staff).get(url).status_code == 200


def test_only_staff_open_the_decision_page(full, municipality, client_for, members, staff):
    url = f"/samskabelse/resultat/{full['output'].pk}/afgoerelse/"
    assert client_for(municipality, members["signe"].user).get(url).status_code == 403
    assert client_for(municipality, staff).get(url).status_code == 200


def test_a_member_adds_a_meeting_and_bad_input_keeps_the_text(
    group, members, municipality, client_for
):
    client = client_for(municipality, members["signe"].user, "en")
    url = f"/samskabelse/{group.pk}/moeder/ny/"
    bad = client.post(url, {"held_on": "2025-03-01", "place": "", "notes": "Vores noter"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Write where the group meets." in body and "Vores noter" in body
    assert not GroupMeeting.objects.exists()
    bad_date = client.post(url, {"held_on": "1. marts", "place": "Havnen", "notes": "x"})
    assert bad_date.status_code == 400
    ok = client.post(url, {"held_on": "2025-03-01", "place": "Havnen", "notes": "Vores noter"})
    assert ok.status_code == 302
    meeting = GroupMeeting.objects.get()
    notes = client.post(f"/samskabelse/moede/{meeting.pk}/noter/", {"notes": "Nye noter"})
    assert notes.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "Nye noter"


def test_tasks_from_the_pages(group, members, municipality, client_for, staff, other_municipality):
    client = client_for(municipality, members["mette"].user, "en")
    url = f"/samskabelse/{group.pk}/opgaver/ny/"
    wrong_owner = client.post(
        url, {"title": "Bestil planter", "owner": "999999", "due_on": "2025-04-01"}
    )
    assert wrong_owner.status_code == 400
    assert "Choose one of the group&#x27;s members." in wrong_owner.content.decode()
    assert "Bestil planter" in wrong_owner.content.decode()
    ok = client.post(
        url, {"title": "Bestil planter", "owner": members["kiosk"].pk, "due_on": "2025-04-01"}
    )
    assert ok.status_code == 302
    task = Task.objects.get()
    bad = client.post(f"/samskabelse/opgave/{task.pk}/status/", {"status": "lost"})
    assert bad.status_code == 400
    done = client.post(f"/samskabelse/opgave/{task.pk}/status/", {"status": "done"})
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.done_on is not None
    assert client.get(f"/samskabelse/opgave/{task.pk}/status/").status_code == 405


def test_the_committee_chair_is_refused_on_the_chair_page(group, members, municipality, client_for):
    client = client_for(municipality, members["signe"].user, "en")
    today = timezone.localdate().isoformat()
    refused = client.post(
        f"/samskabelse/{group.pk}/formand/vaelg/", {"member": members["peter"].pk, "on": today}
    )
    assert refused.status_code == 400
    assert "the chair of the committee may not chair this group" in refused.content.decode()
    assert not ChairTerm.objects.exists()
    rotated = client.post(f"/samskabelse/{group.pk}/formand/skift/", {"on": today})
    assert rotated.status_code == 302
    assert ChairTerm.objects.get().member == members["mette"]
    page = client.get(f"/samskabelse/{group.pk}/formand/")
    assert "Mette Juhl" in page.content.decode()
    bad = client.post(f"/samskabelse/{group.pk}/formand/skift/", {"on": "2000-01-01"})
    assert bad.status_code == 400
    assert "before the current chair started" in bad.content.decode()


def test_the_trail_from_the_pages_in_order(
    group, members, municipality, client_for, staff, citizens_meeting, committee
):
    member = client_for(municipality, members["signe"].user, "en")
    created = member.post(
        f"/samskabelse/{group.pk}/resultater/ny/",
        {"title": "Visionsplan", "text": "Havnen skal leve.", "attachment_title": ""},
    )
    assert created.status_code == 302
    output = Output.objects.get()
    today = timezone.localdate().isoformat()
    too_early = member.post(
        f"/samskabelse/resultat/{output.pk}/sendt/",
        {"committee": committee.pk, "requested_amount": "450000", "on": today, "note": "Ansøgning"},
    )
    assert too_early.status_code == 400
    assert "must be presented at a citizens" in too_early.content.decode()
    assert "Ansøgning" in too_early.content.decode()
    presented = member.post(
        f"/samskabelse/resultat/{output.pk}/fremlagt/",
        {"meeting": citizens_meeting.pk, "on": today, "note": "90 kom."},
    )
    assert presented.status_code == 302
    sent = member.post(
        f"/samskabelse/resultat/{output.pk}/sendt/",
        {"committee": committee.pk, "requested_amount": "450000", "on": today, "note": ""},
    )
    assert sent.status_code == 302
    staff_client = client_for(municipality, staff, "en")
    over = staff_client.post(
        f"/samskabelse/resultat/{output.pk}/afgoerelse/",
        {"decision": "granted", "amount": "500000", "on": today, "text": "Bevilget"},
    )
    assert over.status_code == 400
    assert "cannot be more than the 450.000 kr applied for" in over.content.decode()
    no_amount = staff_client.post(
        f"/samskabelse/resultat/{output.pk}/afgoerelse/",
        {"decision": "granted", "amount": "", "on": today, "text": "Bevilget"},
    )
    assert (
        no_amount.status_code == 400 and "Write the amount granted." in no_amount.content.decode()
    )
    granted = staff_client.post(
        f"/samskabelse/resultat/{output.pk}/afgoerelse/",
        {"decision": "granted", "amount": "375000", "on": today, "text": "Bevilget"},
    )
    assert granted.status_code == 302
    page = member.get(f"/samskabelse/resultat/{output.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "375.000 kr" in body and "450.000 kr" in body and "Borgermøde i Strandvig" in body
    output.refresh_from_db()
    assert output.state == "granted"


def test_an_attachment_of_the_wrong_type_is_refused(group, members, municipality, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(municipality, members["signe"].user, "en")
    response = client.post(
        f"/samskabelse/{group.pk}/resultater/ny/",
        {
            "title": "Visionsplan",
            "text": "Havnen skal leve.",
            "attachment": SimpleUploadedFile("virus.exe", b"MZ..."),
            "attachment_title": "",
        },
    )
    assert response.status_code == 400
    assert "is not of an allowed type" in response.content.decode()
    assert "Havnen skal leve." in response.content.decode()
    assert not Output.objects.exists()


def test_residents_follow_a_group(group, municipality, client_for, outsider):
    client = client_for(municipality, outsider)
    response = client.post(
        f"/notifikationer/foelg/cocreation.cocreationgroup/{group.pk}/", {"action": "follow"}
    )
    assert response.status_code == 302
    assert Follow.objects.filter(user=outsider, object_id=group.pk).exists()


def test_pages_in_swedish_and_danish(full, municipality, client_for):
    for language in ("da", "sv"):
        response = client_for(municipality, language=language).get(
            f"/samskabelse/{full['group'].pk}/"
        )
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
