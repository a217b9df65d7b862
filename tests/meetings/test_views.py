from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from medborger.meetings import services
from medborger.meetings.models import Meeting, MeetingKind, Registration, SpeakingSlot
from tests.meetings.conftest import START, T0, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(T0, tick=False):
        yield


def test_list_filters_and_detail(client_for, municipality, meeting, plenum):
    client = client_for(municipality)
    page = client.get("/borgermoeder/")
    assert page.status_code == 200
    assert meeting.title in page.content.decode() and plenum.title in page.content.decode()
    page = client.get("/borgermoeder/?omraade=bakkely")
    assert meeting.title in page.content.decode() and plenum.title not in page.content.decode()
    page = client.get("/borgermoeder/?type=open_plenum")
    assert meeting.title not in page.content.decode()
    assert client.get("/borgermoeder/?type=nonsense").status_code == 400
    detail = client.get(f"/borgermoeder/{meeting.pk}/").content.decode()
    assert "Bakkely Forsamlingshus" in detail and "moede.ics" in detail


def test_other_municipality_is_404(client_for, municipality, other_meeting, resident):
    client = client_for(municipality, resident)
    assert client.get(f"/borgermoeder/{other_meeting.pk}/").status_code == 404
    assert client.post(f"/borgermoeder/{other_meeting.pk}/tilmeld/").status_code == 404


def test_register_full_offers_waiting_list_then_joins(client_for, municipality, make_resident):
    meeting = make_meeting(municipality, capacity=1)
    services.register(meeting_id=meeting.pk, user=make_resident(), now=T0)
    person = make_resident()
    client = client_for(municipality, person, "en")
    response = client.post(f"/borgermoeder/{meeting.pk}/tilmeld/")
    assert response.status_code == 409
    text = response.content.decode()
    assert "The meeting is full" in text and 'id="join-waiting-list"' in text
    assert not Registration.objects.filter(user=person).exists()
    response = client.post(f"/borgermoeder/{meeting.pk}/tilmeld/", {"waiting_list": "1"})
    assert response.status_code == 302
    assert Registration.objects.get(user=person).state == "waiting"
    page = client.get(f"/borgermoeder/{meeting.pk}/").content.decode()
    assert "number 1 on the waiting list" in page


def test_register_twice_is_409_with_message(client_for, municipality, meeting, resident):
    client = client_for(municipality, resident, "en")
    assert client.post(f"/borgermoeder/{meeting.pk}/tilmeld/").status_code == 302
    response = client.post(f"/borgermoeder/{meeting.pk}/tilmeld/")
    assert response.status_code == 409
    assert "already registered" in response.content.decode()
    assert client.post(f"/borgermoeder/{meeting.pk}/afmeld/").status_code == 302
    assert client.post(f"/borgermoeder/{meeting.pk}/afmeld/").status_code == 400


