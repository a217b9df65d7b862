import pytest
from django.core.management import call_command

from medborger.accounts.models import Identity, RoleAssignment, User
from medborger.places.models import Area, InfoPage, Municipality

pytestmark = pytest.mark.django_db


def counts():
    return (
        Municipality.objects.count(),
        Area.objects.count(),
        User.objects.count(),
        Identity.objects.count(),
        RoleAssignment.objects.count(),
        InfoPage.objects.count(),
    )


def test_load_demo_is_safe_to_run_twice():
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    municipality = Municipality.objects.get(slug="lyngholt")
    roles = set(
        RoleAssignment.objects.filter(municipality=municipality).values_list("role", flat=True)
    )
    assert roles == {
        "resident",
        "moderator",
        "case_officer",
        "committee_secretary",
        "politician",
        "municipal_admin",
    }
    residents = RoleAssignment.objects.filter(municipality=municipality, role="resident").count()
    assert residents == 50
    verified = Identity.objects.filter(user__role_assignments__role="resident").count()
    assert 0 < verified < 50
    assert InfoPage.objects.filter(municipality=municipality).count() == 9
