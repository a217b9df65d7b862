"""The demo co-creation group of Lyngholt Kommune: a Hedensted-style "forstyrrelsesgruppe" for
Strandvig, with politicians, an official, residents, an association, a business and an expert.

The chair has rotated twice (the rotation skips the chair of Teknik- og Miljøudvalget, as the
municipality's rule says); the group has met twice; one task is overdue; and its vision plan has
been presented at a citizens' meeting, sent to the committee and granted.

Everything is driven through the real services at the time it happened, so the chair history,
the trail, the audit log and the notifications are what the pages would have made. The group
keeps its id; what belongs to it is rebuilt on every run, so dates stay relative to today."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from medborger.cocreation import services
from medborger.cocreation.models import (
    ChairTerm,
    CoCreationGroup,
    CoCreationPolicy,
    GroupMeeting,
    Membership,
    Output,
    Task,
)
from medborger.core.models import AuditEntry
from medborger.notifications.models import Follow, Notification

GROUP_NAME = "Forstyrrelsesgruppen for Strandvig Havn og Strand"

PURPOSE = """Strandvig har en smuk strand og en lille havn, men området bruges mest om sommeren. Gruppen skal finde ud af, hvordan havnen og stranden kan blive et sted, hvor folk mødes hele året.

Gruppen skal "forstyrre" kommunens egne planer: stille spørgsmål, hente idéer fra borgerne og pege på det, de lokale selv vil være med til at løfte."""

MANDATE = """Gruppen skriver en visionsplan inden for et halvt år. Planen fremlægges på et borgermøde i Strandvig og sendes derefter til Teknik- og Miljøudvalget med en ansøgning om penge.

Gruppen kan ikke selv bevilge penge eller træffe afgørelser for kommunen. Kommunen betaler arkitekt, beplantning og drift. Foreninger og borgere bidrager med frivilligt arbejde. Penge, der spares ved samskabelse, bliver i Strandvig."""

VISION_PLAN = """# Visionsplan for Strandvig Havn og Strand

Strandvig skal have et havne- og strandområde, der er levende hele året, for både børn, unge og ældre.

# Det foreslår vi
- **Et fælleshus på havnen** med plads til havkajakker, omklædning og en sauna, som foreninger og borgere driver sammen.
- **En sti langs stranden** fra havnen til campingpladsen, med bænke og lys, så den også kan bruges om vinteren.
- **Klitbeplantning** med hjemmehørende planter, som Grønne Hold passer.
- **En legeplads af drivtømmer** ved den nordlige badebro.

# Hvem gør hvad
Kommunen betaler arkitekt, materialer og beplantning. Strandvig Grønne Hold og Strandvig Havnekiosk står for arbejdsdage, pasning af beplantning og udlån af kajakker. Driften af fælleshuset deles mellem foreningerne.

# Tidsplan
Stien og beplantningen kan laves i år. Fælleshuset kræver byggetilladelse og kan tidligst stå klar om to år."""

MEETING_ONE_NOTES = """Første møde. Vi præsenterede os for hinanden og talte om, hvad Strandvig mangler.

- Mange savner et sted at mødes på havnen uden for sommerferien.
- Grønne Hold vil gerne passe beplantning, hvis kommunen betaler planterne.
- Vi aftalte, at formandsposten går på skift hver anden måned.

Næste møde: en gåtur langs stranden med landskabsarkitekten."""

MEETING_TWO_NOTES = """Vi gennemgik udkastet til visionsplanen afsnit for afsnit.

- Stien skal have lys, men det må ikke genere fuglene i klitterne. Landskabsarkitekten undersøger lave lamper.
- Havnekiosken tilbyder at låne kajakker ud, hvis der kommer et skur.
- Planen fremlægges på borgermødet i Strandvig, før den sendes til udvalget.