def test_anonymous_register_redirects_to_login(client_for, municipality, meeting):
    response = client_for(municipality).post(f"/borgermoeder/{meeting.pk}/tilmeld/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_my_registrations(client_for, municipality, meeting, resident):
    services.register(meeting_id=meeting.pk, user=resident, now=T0)
    page = client_for(municipality, resident).get("/borgermoeder/mine/")
    assert meeting.title in page.content.decode()


def test_slot_request_form_keeps_text_on_error(client_for, municipality, plenum, resident):
    client = client_for(municipality, resident, "en")
    assert client.get("/borgermoeder/aabent-plenum/").status_code == 200
    response = client.post(
        f"/borgermoeder/{plenum.pk}/taletid/", {"title": "Min idé om stier", "summary": ""}
    )
    assert response.status_code == 400
    assert "Min idé om stier" in response.content.decode()
    response = client.post(
        f"/borgermoeder/{plenum.pk}/taletid/", {"title": "Stier", "summary": "Flere stier"}
    )
    assert response.status_code == 302
    response = client.post(
        f"/borgermoeder/{plenum.pk}/taletid/", {"title": "Igen", "summary": "Igen"}
    )
    assert response.status_code == 400 and "already asked" in response.content.decode()


def test_running_order_hidden_until_published(
    client_for, municipality, plenum, resident, secretary
):
    slot = services.slot_request(
        meeting_id=plenum.pk, user=resident, title="Stier", summary="…", now=T0
    )
    public = client_for(municipality, resident)
    assert public.get(f"/borgermoeder/{plenum.pk}/talerliste/").status_code == 403
    staff = client_for(municipality, secretary, "en")
    assert staff.get(f"/borgermoeder/personale/{plenum.pk}/talere/").status_code == 200
    bad = staff.post(
        f"/borgermoeder/personale/tale/{slot.pk}/tildel/", {f"s{slot.pk}-position": "0"}
    )
    assert bad.status_code == 400
    ok = staff.post(
        f"/borgermoeder/personale/tale/{slot.pk}/tildel/",
        {f"s{slot.pk}-position": "1", f"s{slot.pk}-minutes": "7"},
    )
    assert ok.status_code == 302
    assert (
        staff.post(f"/borgermoeder/personale/{plenum.pk}/talere/offentliggoer/").status_code == 302
    )
    page = public.get(f"/borgermoeder/{plenum.pk}/talerliste/")
    assert page.status_code == 200 and "Stier" in page.content.decode()
    assert SpeakingSlot.objects.get().minutes_allotted == 7


def test_slot_pages_need_the_secretary(client_for, municipality, plenum, officer, resident):
    slot = services.slot_request(
        meeting_id=plenum.pk, user=resident, title="Stier", summary="…", now=T0
    )
    client = client_for(municipality, officer)
    assert client.get(f"/borgermoeder/personale/{plenum.pk}/talere/").status_code == 403
    assert client.post(f"/borgermoeder/personale/tale/{slot.pk}/afvis/").status_code == 403
    assert client_for(municipality, resident).get("/borgermoeder/personale/").status_code == 403


def test_staff_minutes_and_attendance(client_for, municipality, meeting, officer, resident):
    reg = services.register(meeting_id=meeting.pk, user=resident, now=T0)
    with time_machine.travel(START + timedelta(hours=3), tick=False):
        client = client_for(municipality, officer, "en")
        assert client.get(f"/borgermoeder/personale/{meeting.pk}/").status_code == 200
        response = client.post(
            f"/borgermoeder/personale/{meeting.pk}/fremmoede/",
            {"attended": [str(reg.pk)], "attendance_count": "30"},
        )
        assert response.status_code == 302
        response = client.post(
            f"/borgermoeder/personale/{meeting.pk}/referat/", {"minutes": "", "decisions": "x"}
        )
        assert response.status_code == 400
        response = client.post(
            f"/borgermoeder/personale/{meeting.pk}/referat/",
            {"minutes": "Godt møde", "decisions": "Vi gør det"},
        )
        assert response.status_code == 302
        page = client_for(municipality).get(f"/borgermoeder/{meeting.pk}/").content.decode()
    assert "Godt møde" in page and "Vi gør det" in page
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.attendance_count == 30 and meeting.status == "held"


def test_front_page_lists_upcoming_meetings(client_for, municipality, meeting):
    page = client_for(municipality).get("/").content.decode()
    assert meeting.title in page


def test_agenda_link_allow_list(meeting, municipality):
    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import ValidationError

    from medborger.meetings.links import linkable_labels
    from medborger.meetings.models import AgendaItem

    assert "proposals.proposal" in linkable_labels()
    assert "budgeting.budgetproject" in linkable_labels()
    item = AgendaItem(
        meeting=meeting,
        title="x",
        linked_type=ContentType.objects.get_for_model(Meeting),
        linked_id=meeting.pk,
    )
    with pytest.raises(ValidationError):
        item.full_clean()
    assert MeetingKind.OPEN_PLENUM
