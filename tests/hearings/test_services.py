"""Hearing services: responding in the window, as a resident or for an organisation, amending
until close, files checked by name, content and size, replies after close, and the report's
grouping and counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from medborger.core.models import AuditEntry
from medborger.hearings import services
from medborger.hearings.models import HearingResponse, ResponseAttachment, SectionComment
from medborger.hearings.selectors import author_label, hearing_report, hearings_export
from medborger.notifications.models import Notification
from tests.factories import UserFactory, grant
from tests.hearings.conftest import (
    AFTER,
    DURING,
    T0,
    BigUpload,
    docx_bytes,
    pdf_bytes,
    png_bytes,
    section_ids,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def test_a_hearing_gets_the_default_window_and_numbered_sections(hearing):
    assert hearing.closes_at - hearing.opens_at == timedelta(days=14)
    assert [s.number for s in hearing.sections.all()] == [1, 2, 3]
    assert hearing.report_title == "Høringsnotat"


def test_the_window_can_be_configured(municipality):
    hearing = services.hearing_create(
        municipality=municipality,
        actor=None,
        title="Kort",
        summary="x",
        opens_at=T0,
        window_days=21,
        now=T0,
    )
    assert hearing.closes_at - T0 == timedelta(days=21)
    with pytest.raises(services.HearingError, match="close after it opens"):
        services.hearing_create(
            municipality=municipality,
            actor=None,
            title="Forkert",
            summary="x",
            opens_at=T0,
            closes_at=T0 - timedelta(days=1),
            now=T0,
        )


def test_a_resident_cannot_create_a_hearing(municipality, citizen):
    with pytest.raises(services.HearingError) as refused:
        services.hearing_create(
            municipality=municipality, actor=citizen, title="X", summary="x", opens_at=T0, now=T0
        )
    assert refused.value.status == 403


def test_a_resident_responds_overall_and_per_section(hearing, citizen, respond):
    ids = section_ids(hearing)
    response = respond(
        citizen, stance="mixed", sections={ids[1]: "Vejen bliver for smal.", ids[2]: "  "}
    )
    assert response.stance == "mixed"
    assert response.area.name == "Strandvig"
    assert list(response.section_comments.values_list("section__number", "text")) == [
        (2, "Vejen bliver for smal.")
    ]
    assert author_label(response) == "A resident of Strandvig"


def test_a_second_response_amends_the_first_until_close(hearing, citizen, respond):
    ids = section_ids(hearing)
    first = respond(citizen, sections={ids[0]: "For mange boliger."})
    second = respond(
        citizen, comment="Ændret mening.", publish_name=True, at=DURING + timedelta(days=1)
    )
    assert first.pk == second.pk
    assert HearingResponse.objects.count() == 1
    second.refresh_from_db()
    assert second.comment == "Ændret mening."
    assert second.amended_at == DURING + timedelta(days=1)
    assert not SectionComment.objects.exists()  # the section text was left empty this time
    assert author_label(second) == "Karen Kyst"


def test_a_response_after_close_is_refused(hearing, citizen, respond):
    with pytest.raises(services.HearingError, match="closed on") as refused:
        respond(citizen, at=AFTER)
    assert refused.value.status == 409
    assert not HearingResponse.objects.exists()


def test_a_response_before_the_hearing_opens_is_refused(hearing, citizen, respond):
    with pytest.raises(services.HearingError, match="opens on"):
        respond(citizen, at=T0 - timedelta(hours=1))


def test_an_empty_response_is_refused(hearing, citizen, respond):
    with pytest.raises(services.HearingError, match="Write your response"):
        respond(citizen, comment="  ")


def test_an_unknown_stance_or_section_is_refused(hearing, other_hearing, citizen, respond):
    with pytest.raises(services.HearingError, match="stances"):
        respond(citizen, stance="maybe")
    with pytest.raises(services.HearingError, match="no such section"):
        respond(citizen, sections={section_ids(other_hearing)[0]: "Forkert høring"})
    assert not HearingResponse.objects.exists()


def test_an_organisation_responds_through_its_responsible_person(
    hearing, organisation, neighbour, respond
):
    own = respond(neighbour, comment="Som privatperson.")
    club = respond(neighbour, organisation_id=organisation.pk, comment="Klubben mener ...")
    assert own.pk != club.pk
    assert author_label(club) == "Strandvig Sejlklub"
    assert author_label(own) == "A resident"  # not verified: no area known


def test_only_the_responsible_person_speaks_for_an_organisation(
    hearing, organisation, citizen, respond
):
    with pytest.raises(services.HearingError, match="responsible person") as refused:
        respond(citizen, organisation_id=organisation.pk)
    assert refused.value.status == 403


def test_an_organisation_of_another_municipality_is_refused(
    hearing, other_municipality, citizen, respond
):
    from tests.factories import OrganisationFactory

    foreign = OrganisationFactory(municipality=other_municipality, responsible_person=citizen)
    with pytest.raises(services.HearingError, match="responsible person"):
        respond(citizen, organisation_id=foreign.pk)


def test_attachments_are_kept_with_their_kind(hearing, citizen, respond):
    response = respond(
        citizen,
        files=[upload("skitse.png", png_bytes()), upload("Indsigelse.docx", docx_bytes())],
    )
    assert sorted(response.attachments.values_list("name", "kind")) == [
        ("Indsigelse.docx", "docx"),
        ("skitse.png", "png"),
    ]


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("virus.exe", b"MZ\x90\x00"), "not an allowed type"),
        (upload("tal.xlsx", xlsx_bytes()), "not an allowed type"),
        (upload("falsk.pdf", png_bytes()), "not what its name says"),
        (upload("tom.pdf", b""), "is empty"),
        (BigUpload("stor.pdf", pdf_bytes(), 11 * 1024 * 1024), "too large"),
    ],
)
def test_a_bad_attachment_is_refused_and_nothing_saved(hearing, citizen, respond, file, message):
    with pytest.raises(services.HearingError, match=message):
        respond(citizen, files=[file])
    assert not HearingResponse.objects.exists()
    assert not ResponseAttachment.objects.exists()


def test_at_most_three_attachments_in_all(hearing, citizen, respond):
    respond(citizen, files=[upload(f"{n}.pdf", pdf_bytes()) for n in range(2)])
    with pytest.raises(services.HearingError, match="at most 3"):
        respond(citizen, files=[upload(f"n{n}.pdf", pdf_bytes()) for n in range(2)])
    response = HearingResponse.objects.get()
    assert response.attachments.count() == 2
    keep = response.attachments.first()
    services.response_submit(
        hearing=hearing,
        user=citizen,
        data=services.ResponseData(comment="Nye filer"),
        attachments=[upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())],
        remove_attachments=[response.attachments.last().pk],
        now=DURING,
    )
    assert response.attachments.count() == 3
    assert keep in response.attachments.all()


def test_document_checks(hearing, official):
    document = services.document_add(
        hearing=hearing,
        actor=official,
        title="Planforslag",
        upload=upload("plan.pdf", pdf_bytes()),
        now=T0,
    )
    assert document.kind == "pdf" and document.size > 0
    services.document_add(
        hearing=hearing, actor=official, title="", upload=upload("tal.xlsx", xlsx_bytes()), now=T0
    )
    with pytest.raises(services.HearingError, match="not an allowed type"):
        services.document_add(
            hearing=hearing, actor=official, title="", upload=upload("a.png", png_bytes()), now=T0
        )
    with pytest.raises(services.HearingError, match="too large"):
        services.document_add(
            hearing=hearing,
            actor=official,
            title="",
            upload=BigUpload("a.pdf", pdf_bytes(), 21 * 1024 * 1024),
            now=T0,
        )


# --- replies and themes ---------------------------------------------------------------------------


def test_the_reply_waits_for_the_close_but_themes_do_not(hearing, citizen, official, respond):
    response = respond(citizen)
    trafik = hearing.themes.get(name="Trafik")
    with pytest.raises(services.HearingError, match="Reply after the hearing closes"):
        services.response_reply(
            response_id=response.pk, official=official, reply="Tak.", now=DURING
        )
    services.response_reply(
        response_id=response.pk, official=official, reply="", theme_ids=[trafik.pk], now=DURING
    )
    assert list(response.themes.all()) == [trafik]


def test_a_reply_is_public_audited_and_the_author_told(hearing, citizen, official, respond):
    response = respond(citizen)
    services.response_reply(
        response_id=response.pk, official=official, reply="Strandengen bevares.", now=AFTER
    )
    response.refresh_from_db()
    assert response.reply == "Strandengen bevares."
    assert response.replied_by == official and response.replied_at == AFTER
    assert AuditEntry.objects.filter(action="hearing_response.replied", actor=official).exists()
    assert Notification.objects.filter(recipient=citizen, event="hearing.replied").count() == 1
    # Correcting the reply does not tell the author again.
    services.response_reply(response_id=response.pk, official=official, reply="Rettet.", now=AFTER)
    assert Notification.objects.filter(recipient=citizen).count() == 1


def test_only_officials_reply_and_only_with_this_hearings_themes(
    hearing, other_hearing, citizen, respond, municipality
):
    response = respond(citizen)
    moderator = grant(UserFactory(), "moderator", municipality)
    with pytest.raises(services.HearingError) as refused:
        services.response_reply(response_id=response.pk, official=moderator, reply="x", now=AFTER)
    assert refused.value.status == 403
    official = grant(UserFactory(), "case_officer", municipality)
    foreign_theme = services.theme_add(
        hearing=other_hearing,
        official=grant(UserFactory(), "case_officer", other_hearing.municipality),
        name="Fremmed",
        now=T0,
    )
    with pytest.raises(services.HearingError, match="themes of this hearing"):
        services.response_reply(
            response_id=response.pk,
            official=official,
            reply="x",
            theme_ids=[foreign_theme.pk],
            now=AFTER,
        )


def test_theme_names_are_unique_per_hearing(hearing, official):
    services.theme_add(hearing=hearing, official=official, name="Støj", now=T0)
    with pytest.raises(services.HearingError, match="already has a theme"):
        services.theme_add(hearing=hearing, official=official, name="natur", now=T0)
    with pytest.raises(services.HearingError, match="Write the name"):
        services.theme_add(hearing=hearing, official=official, name=" ", now=T0)


# --- the report -----------------------------------------------------------------------------------


def test_the_report_groups_and_counts(
    hearing, citizen, neighbour, organisation, official, respond, municipality
):
    ids = section_ids(hearing)
    natur, trafik = hearing.themes.get(name="Natur"), hearing.themes.get(name="Trafik")
    third = grant(UserFactory(name="Tove Tredje"), "resident", municipality)
    a = respond(citizen, stance="agree", sections={ids[2]: "Bevar strandengen."})
    b = respond(
        neighbour,
        organisation_id=organisation.pk,
        stance="disagree",
        comment="",
        sections={ids[1]: "For lidt parkering.", ids[2]: "Sejlklubben skal blive."},
    )
    c = respond(third, comment="Generelt fint.", publish_name=True)
    for response, reply, themes in [
        (a, "Strandengen er fredet.", [natur.pk]),
        (b, "Der kommer 40 p-pladser.", [natur.pk, trafik.pk]),
        (c, "Tak for dit svar.", []),
    ]:
        services.response_reply(
            response_id=response.pk, official=official, reply=reply, theme_ids=themes, now=AFTER
        )

    report = hearing_report(hearing=hearing)
    assert report.counts.responses == 3
    assert [(r.label, r.count) for r in report.section_rows] == [
        ("1. Boliger", 0),
        ("2. Trafik og parkering", 1),
        ("3. Natur og strand", 2),
    ]
    assert [(r.label, r.count) for r in report.theme_rows] == [
        ("Natur", 2),
        ("Trafik", 1),
        ("Without a theme", 1),
    ]
    assert [(r.label, r.count) for r in report.stance_rows] == [
        ("agree", 1),
        ("partly agree", 0),
        ("disagree", 1),
        ("no stance given", 1),
    ]
    general, *sections = report.by_section
    assert [e.author for e in general.entries] == ["A resident of Strandvig", "Tove Tredje"]
    assert [e.number for e in sections[2].entries] == [1, 2]
    assert sections[2].entries[1].text == "Sejlklubben skal blive."
    assert sections[2].entries[1].response.reply == "Der kommer 40 p-pladser."
    assert [e.author for e in report.by_theme[0].entries] == [
        "A resident of Strandvig",
        "Strandvig Sejlklub",
    ]
    assert report.replied == 3


def test_the_report_has_no_stale_cache(hearing, citizen, official, respond):
    response = respond(citizen)
    assert hearing_report(hearing=hearing).replied == 0
    services.response_reply(response_id=response.pk, official=official, reply="Svar", now=AFTER)
    assert hearing_report(hearing=hearing).replied == 1


def test_the_report_costs_a_constant_number_of_queries(
    hearing, municipality, respond, django_assert_max_num_queries
):
    for n in range(6):
        respond(
            grant(UserFactory(), "resident", municipality),
            sections={section_ids(hearing)[n % 3]: "x"},
        )
    with django_assert_max_num_queries(9):
        report = hearing_report(hearing=hearing)
        assert sum(len(g.entries) for g in report.by_theme) == 6


def test_export_lists_own_responses_and_replies(hearing, citizen, official, respond):
    respond(citizen, files=[upload("a.pdf", pdf_bytes())])
    response = HearingResponse.objects.get()
    services.response_reply(response_id=response.pk, official=official, reply="Svar", now=AFTER)
    assert hearings_export(citizen)["responses"][0]["attachments"] == ["a.pdf"]
    assert hearings_export(official)["replies_written_by_you"][0]["hearing"] == hearing.title
