"""Hearing pages: every URL for every kind of visitor, a response sent and amended through the
form, every refusal shown with the typed text kept and a 4xx status, the report hidden until the
close, and another municipality's hearings 404."""

from __future__ import annotations

import io

import pytest
import time_machine
from pypdf import PdfReader

from medborger.hearings import services
from medborger.hearings.models import HearingResponse
from tests.factories import UserFactory, grant
from tests.hearings.conftest import (
    AFTER,
    DURING,
    T0,
    pdf_bytes,
    png_bytes,
    section_ids,
    upload,
)

pytestmark = pytest.mark.django_db


def form(hearing, **overrides):  # type: ignore[no-untyped-def]
    ids = section_ids(hearing)
    values = {
        "organisation": "",
        "stance": "mixed",
        "comment": "Husk strandengen, den er unik.",
        f"section_{ids[1]}": "Vejen skal ikke gå gennem Strandstræde.",
        "publish_name": "",
    }
    values.update(overrides)
    return values


@time_machine.travel(DURING, tick=False)
def test_public_pages(client_for, municipality, hearing):
    client = client_for(municipality)
    page = client.get("/hoeringer/")
    assert page.status_code == 200 and hearing.title in page.content.decode()
    detail = client.get(f"/hoeringer/{hearing.pk}/").content.decode()
    assert "Trafik og parkering" in detail and "Baggrund</h3>" in detail
    assert client.get(f"/hoeringer/{hearing.pk}/svar/").status_code == 302  # sign in first


@time_machine.travel(DURING, tick=False)
def test_markdown_in_the_body_is_made_safe(client_for, municipality, hearing):
    hearing.body = "<script>alert(1)</script> [x](javascript:alert(1))"
    hearing.save()
    html = client_for(municipality).get(f"/hoeringer/{hearing.pk}/").content.decode()
    assert "<script>alert" not in html and "javascript:alert" not in html


def test_another_municipalitys_hearing_is_404(client_for, municipality, other_hearing, citizen):
    client = client_for(municipality, citizen)
    for path in ["", "svar/", "notat/", "notat.pdf"]:
        assert client.get(f"/hoeringer/{other_hearing.pk}/{path}").status_code == 404


def test_an_unpublished_hearing_is_404_for_residents_but_seen_by_staff(
    client_for, municipality, hearing, citizen, official
):
    hearing.is_published = False
    hearing.save()
    assert client_for(municipality, citizen).get(f"/hoeringer/{hearing.pk}/").status_code == 404
    assert client_for(municipality, official).get(f"/hoeringer/{hearing.pk}/").status_code == 200


@time_machine.travel(DURING, tick=False)
def test_a_response_through_the_form_and_amended(client_for, municipality, hearing, citizen):
    client = client_for(municipality, citizen)
    sent = client.post(
        f"/hoeringer/{hearing.pk}/svar/",
        form(hearing, attachments=[upload("skitse.png", png_bytes())]),
    )
    assert sent.status_code == 302
    response = HearingResponse.objects.get()
    assert response.stance == "mixed" and response.attachments.count() == 1
    again = client.get(f"/hoeringer/{hearing.pk}/svar/").content.decode()
    assert "Husk strandengen, den er unik." in again  # the form is filled with the response
    assert "skitse.png" in again  # and offers to remove the file
    client.post(
        f"/hoeringer/{hearing.pk}/svar/",
        form(hearing, comment="Ny tekst", remove_attachments=[response.attachments.get().pk]),
    )
    response.refresh_from_db()
    assert response.comment == "Ny tekst" and response.attachments.count() == 0
    assert HearingResponse.objects.count() == 1
    page = client.get(f"/hoeringer/{hearing.pk}/").content.decode()
    assert "Ny tekst" in page


@time_machine.travel(AFTER, tick=False)
def test_a_response_after_close_is_409_and_the_text_kept(
    client_for, municipality, hearing, citizen
):
    client = client_for(municipality, citizen, language="en")
    page = client.get(f"/hoeringer/{hearing.pk}/svar/")
    assert page.status_code == 200 and "closed on" in page.content.decode()
    refused = client.post(f"/hoeringer/{hearing.pk}/svar/", form(hearing, comment="Kom for sent"))
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "closed on" in html and "Kom for sent" in html
    assert not HearingResponse.objects.exists()


