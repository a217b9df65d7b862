"""A municipal admin works in the Django admin only inside their own municipality."""

import pytest

from medborger.accounts.models import RoleAssignment
from medborger.core.models import AuditEntry
from tests.factories import CommitteeFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(municipality, client_for):
    admin = grant(UserFactory(is_staff=True), "municipal_admin", municipality)
    return admin, client_for(municipality, admin)


def test_cannot_make_anyone_platform_admin(admin_client, municipality):
    admin, client = admin_client
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": admin.pk, "role": "platform_admin", "municipality": ""},
    )
    assert response.status_code == 200  # the form comes back with errors
    assert not RoleAssignment.objects.filter(role="platform_admin").exists()
    assert (
        "platform_admin" not in client.get("/admin/accounts/roleassignment/add/").content.decode()
    )


def test_cannot_grant_roles_in_another_municipality(admin_client, other_municipality):
    _admin, client = admin_client
    person = UserFactory()
    client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": person.pk, "role": "moderator", "municipality": other_municipality.pk},
    )
    assert not RoleAssignment.objects.filter(user=person).exists()


def test_can_grant_roles_in_own_municipality_and_it_is_audited(admin_client, municipality):
    admin, client = admin_client
    person = UserFactory()
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": person.pk, "role": "moderator", "municipality": municipality.pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user=person, role="moderator", municipality=municipality
    ).exists()
    assert AuditEntry.objects.filter(action="roleassignment.created", actor=admin).exists()


def test_host_names_are_read_only_for_municipal_admins(admin_client, municipality):
    _admin, client = admin_client
    page = client.get(f"/admin/places/municipality/{municipality.pk}/change/").content.decode()
    assert 'name="hosts"' not in page and 'name="name"' in page


def test_a_host_name_belongs_to_one_municipality(municipality, other_municipality):
    from django.core.exceptions import ValidationError

    other_municipality.hosts = "anden.test\nlyngby.test"
    with pytest.raises(ValidationError) as error:
        other_municipality.full_clean(exclude=["logo"])
    assert "hosts" in error.value.message_dict


def test_user_list_shows_only_own_people(admin_client, municipality, other_municipality):
    _admin, client = admin_client
    ours = grant(UserFactory(email="vores@example.org"), "resident", municipality)
    theirs = grant(UserFactory(email="deres@example.org"), "resident", other_municipality)
    listing = client.get("/admin/accounts/user/").content.decode()
    assert ours.email in listing and theirs.email not in listing
    lookup = client.get(
        "/admin/autocomplete/?app_label=accounts&model_name=roleassignment&field_name=user&term=deres"
    )
    assert "deres@" not in lookup.content.decode()


def test_inline_changes_are_audited(admin_client, municipality):
    admin, client = admin_client
    committee = CommitteeFactory(municipality=municipality)
    member = grant(UserFactory(), "politician", municipality)
    response = client.post(
        f"/admin/places/committee/{committee.pk}/change/",
        {
            "municipality": municipality.pk,
            "name": committee.name,
            "slug": committee.slug,
            "description": "",
            "secretary": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": member.pk,
            "memberships-0-role": "member",
            "memberships-0-party": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AuditEntry.objects.filter(action="committeemembership.created", actor=admin).exists()


def test_staff_pages_without_a_municipality_are_404(municipality, other_municipality, client):
    root = UserFactory(is_superuser=True, is_staff=True)
    grant(root, "platform_admin", None)
    client.force_login(root)
    assert client.get("/personale/sider/", HTTP_HOST="ukendt.test").status_code == 404
    assert client.get("/personale/sider/privacy/da/", HTTP_HOST="ukendt.test").status_code == 404


def test_read_only_admins(admin_client, municipality, other_municipality):
    _admin, client = admin_client
    from medborger.core.audit import audit_record

    audit_record(actor=None, action="test.ours", municipality=municipality)
    audit_record(actor=None, action="test.theirs", municipality=other_municipality)
    listing = client.get("/admin/core/auditentry/").content.decode()
    assert "test.ours" in listing and "test.theirs" not in listing
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    # What people follow is personal data: platform administrators only.
    assert client.get("/admin/notifications/follow/").status_code == 403
