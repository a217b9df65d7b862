"""Every model that points at a user is covered by the data download (GDPR art. 15 and 20)."""

import json

import pytest
from django.apps import apps
from django.db import models

from medborger.accounts.models import User
from medborger.core.personal_data import export_all

# model label → the section of the download that holds it
COVERAGE = {
    "accounts.identity": "identity",
    "accounts.roleassignment": "roles",
    "core.auditentry": "staff_actions",
    "places.committee": "places",
    "places.committeemembership": "places",
    "places.organisation": "places",
    "places.infopage": "places",
    "comments.comment": "comments",
    "comments.commentreport": "comments",
    "notifications.follow": "follows",
    "notifications.notification": "notifications",
    "proposals.proposal": "proposals",
    "proposals.coproposer": "proposals",
    "proposals.support": "proposals",
    "proposals.question": "proposals",
    "budgeting.paperballotsheet": "budgeting",
    "budgeting.budgetproject": "budgeting",
    "implementation.delivery": "implementation",
    "implementation.spendentry": "implementation",
    "implementation.update": "implementation",
    "fasttrack.application": "fasttrack",
    "meetings.registration": "meetings",
    "meetings.speakingslot": "meetings",
    "volunteering.membership": "volunteering",
    "volunteering.signup": "volunteering",
    "volunteering.hoursentry": "volunteering",
    "volunteering.contribution": "volunteering",
    "volunteering.certificatecheck": "volunteering",
    "premises.bookingrequest": "premises",
    "cocreation.membership": "cocreation",
    "hearings.hearingresponse": "hearings",
    "goals.measurement": "goals",
}


def models_pointing_at_users() -> set[str]:
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("medborger."):
            continue
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey | models.OneToOneField)
                and field.related_model is User
            ):
                found.add(model._meta.label_lower)
    return found


def test_every_model_with_a_user_is_in_the_download():
    missing = models_pointing_at_users() - set(COVERAGE)
    assert not missing, f"add an exporter for {sorted(missing)} and list it in COVERAGE"


@pytest.mark.django_db
def test_download_has_every_section(municipality, resident, client_for):
    data = json.loads(client_for(municipality, resident).get("/profil/data.json").content)
    sections = set(data) | set(export_all(resident))
    assert set(COVERAGE.values()) <= sections