@time_machine.travel(AFTER, tick=False)
def test_an_invalid_form_after_close_is_also_409(client_for, municipality, hearing, citizen):
    refused = client_for(municipality, citizen).post(
        f"/hoeringer/{hearing.pk}/svar/", form(hearing, comment="", stance="nonsense")
    )
    assert refused.status_code == 409


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([upload("virus.exe", b"MZ")], "not an allowed type"),
        ([upload("falsk.pdf", png_bytes())], "not what its name says"),
        ([upload("stor.pdf", pdf_bytes() + b"0" * (11 * 1024 * 1024))], "too large"),
        ([upload(f"{n}.pdf", pdf_bytes()) for n in range(4)], "at most 3"),
    ],
)
def test_a_bad_attachment_is_400_and_the_text_kept(
    client_for, municipality, hearing, citizen, files, message
):
    refused = client_for(municipality, citizen, language="en").post(
        f"/hoeringer/{hearing.pk}/svar/", form(hearing, attachments=files)
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert message in html
    assert "Husk strandengen, den er unik." in html
    assert "Vejen skal ikke gå gennem Strandstræde." in html
    assert not HearingResponse.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_an_empty_response_is_400(client_for, municipality, hearing, citizen):
    ids = section_ids(hearing)
    refused = client_for(municipality, citizen, language="en").post(
        f"/hoeringer/{hearing.pk}/svar/", form(hearing, comment="", **{f"section_{ids[1]}": ""})
    )
    assert refused.status_code == 400 and "Write your response" in refused.content.decode()


@time_machine.travel(DURING, tick=False)
def test_an_organisation_response_and_a_forged_one(
    client_for, municipality, hearing, organisation, neighbour, citizen
):
    ok = client_for(municipality, neighbour).post(
        f"/hoeringer/{hearing.pk}/svar/", form(hearing, organisation=str(organisation.pk))
    )
    assert ok.status_code == 302
    assert HearingResponse.objects.get().organisation == organisation
    forged = client_for(municipality, citizen, language="en").post(
        f"/hoeringer/{hearing.pk}/svar/", form(hearing, organisation=str(organisation.pk))
    )
    assert forged.status_code == 400  # not a choice offered to this person
    assert HearingResponse.objects.count() == 1


@time_machine.travel(DURING, tick=False)
def test_the_report_waits_for_the_close(client_for, municipality, hearing):
    client = client_for(municipality, language="en")
    page = client.get(f"/hoeringer/{hearing.pk}/notat/")
    assert page.status_code == 200 and "comes when the hearing closes" in page.content.decode()
    assert client.get(f"/hoeringer/{hearing.pk}/notat.pdf").status_code == 404


def test_the_report_page_and_pdf_after_close(
    client_for, municipality, hearing, citizen, official, respond
):
    response = respond(citizen)
    services.response_reply(
        response_id=response.pk, official=official, reply="Vi bevarer engen.", now=AFTER
    )
    with time_machine.travel(AFTER, tick=False):
        client = client_for(municipality)
        page = client.get(f"/hoeringer/{hearing.pk}/notat/").content.decode()
        assert "Høringsnotat" in page and "Vi bevarer engen." in page
        pdf = client.get(f"/hoeringer/{hearing.pk}/notat.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Vi bevarer engen." in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages
    )


def test_a_swedish_municipality_gets_a_remissammanstallning(client_for, hearing, municipality):
    municipality.country = "SE"
    municipality.save()
    with time_machine.travel(AFTER, tick=False):
        page = client_for(municipality, language="sv").get(f"/hoeringer/{hearing.pk}/notat/")
    assert "Remissammanställning" in page.content.decode()


def test_documents_and_response_files(
    client_for, municipality, hearing, official, citizen, neighbour, respond
):
    document = services.document_add(
        hearing=hearing,
        actor=official,
        title="Plan",
        upload=upload("plan.pdf", pdf_bytes()),
        now=T0,
    )
    got = client_for(municipality).get(f"/hoeringer/{hearing.pk}/bilag/{document.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF")
    assert client_for(municipality).get(f"/hoeringer/{hearing.pk}/bilag/9999/").status_code == 404
    response = respond(citizen, files=[upload("mit.pdf", pdf_bytes())])
    attachment = response.attachments.get()
    path = f"/hoeringer/svar/{response.pk}/fil/{attachment.pk}/"
    assert client_for(municipality, citizen).get(path).status_code == 200
    assert client_for(municipality, official).get(path).status_code == 200
    assert client_for(municipality, neighbour).get(path).status_code == 403
    assert client_for(municipality).get(path).status_code == 302


def test_staff_pages_and_roles(client_for, municipality, hearing, citizen, official, respond):
    response = respond(citizen)
    moderator = grant(UserFactory(), "moderator", municipality)
    assert client_for(municipality, citizen).get("/hoeringer/personale/").status_code == 403
    assert (
        client_for(municipality, moderator).get(f"/hoeringer/personale/{hearing.pk}/").status_code
        == 200
    )
    assert (
        client_for(municipality, moderator)
        .get(f"/hoeringer/personale/svar/{response.pk}/")
        .status_code
        == 403
    )
    staff = client_for(municipality, official)
    assert staff.get("/hoeringer/personale/").status_code == 200
    assert staff.get(f"/hoeringer/personale/{hearing.pk}/").status_code == 200
    assert staff.get(f"/hoeringer/personale/svar/{response.pk}/").status_code == 200


def test_a_reply_before_close_is_400_and_kept_after_close_saved(
    client_for, municipality, hearing, citizen, official, respond
):
    response = respond(citizen)
    natur = hearing.themes.get(name="Natur")
    staff = client_for(municipality, official, language="en")
    with time_machine.travel(DURING, tick=False):
        early = staff.post(
            f"/hoeringer/personale/svar/{response.pk}/",
            {"reply": "For tidligt svar", "themes": [natur.pk]},
        )
    assert early.status_code == 400
    assert (
        "Reply after the hearing closes" in early.content.decode()
        and "For tidligt svar" in early.content.decode()
    )
    with time_machine.travel(AFTER, tick=False):
        done = staff.post(
            f"/hoeringer/personale/svar/{response.pk}/", {"reply": "Tak", "themes": [natur.pk]}
        )
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.reply == "Tak" and list(response.themes.all()) == [natur]


def test_a_theme_from_another_hearing_is_400(
    client_for, municipality, hearing, citizen, official, respond
):
    response = respond(citizen)
    other = services.theme_add(
        hearing=services.hearing_create(
            municipality=municipality, actor=None, title="B", summary="b", opens_at=T0, now=T0
        ),
        official=official,
        name="Andet",
        now=T0,
    )
    bad = client_for(municipality, official).post(
        f"/hoeringer/personale/svar/{response.pk}/", {"reply": "", "themes": [other.pk]}
    )
    assert bad.status_code == 400


def test_staff_adds_a_theme_and_a_duplicate_is_400(client_for, municipality, hearing, official):
    staff = client_for(municipality, official, language="en")
    assert (
        staff.post(f"/hoeringer/personale/{hearing.pk}/tema/", {"name": "Støj"}).status_code == 302
    )
    dup = staff.post(f"/hoeringer/personale/{hearing.pk}/tema/", {"name": "støj"})
    assert dup.status_code == 400 and "already has a theme" in dup.content.decode()
    assert staff.post(f"/hoeringer/personale/{hearing.pk}/tema/", {"name": ""}).status_code == 400


def test_staff_of_another_municipality_gets_404(
    client_for, other_municipality, hearing, citizen, respond
):
    response = respond(citizen)
    foreign = grant(UserFactory(), "case_officer", other_municipality)
    client = client_for(other_municipality, foreign)
    assert client.get(f"/hoeringer/personale/{hearing.pk}/").status_code == 404
    assert client.get(f"/hoeringer/personale/svar/{response.pk}/").status_code == 404
    assert (
        client.post(f"/hoeringer/personale/svar/{response.pk}/", {"reply": "x"}).status_code == 404
    )


def test_the_list_costs_a_constant_number_of_queries(
    client_for, municipality, django_assert_max_num_queries
):
    for n in range(5):
        services.hearing_create(
            municipality=municipality, actor=None, title=f"H{n}", summary="s", opens_at=T0, now=T0
        )
    with django_assert_max_num_queries(12):
        assert client_for(municipality).get("/hoeringer/").status_code == 200


def test_the_front_page_shows_open_hearings(municipality, client_for):
    from datetime import timedelta

    from django.utils import timezone

    from medborger.hearings.models import Hearing

    now = timezone.now()
    Hearing.objects.create(
        municipality=municipality,
        title="Lokalplan for havnen",
        summary="Sig din mening om den nye lokalplan.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
    )
    html = client_for(municipality, language="en").get("/").content.decode()
    assert "Hearings open for responses" in html and "Lokalplan for havnen" in html
