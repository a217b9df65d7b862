"""Everything that changes a hearing or its responses. Views call these; the rules (window,
status, file types, counts) are in medborger.domain.lifecycle.hearings.

A response is written under a row lock on the hearing, so the close check and the
one-response-per-person rule hold when two tabs send at the same moment; the unique constraints
in the database are the last guard. A person may amend their response until the hearing closes;
the administration replies after it has closed, so the reply answers the final text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from medborger.accounts.models import User
from medborger.core.audit import audit_record, snapshot
from medborger.domain.lifecycle import hearings as lifecycle
from medborger.domain.lifecycle.hearings import Stance, Status
from medborger.hearings.files import upload_refusal
from medborger.hearings.models import (
    COMMENT_MAX,
    REPLY_MAX,
    SECTION_COMMENT_MAX,
    Hearing,
    HearingDocument,
    HearingResponse,
    HearingSection,
    HearingTheme,
    ResponseAttachment,
    SectionComment,
)
from medborger.hearings.rules import is_official
from medborger.places.models import Area, Committee, Municipality, Organisation


class HearingError(Exception):
    """A refusal the user can read; the view shows it next to the form field it names (or above
    the form when `field` is None)."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.field = field
        self.status = status


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _require_official(user: Any, municipality: Municipality) -> None:
    if not is_official(user, municipality):
        raise HearingError(
            _("Only a case officer or an administrator of the municipality can do this."),
            status=403,
        )


# --- setting up a hearing (staff; also used by the demo) -----------------------------------------


@dataclass
class SectionData:
    title: str
    text: str = ""


@transaction.atomic
def hearing_create(
    *,
    municipality: Municipality,
    actor: Any,
    title: str,
    summary: str,
    body: str = "",
    opens_at: datetime,
    closes_at: datetime | None = None,
    window_days: int = lifecycle.DEFAULT_WINDOW_DAYS,
    area: Area | None = None,
    committee: Committee | None = None,
    sections: list[SectionData] | None = None,
    themes: list[str] | None = None,
    now: datetime,
) -> Hearing:
    if actor is not None:
        _require_official(actor, municipality)
    if not title.strip():
        raise HearingError(_("Write a title."), field="title")
    if window_days < 1:
        raise HearingError(_("The hearing must be open for at least one day."), field="closes_at")
    closes = closes_at or lifecycle.default_closes_at(opens_at, window_days)
    if closes <= opens_at:
        raise HearingError(_("The hearing must close after it opens."), field="closes_at")
    if area is not None and area.municipality_id != municipality.pk:
        raise HearingError(_("The area belongs to another municipality."), field="area")
    if committee is not None and committee.municipality_id != municipality.pk:
        raise HearingError(_("The committee belongs to another municipality."), field="committee")
    hearing = Hearing.objects.create(
        municipality=municipality,
        area=area,
        committee=committee,
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        opens_at=opens_at,
        closes_at=closes,
    )
    for number, section in enumerate(sections or [], start=1):
        HearingSection.objects.create(
            hearing=hearing, number=number, title=section.title.strip(), text=section.text.strip()
        )
    for name in dict.fromkeys(t.strip() for t in themes or [] if t.strip()):
        HearingTheme.objects.create(hearing=hearing, name=name)
    audit_record(
        actor=actor,
        action="hearing.created",
        target=hearing,
        before={},
        after=snapshot(hearing),
        at=now,
    )
    return hearing


@transaction.atomic
def document_add(
    *, hearing: Hearing, actor: Any, title: str, upload: Any, now: datetime
) -> HearingDocument:
    if actor is not None:
        _require_official(actor, hearing.municipality)
    message = upload_refusal(
        upload, allowed=lifecycle.DOCUMENT_KINDS, max_bytes=lifecycle.DOCUMENT_MAX_BYTES
    )
    if message:
        raise HearingError(message, field="file")
    name = str(upload.name).rsplit("/", 1)[-1]
    document = HearingDocument(
        hearing=hearing,
        title=title.strip() or name,
        kind=lifecycle.kind_by_name(name) or "",
        size=int(upload.size),
    )
    document.file.save(name, upload if isinstance(upload, File) else File(upload), save=False)
    document.save()
    audit_record(
        actor=actor,
        action="hearing_document.added",
        target=hearing,
        before={},
        after=snapshot(document),
        at=now,
    )
    return document


