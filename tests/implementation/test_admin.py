"""The Django admin: municipal admins set their deadline months and read (never edit) deliveries,
their own municipality's only."""

from __future__ import annotations

import pytest

from medborger.core.models import AuditEntry
from medborger.implementation.models import DeliveryRules
from medborger.implementation.services import delivery_start
from tests.factories import UserFactory, grant
from tests.implementation.conftest import DECIDED_ON, at, make_process, make_project

pytestmark = pytest.mark.django_db


def test_deadline_months_are_set_in_the_admin_and_audited(municipality, client_for):
    admin = grant(UserFactory(is_staff=True), "municipal_admin", municipality)
    client = client_for(municipality, admin, language="en")
    response = client.post(
        "/admin/implementation/deliveryrules/add/",
        {
            "municipality": municipality.pk,
            "visible_result_months": 2,
            "spend_months": 12,
            "warn_days": 7,
        },
    )
    assert response.status_code == 302
    assert DeliveryRules.objects.get(municipality=municipality).visible_result_months == 2
    assert AuditEntry.objects.filter(action="deliveryrules.created", actor=admin).exists()


def test_deliveries_are_read_only_and_scoped(
    municipality, other_municipality, project, officer, client_for
):
    own = delivery_start(project=project, actor=officer, now=at(DECIDED_ON, 20))
    elsewhere_officer = grant(UserFactory(), "case_officer", other_municipality)
    other = delivery_start(
        project=make_project(make_process(other_municipality, slug="andet"), title="Andet projekt"),
        actor=elsewhere_officer,
        now=at(DECIDED_ON, 20),
    )
    admin = grant(UserFactory(is_staff=True), "municipal_admin", municipality)
    client = client_for(municipality, admin, language="en")
    listing = client.get("/admin/implementation/delivery/").content.decode()
    assert own.project.title in listing and other.project.title not in listing
    assert client.get("/admin/implementation/delivery/add/").status_code == 403