Alle var enige om planen med de rettelser, vi skrev ind."""


def _clear(group: CoCreationGroup) -> None:
    outputs = [str(pk) for pk in Output.objects.filter(group=group).values_list("pk", flat=True)]
    tasks = [str(pk) for pk in Task.objects.filter(group=group).values_list("pk", flat=True)]
    meetings = [
        str(pk) for pk in GroupMeeting.objects.filter(group=group).values_list("pk", flat=True)
    ]
    members = [
        str(pk) for pk in Membership.objects.filter(group=group).values_list("pk", flat=True)
    ]
    AuditEntry.objects.filter(
        Q(target_type=Output._meta.label, target_id__in=outputs)
        | Q(target_type=Task._meta.label, target_id__in=tasks)
        | Q(target_type=GroupMeeting._meta.label, target_id__in=meetings)
        | Q(target_type=Membership._meta.label, target_id__in=members)
        | Q(target_type=CoCreationGroup._meta.label, target_id=str(group.pk))
    ).delete()
    Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(CoCreationGroup), object_id=group.pk
    ).delete()
    for output in Output.objects.filter(group=group):
        for attachment in output.attachments.all():
            attachment.file.delete(save=False)
    Output.objects.filter(group=group).delete()
    Task.objects.filter(group=group).delete()
    ChairTerm.objects.filter(group=group).delete()
    GroupMeeting.objects.filter(group=group).delete()
    Membership.objects.filter(group=group).delete()


def _demo_meeting(context: Any) -> Any:
    """The citizens' meeting the plan was presented at: the meetings demo's past Strandvig
    meeting, or else the municipality's latest past meeting, within the group's period; None when
    the meetings demo has made none."""
    from medborger.meetings.models import Meeting

    past = Meeting.objects.filter(
        municipality=context.municipality,
        starts_at__lt=context.now - timedelta(hours=3),
        starts_at__gte=context.now - timedelta(days=130),
    ).exclude(status="cancelled")
    return (
        past.filter(title__icontains="Strandvig").order_by("-starts_at", "-pk").first()
        or past.order_by("-starts_at", "-pk").first()
    )


def load_cocreation(context: Any) -> list[str]:
    now = context.now
    today = timezone.localdate(now)

    def at(days_ago: int) -> datetime:
        return now - timedelta(days=days_ago)

    def day(days_ago: int) -> Any:
        return timezone.localdate(at(days_ago))

    CoCreationPolicy.objects.update_or_create(
        municipality=context.municipality, defaults={"chair_must_not_be_committee_chair": True}
    )
    committee = context.committees["teknik-og-miljoe"]
    group, _created = CoCreationGroup.objects.update_or_create(
        municipality=context.municipality,
        name=GROUP_NAME,
        defaults={
            "area": context.areas["strandvig"],
            "committee": committee,
            "purpose": PURPOSE,
            "mandate": MANDATE,
            "starts_on": day(160),
            "ends_on": today + timedelta(days=30),
            "status": "active",
            "is_public": True,
            "chair_must_not_be_committee_chair": True,
        },
    )
    _clear(group)
    staff = context.staff
    admin = staff["admin"]
    residents = context.residents
    association = context.organisations["Strandvig Grønne Hold"]
    joined = day(160)

    def add(role: str, *, user: Any = None, name: str = "", organisation: Any = None) -> Any:
        return services.member_add(
            group=group,
            actor=admin,
            role=role,
            joined_on=joined,
            user=user,
            display_name=name,
            organisation=organisation,
            now=at(160),
        )

    add("politician", user=staff["politician_c"])  # chairs Teknik- og Miljøudvalget
    mette = add("official", user=staff["case_officer"])
    signe = add("resident", user=residents[5])
    add("resident", user=residents[12])
    green = add(
        "association",
        user=association.responsible_person,
        name=f"{association.responsible_person.name}, Strandvig Grønne Hold",
        organisation=association,
    )
    kiosk = add("business", name="Jonas Brandt, Strandvig Havnekiosk")
    expert = add("expert", name="Sofie Krag, landskabsarkitekt")
    yasmin = add("politician", user=staff["politician_b"])

    # The chair: Yasmin Ali first; the rotation then wraps round, skips Peter Munk (the
    # committee chair) and goes to Mette Juhl; then to Signe.
    services.chair_appoint(
        group_id=group.pk, member_id=yasmin.pk, actor=admin, on=day(155), now=at(155)
    )
    services.chair_rotate(group_id=group.pk, actor=admin, on=day(100), now=at(100))
    services.chair_rotate(group_id=group.pk, actor=admin, on=day(45), now=at(45))

    services.meeting_add(
        group=group,
        actor=admin,
        held_on=day(150),
        place="Strandvig Forsamlingshus, Strandvejen 2",
        notes=MEETING_ONE_NOTES,
        now=at(150),
    )
    services.meeting_add(
        group=group,
        actor=admin,
        held_on=day(60),
        place="Havnehuset, Havnevej 7, Strandvig",
        notes=MEETING_TWO_NOTES,
        now=at(60),
    )

    draft = services.task_add(
        group=group,
        actor=admin,
        title="Skriv udkast til visionsplanen",
        owner_id=signe.pk,
        due_on=day(65),
        now=at(140),
    )
    services.task_set_status(task_id=draft.pk, actor=admin, status="done", now=at(66))
    services.task_add(
        group=group,
        actor=admin,
        title="Indhent tre tilbud på klitbeplantning",
        owner_id=kiosk.pk,
        due_on=day(10),
        now=at(58),
    )
    lamps = services.task_add(
        group=group,
        actor=admin,
        title="Undersøg lave lamper til stien, der ikke generer fuglene",
        owner_id=expert.pk,
        due_on=today + timedelta(days=14),
        now=at(58),
    )
    services.task_set_status(task_id=lamps.pk, actor=admin, status="in_progress", now=at(20))
    services.task_add(
        group=group,
        actor=admin,
        title="Planlæg arbejdsdag med Grønne Hold",
        owner_id=green.pk,
        due_on=today + timedelta(days=21),
        now=at(5),
    )

    follower = residents[20]
    Follow.objects.get_or_create(
        user=follower,
        content_type=ContentType.objects.get_for_model(CoCreationGroup),
        object_id=group.pk,
        defaults={"municipality": context.municipality, "created_at": at(150)},
    )

    meeting = _demo_meeting(context)
    presented_ago = (today - timezone.localdate(meeting.starts_at)).days if meeting else 30
    plan = services.output_add(
        group=group,
        actor=mette.user,
        title="Visionsplan for Strandvig Havn og Strand",
        text=VISION_PLAN,
        now=at(presented_ago + 15),
    )
    services.output_present(
        output_id=plan.pk,
        actor=signe.user,
        meeting=meeting,
        on=day(presented_ago),
        note=(
            "Omkring 90 borgere var med. De fleste bakkede op om stien og beplantningen; "
            "flere bad om, at fælleshuset også kan bruges af skolen."
            if meeting
            else "Borgermøde i Strandvig Forsamlingshus. Omkring 90 borgere var med. De fleste "
            "bakkede op om stien og beplantningen; flere bad om, at fælleshuset også kan bruges "
            "af skolen."
        ),
        now=at(presented_ago),
    )
    sent_ago = max(0, presented_ago - 5)
    decided_ago = max(0, presented_ago - 20)
    services.output_send(
        output_id=plan.pk,
        actor=mette.user,
        committee=committee,
        requested_amount=450_000,
        on=day(sent_ago),
        note="Ansøgning om penge til arkitekt, sti, lys og beplantning.",
        now=at(sent_ago),
    )
    services.output_decide(
        output_id=plan.pk,
        actor=staff["secretary"],
        granted=True,
        amount=375_000,
        on=day(decided_ago),
        text=(
            "Teknik- og Miljøudvalget bevilger 375.000 kr. til sti, lys og klitbeplantning. "
            "Fælleshuset indgår ikke i bevillingen; udvalget beder forvaltningen undersøge det "
            "til næste års budget."
        ),
        now=at(decided_ago),
    )
    linked = f"linked to «{meeting.title}»" if meeting else "no demo meeting yet, not linked"
    return [
        f"Co-creation: 1 group, {Membership.objects.filter(group=group).count()} members, "
        f"{ChairTerm.objects.filter(group=group).count()} chair terms, "
        f"a vision plan granted ({linked})."
    ]
