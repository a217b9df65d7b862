"""Demo implementation tracking for Lyngholt Kommune.

Runs after the budgeting loader (apps load in INSTALLED_APPS order, and so do their loaders) and
gives every funded project of the demo municipality a delivery record, through the real services
so the audit log and the dates are genuine. The first five funded projects show five situations:

1. a visible result on time, with photos;
2. in progress (with a first part already visible, when enough time has passed);
3. delayed, with no visible result past its three-month deadline (red on the staff dashboard);
4. done, with the whole budget spent;
5. a visible result after the deadline (late, no longer red).

Further funded projects are planned. With no funded projects the loader does nothing. Dates are
counted from the day voting closed and never lie in the future: a situation that needs more time
than has passed since the vote is shown as far as the calendar allows.
"""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from medborger.budgeting.models import BudgetProject
from medborger.domain.lifecycle.implementation import deadlines
from medborger.implementation import services
from medborger.implementation.models import Delivery, DeliveryRules, UpdatePhoto
from medborger.implementation.selectors import decision_date, rules_of


def _photo(seed: int, kind: str, title: str) -> bytes:
    """A small drawn JPEG: grass and sky with a sign that names the project, and flowers or
    neighbours at the opening. Drawn, so the alt text can say exactly what it shows."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)  # noqa: S311 - demo pictures, reproducible on purpose
    width, height = 480, 320
    image = Image.new("RGB", (width, height), (170, 210, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((390, 24, 446, 80), fill=(255, 220, 90))  # the sun
    draw.rectangle((0, 210, width, height), fill=(96, 160, 70))  # grass
    # The sign with the project's name.
    draw.rectangle((236, 150, 246, 250), fill=(110, 75, 40))
    draw.rectangle((120, 60, 362, 160), fill=(250, 250, 245), outline=(60, 60, 60), width=3)
    font = ImageFont.load_default(size=20)
    lines = textwrap.wrap(title, width=20)[:3]
    for n, line in enumerate(lines):
        draw.text(
            (241, 110 + (n - (len(lines) - 1) / 2) * 26),
            line,
            fill=(20, 20, 20),
            font=font,
            anchor="mm",
        )
    if kind == "flowers":
        for _n in range(80):
            x, y = rng.randint(5, width - 5), rng.randint(220, height - 5)
            colour = rng.choice([(230, 60, 70), (250, 200, 40), (150, 90, 200), (255, 255, 255)])
            draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=colour)
    else:  # neighbours at the opening, a ribbon across
        draw.line((40, 215, 440, 215), fill=(200, 30, 40), width=5)
        for x in range(50, 440, 55):
            colour = rng.choice([(40, 80, 160), (200, 120, 40), (120, 40, 120), (30, 120, 90)])
            top = rng.randint(215, 235)
            draw.ellipse((x - 9, top, x + 9, top + 18), fill=(240, 200, 170))
            draw.rectangle((x - 12, top + 18, x + 12, top + 70), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _demo_file(name: str, data: bytes) -> ContentFile[bytes]:
    """A file that replaces the one from the previous run instead of piling up beside it."""
    field = UpdatePhoto._meta.get_field("image")
    path = field.generate_filename(None, name)  # type: ignore[attr-defined]
    if field.storage.exists(path):  # type: ignore[attr-defined]
        field.storage.delete(path)  # type: ignore[attr-defined]
    return ContentFile(data, name=name)


MILESTONES = [
    ("Aftale med leverandør på plads", 14),
    ("Arbejdet går i gang", 30),
    ("Det første kan ses", 75),
    ("Indvielse med naboerne", 150),
]

SPENDING = [
    ("Materialer og levering", Decimal("0.30")),
    ("Entreprenør, første rate", Decimal("0.35")),
    ("Planter, jord og skilte", Decimal("0.15")),
    ("Entreprenør, sidste rate og indvielse", Decimal("0.20")),
]


def load_implementation(context: Any) -> list[str]:
    municipality = context.municipality
    now: datetime = context.now or timezone.now()
    today = timezone.localdate(now)
    DeliveryRules.objects.update_or_create(
        municipality=municipality,
        defaults={"visible_result_months": 3, "spend_months": 12, "warn_days": 14},
    )
    funded = list(
        BudgetProject.objects.filter(
            process__municipality=municipality, status=BudgetProject.Status.FUNDED
        )
        .select_related("process", "process__municipality")
        .order_by("process__voting_closes", "pk")
    )
    if not funded:
        return ["Implementation tracking: no funded projects yet, nothing to track."]
    # Rebuilt on every run, like the budgets they belong to.
    Delivery.objects.filter(project__in=funded).delete()
    staff = context.staff.get("case_officer") or context.staff.get("admin")
    rules = rules_of(municipality)
    situations: list[Callable[..., str]] = [_on_time, _in_progress, _overdue, _done, _late]
    said = []
    for index, project in enumerate(funded):
        decided = decision_date(project)
        due = deadlines(
            decided,
            visible_result_months=rules.visible_result_months,
            spend_months=rules.spend_months,
        )

        def at(days: int, decided: date = decided) -> datetime:
            """Noon, `days` after the decision, but never after today."""
            day = min(decided + timedelta(days=days), today)
            return timezone.make_aware(datetime.combine(day, time(12)))

        delivery = services.delivery_start(
            project=project, actor=staff, now=at(1), responsible=staff
        )

        def reached(days: int, decided: date = decided) -> bool:
            return decided + timedelta(days=days) <= today

        situation = situations[index] if index < len(situations) else _planned
        said.append(
            situation(delivery=delivery, staff=staff, at=at, reached=reached, today=today, due=due)
        )
    counted = ", ".join(f"{n} {label}" for label, n in Counter(said).items())
    return [f"Implementation tracking: {len(funded)} funded projects ({counted})."]


def _milestones(
    delivery: Delivery, staff: Any, at: Callable[[int], datetime], done_until: int
) -> None:
    for title, days in MILESTONES:
        services.milestone_add(
            delivery_id=delivery.pk,
            actor=staff,
            title=title,
            due_on=delivery.started_on + timedelta(days=days),
            now=at(1),
        )
    for milestone in delivery.milestones.order_by("due_on"):
        days = (milestone.due_on - delivery.started_on).days
        if days <= done_until and at(days).date() >= milestone.due_on - timedelta(days=2):
            services.milestone_mark(
                milestone_id=milestone.pk,
                delivery_id=delivery.pk,
                actor=staff,
                done=True,
                now=at(days - 2),
            )


def _spend(delivery: Delivery, staff: Any, at: Callable[[int], datetime], parts: int) -> None:
    budget = Decimal(delivery.budget)
    amounts = [(budget * share).quantize(Decimal(1)) for _purpose, share in SPENDING]
    amounts[-1] = budget - sum(amounts[:-1])  # the parts add up to the budget exactly
    for n, ((purpose, _share), amount) in enumerate(zip(SPENDING, amounts, strict=True)):
        if n >= parts:
            break
        when = at(10 + 30 * n)
        services.spend_add(
            delivery_id=delivery.pk,
            actor=staff,
            spent_on=when.date(),
            amount=amount,
            purpose=purpose,
            now=when,
        )


def _status(delivery: Delivery, staff: Any, status: str, when: datetime, reason: str = "") -> None:
    services.delivery_status_change(
        delivery_id=delivery.pk, actor=staff, status=status, reason=reason, now=when
    )


def _on_time(*, delivery: Delivery, staff: Any, at: Callable[[int], datetime], **_: Any) -> str:
    title = delivery.project.title
    _milestones(delivery, staff, at, done_until=75)
    _status(delivery, staff, Delivery.Status.IN_PROGRESS, at(20))
    _spend(delivery, staff, at, parts=3)
    services.update_post(
        delivery_id=delivery.pk,
        actor=staff,
        text=(
            f"Nu er vi i gang med {title}. Leverandøren er valgt, og de første materialer er "
            "kommet. Vi regner med, at I kan se det første resultat om et par uger."
        ),
        now=at(25),
    )
    _status(delivery, staff, Delivery.Status.VISIBLE_RESULT, at(60))
    services.update_post(
        delivery_id=delivery.pk,
        actor=staff,
        text=(
            "Nu kan I se resultatet! Tak til alle, der stemte, og til de frivillige, der gav en "
            "hånd med. Der mangler kun en lille indvielse, som vi inviterer til her."
        ),
        photos=[
            services.PhotoUpload(
                image=_demo_file("demo-visible-result-1.jpg", _photo(1, "flowers", title)),
                alt_text=f"Tegning: et skilt med teksten »{title}« på en græsplæne med blomster.",
            ),
            services.PhotoUpload(
                image=_demo_file("demo-visible-result-2.jpg", _photo(2, "opening", title)),
                alt_text=f"Tegning: naboer ved et rødt bånd foran skiltet »{title}«.",
            ),
        ],
        now=at(61),
    )
    return "with a visible result on time"


def _in_progress(
    *,
    delivery: Delivery,
    staff: Any,
    at: Callable[[int], datetime],
    reached: Callable[[int], bool],
    **_: Any,
) -> str:
    _milestones(delivery, staff, at, done_until=30)
    _status(delivery, staff, Delivery.Status.IN_PROGRESS, at(18))
    _spend(delivery, staff, at, parts=2)
    services.update_post(
        delivery_id=delivery.pk,
        actor=staff,
        text=(
            "Arbejdet er gået i gang. Entreprenøren er på stedet de næste uger, så der kan være "
            "lidt larm i dagtimerne. Vi skriver her, når der er nyt."
        ),
        now=at(32),
    )
    if reached(56):
        # The first part can be seen; the rest is still being built.
        _status(delivery, staff, Delivery.Status.VISIBLE_RESULT, at(50))
        _status(delivery, staff, Delivery.Status.IN_PROGRESS, at(56))
        services.update_post(
            delivery_id=delivery.pk,
            actor=staff,
            text=(
                "Første del er færdig og kan bruges allerede nu. Nu går vi videre med resten, "
                "som efter planen er klar inden for et par måneder."
            ),
            now=at(56),
        )
    return "in progress"


def _overdue(
    *,
    delivery: Delivery,
    staff: Any,
    at: Callable[[int], datetime],
    today: date,
    due: Any,
    **_: Any,
) -> str:
    _milestones(delivery, staff, at, done_until=14)
    _status(delivery, staff, Delivery.Status.IN_PROGRESS, at(20))
    _spend(delivery, staff, at, parts=1)
    _status(
        delivery,
        staff,
        Delivery.Status.PAUSED,
        at(70),
        reason=(
            "Leverandøren har meldt forsinkelse på materialerne. Vi venter på en ny "
            "leveringsdato og skriver her, så snart vi kender den."
        ),
    )
    if today > due.visible_result_due:
        return "delayed past its three-month deadline (red)"
    return "delayed (its three-month deadline has not passed yet)"


def _done(*, delivery: Delivery, staff: Any, at: Callable[[int], datetime], **_: Any) -> str:
    _milestones(delivery, staff, at, done_until=150)
    _status(delivery, staff, Delivery.Status.IN_PROGRESS, at(12))
    _spend(delivery, staff, at, parts=len(SPENDING))
    _status(delivery, staff, Delivery.Status.VISIBLE_RESULT, at(45))
    _status(delivery, staff, Delivery.Status.DONE, at(120))
    for milestone in delivery.milestones.filter(done_on__isnull=True):
        services.milestone_mark(
            milestone_id=milestone.pk, delivery_id=delivery.pk, actor=staff, done=True, now=at(120)
        )
    services.update_post(
        delivery_id=delivery.pk,
        actor=staff,
        text=(
            "Projektet er færdigt, og hele beløbet er brugt som planlagt. Tak for en god "
            "indvielse, hvor over 60 naboer kom forbi."
        ),
        photos=[
            services.PhotoUpload(
                image=_demo_file("demo-done-1.jpg", _photo(3, "opening", delivery.project.title)),
                alt_text=(
                    f"Tegning: naboer til indvielsen foran skiltet »{delivery.project.title}«."
                ),
            )
        ],
        now=at(121),
    )
    return "done with the whole budget spent"


def _late(
    *,
    delivery: Delivery,
    staff: Any,
    at: Callable[[int], datetime],
    reached: Callable[[int], bool],
    **_: Any,
) -> str:
    """Held up by a permit, then shown after the deadline: late, but no longer red."""
    _milestones(delivery, staff, at, done_until=30)
    _status(delivery, staff, Delivery.Status.IN_PROGRESS, at(25))
    _spend(delivery, staff, at, parts=2)
    if not reached(100):
        return "in progress"
    _status(
        delivery,
        staff,
        Delivery.Status.PAUSED,
        at(45),
        reason="Vi venter på en tilladelse fra kommunens vejafdeling, før vi må grave.",
    )
    _status(delivery, staff, Delivery.Status.IN_PROGRESS, at(80))
    _status(delivery, staff, Delivery.Status.VISIBLE_RESULT, at(100))
    services.update_post(
        delivery_id=delivery.pk,
        actor=staff,
        text=(
            "Tilladelsen kom, og nu kan I se resultatet. Det tog længere tid end de tre måneder, "
            "vi havde lovet. Tak for tålmodigheden."
        ),
        now=at(100),
    )
    return "with a visible result after the deadline"


def _planned(**_: Any) -> str:
    return "planned"