@transaction.atomic
def theme_add(*, hearing: Hearing, official: User, name: str, now: datetime) -> HearingTheme:
    _require_official(official, hearing.municipality)
    name = name.strip()
    if not name:
        raise HearingError(_("Write the name of the theme."), field="name")
    if HearingTheme.objects.filter(hearing=hearing, name__iexact=name).exists():
        raise HearingError(_("The hearing already has a theme with this name."), field="name")
    theme = HearingTheme.objects.create(hearing=hearing, name=name)
    audit_record(
        actor=official,
        action="hearing_theme.created",
        target=hearing,
        before={},
        after={"theme": name},
        at=now,
    )
    return theme


# --- responding ----------------------------------------------------------------------------------


@dataclass
class ResponseData:
    comment: str = ""
    stance: str = ""
    publish_name: bool = False
    organisation_id: int | None = None
    # section id → text; an empty text removes the comment on that section
    sections: dict[int, str] = field(default_factory=dict)


def responsible_organisations(*, user: Any, municipality: Municipality) -> list[Organisation]:
    """The organisations this person may respond for: those where they are the responsible
    person, in this municipality."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(municipality=municipality, responsible_person=user).order_by(
            "name"
        )
    )


def _locked_hearing(hearing_id: int) -> Hearing:
    return (
        Hearing.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=hearing_id)
    )


def closed_message(hearing: Hearing) -> str:
    return _(
        "The hearing closed on %(closed)s, so it no longer takes responses. What you wrote is "
        "still in the form: copy it if you want to keep it, or write to the municipality."
    ) % {"closed": _when(hearing.closes_at)}


def _check_open(hearing: Hearing, now: datetime) -> None:
    state = hearing.status(now=now)
    if state == Status.UPCOMING:
        raise HearingError(
            _("The hearing opens on %(opens)s. You can respond from then.")
            % {"opens": _when(hearing.opens_at)},
            status=409,
        )
    if state == Status.CLOSED:
        raise HearingError(closed_message(hearing), status=409)


def _residence_area(user: Any, municipality: Municipality) -> Area | None:
    identity = getattr(user, "identity", None)
    if identity is None or identity.residence_municipality_id != municipality.pk:
        return None
    return identity.residence_area


@transaction.atomic
def response_submit(
    *,
    hearing: Hearing,
    user: User,
    data: ResponseData,
    attachments: list[Any] | None = None,
    remove_attachments: list[int] | None = None,
    now: datetime,
) -> tuple[HearingResponse, bool]:
    """Send a response, or amend the one already sent (as this person, or for this organisation).
    Returns the response and whether it was new."""
    hearing = _locked_hearing(hearing.pk)
    _check_open(hearing, now)
    organisation = None
    if data.organisation_id is not None:
        organisation = Organisation.objects.filter(
            pk=data.organisation_id, municipality=hearing.municipality, responsible_person=user
        ).first()
        if organisation is None:
            raise HearingError(
                _(
                    "You can only respond on behalf of an organisation you are the responsible person for."
                ),
                field="organisation",
                status=403,
            )
    if data.stance not in {s.value for s in Stance}:
        raise HearingError(_("Choose one of the stances, or none."), field="stance")
    comment = data.comment.strip()
    if len(comment) > COMMENT_MAX:
        raise HearingError(
            _("The comment is too long. Write at most %(count)s characters.")
            % {"count": COMMENT_MAX},
            field="comment",
        )
    sections = {s.pk: s for s in hearing.sections.all()}
    texts: dict[int, str] = {}
    for section_id, text in data.sections.items():
        if section_id not in sections:
            raise HearingError(_("The hearing has no such section."))
        if len(text.strip()) > SECTION_COMMENT_MAX:
            raise HearingError(
                _("The comment on a section can be at most %(count)s characters.")
                % {"count": SECTION_COMMENT_MAX},
                field=f"section_{section_id}",
            )
        if text.strip():
            texts[section_id] = text.strip()
    if not comment and not texts:
        raise HearingError(
            _("Write your response: an overall comment, or a comment on at least one section."),
            field="comment",
        )
    existing = HearingResponse.objects.select_for_update(of=("self",)).filter(
        hearing=hearing, author=user
    )
    existing = (
        existing.filter(organisation=organisation)
        if organisation
        else existing.filter(organisation__isnull=True)
    )
    response = existing.first()
    created = response is None
    files = [f for f in attachments or [] if f]
    removing = set(remove_attachments or [])
    kept = 0 if response is None else response.attachments.exclude(pk__in=removing).count()
    if kept + len(files) > lifecycle.RESPONSE_MAX_ATTACHMENTS:
        raise HearingError(
            _("Add at most %(count)s files to a response.")
            % {"count": lifecycle.RESPONSE_MAX_ATTACHMENTS},
            field="attachments",
        )
    for upload in files:
        message = upload_refusal(
            upload,
            allowed=lifecycle.RESPONSE_KINDS,
            max_bytes=lifecycle.RESPONSE_ATTACHMENT_MAX_BYTES,
        )
        if message:
            raise HearingError(message, field="attachments")
    if response is None:
        response = HearingResponse(
            hearing=hearing, municipality=hearing.municipality, author=user, submitted_at=now
        )
    else:
        response.amended_at = now
    response.organisation = organisation
    response.area = _residence_area(user, hearing.municipality)
    response.publish_name = data.publish_name
    response.comment = comment
    response.stance = data.stance
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise HearingError(
            _("You have already responded. Open the hearing again to change your response."),
            status=409,
        ) from None
    response.section_comments.exclude(section_id__in=texts).delete()
    for section_id, text in texts.items():
        SectionComment.objects.update_or_create(
            response=response, section_id=section_id, defaults={"text": text}
        )
    for attachment in response.attachments.filter(pk__in=removing):
        attachment.file.delete(save=False)
        attachment.delete()
    for upload in files:
        name = str(upload.name).rsplit("/", 1)[-1][:200]
        attachment = ResponseAttachment(
            response=response,
            name=name,
            kind=lifecycle.kind_by_name(name) or "",
            size=int(upload.size),
            uploaded_at=now,
        )
        upload.seek(0)
        attachment.file.save(name, upload if isinstance(upload, File) else File(upload), save=False)
        attachment.save()
    return response, created


# --- the administration's reply -------------------------------------------------------------------


@transaction.atomic
def response_reply(
    *,
    response_id: int,
    official: User,
    reply: str,
    theme_ids: list[int] | None = None,
    now: datetime,
) -> HearingResponse:
    """Write (or correct) the public reply to a response and set its themes. Themes can be set
    while the hearing is open; the reply is written after it has closed."""
    response = (
        HearingResponse.objects.select_for_update(of=("self",))
        .select_related("hearing", "municipality", "author")
        .get(pk=response_id)
    )
    _require_official(official, response.municipality)
    hearing = response.hearing
    themes = list(HearingTheme.objects.filter(hearing=hearing, pk__in=theme_ids or []))
    if len(themes) != len(set(theme_ids or [])):
        raise HearingError(_("Choose themes of this hearing."), field="themes")
    reply = reply.strip()
    if len(reply) > REPLY_MAX:
        raise HearingError(
            _("The reply can be at most %(count)s characters.") % {"count": REPLY_MAX},
            field="reply",
        )
    if reply and not hearing.is_closed(now=now):
        raise HearingError(
            _(
                "Reply after the hearing closes on %(closes)s: until then the response can still "
                "change. You can set the themes now."
            )
            % {"closes": _when(hearing.closes_at)},
            field="reply",
        )
    before = snapshot(response)
    before_themes = sorted(response.themes.values_list("name", flat=True))
    first_reply = bool(reply) and not response.reply
    response.reply = reply
    if reply and reply != (before or {}).get("reply"):
        response.replied_at = now
        response.replied_by = official
    if not reply:
        response.replied_at = None
        response.replied_by = None
    response.save()
    response.themes.set(themes)
    after = snapshot(response)
    audit_record(
        actor=official,
        action="hearing_response.replied",
        target=response,
        municipality=response.municipality,
        before={**(before or {}), "themes": before_themes},
        after={**(after or {}), "themes": sorted(t.name for t in themes)},
        at=now,
    )
    if first_reply and response.author is not None:
        from medborger.notifications.services import notify_users

        notify_users(
            users=[response.author],
            target=hearing,
            event="hearing.replied",
            title=_("The municipality has replied to your response: %(title)s")
            % {"title": hearing.title},
            body=reply[:500],
            url=hearing.get_absolute_url() + "notat/",
            now=now,
        )
    return response
