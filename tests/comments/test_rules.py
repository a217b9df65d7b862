import pytest
from django.contrib.auth.models import AnonymousUser

from medborger.comments.services import comment_create
from tests.factories import TopicFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(municipality):
    return TopicFactory(municipality=municipality)


@pytest.fixture
def comment(topic, resident):
    return comment_create(author=resident, target=topic, body="Tekst")


def test_anyone_may_view(topic):
    assert AnonymousUser().has_perm("comments.view", topic)
    assert UserFactory().has_perm("comments.view", topic)


def test_add_needs_an_active_signed_in_user(topic):
    assert not AnonymousUser().has_perm("comments.add", topic)
    assert UserFactory().has_perm("comments.add", topic)  # no verified identity needed
    assert not UserFactory(is_active=False).has_perm("comments.add", topic)


def test_edit_only_by_the_author(comment, resident):
    assert resident.has_perm("comments.edit", comment)
    assert not UserFactory().has_perm("comments.edit", comment)
    assert not AnonymousUser().has_perm("comments.edit", comment)


def test_nobody_edits_a_comment_of_a_deleted_author(comment, resident):
    resident.delete()
    comment.refresh_from_db()
    assert not UserFactory().has_perm("comments.edit", comment)


def test_report_by_others_not_the_author(comment, resident):
    assert UserFactory().has_perm("comments.report", comment)
    assert not resident.has_perm("comments.report", comment)
    assert not AnonymousUser().has_perm("comments.report", comment)


def test_moderate_by_role_in_the_same_municipality(comment, municipality, other_municipality):
    moderator = grant(UserFactory(), "moderator", municipality)
    outsider = grant(UserFactory(), "moderator", other_municipality)
    case_officer = grant(UserFactory(), "case_officer", municipality)
    platform_admin = grant(UserFactory(), "platform_admin", None)
    assert moderator.has_perm("comments.moderate", comment)
    assert moderator.has_perm("comments.moderate", municipality)
    assert not outsider.has_perm("comments.moderate", comment)
    assert not case_officer.has_perm("comments.moderate", comment)
    assert platform_admin.has_perm("comments.moderate", comment)
    assert not UserFactory().has_perm("comments.moderate", comment)
