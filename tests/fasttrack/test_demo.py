"""The demo fast-track pool: an application in every state (and both overdue flags), a report with
a real photo, the pool's sum right, and a second run that duplicates nothing."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from django.utils import timezone
from PIL import Image

from medborger.core import demo
from medborger.core.models import AuditEntry
from medborger.fasttrack.demo import load_fasttrack
from medborger.fasttrack.models import Application, FastTrackPool, ReportPhoto

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        FastTrackPool.objects.count(),
        Application.objects.count(),
        ReportPhoto.objects.count(),
        AuditEntry.objects.filter(target_type="fasttrack.Application").count(),
    )


def test_the_loader_is_registered():
    assert load_fasttrack in demo._LOADERS


def test_every_state_and_a_second_run_duplicates_nothing():
    context = demo.load_foundation()
    summary = load_fasttrack(context)
    first = counts()
    pool = FastTrackPool.objects.get()
    load_fasttrack(demo.load_foundation())
    assert counts() == first
    assert FastTrackPool.objects.get().pk == pool.pk
    assert summary[0].startswith("Fast-track pool: 7 applications")

    pool.refresh_from_db()
    assert (pool.amount, pool.project_cap, pool.decision_days) == (100_000, 25_000, 14)
    now = timezone.now()
    statuses = {a.status(now=now, today=timezone.localdate(now)) for a in Application.objects.all()}
    assert statuses == {
        "submitted",
        "decision_overdue",
        "approved",
        "rejected",
        "paid",
        "report_overdue",
        "reported",
    }
    granted = Application.objects.filter(state__in=["approved", "paid", "reported"]).aggregate(
        total=Sum("granted_amount")
    )["total"]
    assert pool.granted == granted == 36_500 and pool.remaining == 63_500
    rejected = Application.objects.get(state="rejected")
    assert "Kultur- og Fritidsudvalgets" in rejected.decision_reason
    lower = Application.objects.get(state="approved")
    assert lower.granted_amount < lower.amount_requested and lower.decision_reason
    assert all(a.responsible_name and a.responsible_phone for a in Application.objects.all())

    photo = ReportPhoto.objects.get()
    assert photo.application.state == "reported" and photo.description
    with photo.image.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG" and image.size == (640, 420)
