"""Deleting an account: what each piece of the erasure does, one by one. The whole of it is
proved on the demo's database in test_database_dump.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from medborger.accounts.models import User
from medborger.accounts.services import account_delete
from medborger.core.audit import audit_record
from medborger.core.models import AuditEntry
from medborger.core.personal_data import erase_contact, erased_label
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _entry(**fields):  # type: ignore[no-untyped-def]
    return AuditEntry.objects.create(**{"action": "test", "at": "2025-01-01T00:00Z", **fields})


def test_the_audit_log_keeps_what_was_done_but_not_who(municipality, resident):
    person = UserFactory(name="Karen Østergaard", email="karen@example.org")
    grant(person, "moderator", municipality)
    made = audit_record(actor=person, action="comment.hidden", target=resident, at=None)
    about = audit_record(
        actor=resident,
        action="role.granted",
        target=person,
        before=None,
        after={"name": "Karen Østergaard", "nested": [{"mail": "KAREN@example.org"}]},
    )
    mentioned = _entry(target_label="Anden ting", after={"contact": "karen@example.org"})
    namesake = _entry(target_label="Karen Hansen", after={"who": "Karen"})
    pk = person.pk

    account_delete(user=person)

    made.refresh_from_db()
    assert (made.actor, made.actor_label) == (None, f"deleted account #{pk}")
    about.refresh_from_db()
    assert about.target_label == "deleted participant"
    assert about.after == {
        "name": "deleted participant",
        "nested": [{"mail": "deleted participant"}],
    }
    mentioned.refresh_from_db()
    assert mentioned.after == {"contact": "deleted participant"}
    # Another Karen is another person: an entry that is not about this one stays as it was.
    namesake.refresh_from_db()
    assert (namesake.target_label, namesake.after) == ("Karen Hansen", {"who": "Karen"})
    assert AuditEntry.objects.count() == 4  # nothing was deleted from the log


def test_a_one_word_name_is_cleaned_only_where_the_entry_is_about_the_person(municipality):
    person = UserFactory(name="Ole", email="ole@example.org")
    own = audit_record(actor=None, action="x", target=person, after={"name": "Ole"})
    other = _entry(target_label="Ole Brandt")
    account_delete(user=person)
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.target_label, own.after) == ("deleted participant", {"name": "deleted participant"})
    assert other.target_label == "Ole Brandt"


def test_one_word_texts_from_the_erasers_stay_in_other_peoples_entries(
    municipality, other_municipality, monkeypatch
):
    """An app may remove a first name ("Anna", shown beside a support) or a default label
    ("Resident"): they are cleaned where the entry is about the person, never in the rest of
    the log, in this municipality or another."""
    from medborger.core import personal_data

    monkeypatch.setitem(personal_data._ERASERS, "zz-test", lambda user: ["Anna", "Resident"])
    person = UserFactory(name="Anna Berg", email="anna@example.org")
    own = audit_record(actor=None, action="x", target=person, after={"shown": "Anna"})
    elsewhere = _entry(
        municipality=other_municipality, target_label="Anna Holm", after={"role": "resident"}
    )
    mention = _entry(target_label="Svar til Anna Berg", after={"role": "Resident"})
    account_delete(user=person)
    own.refresh_from_db()
    elsewhere.refresh_from_db()
    mention.refresh_from_db()
    assert own.after == {"shown": "deleted participant"}
    assert (elsewhere.target_label, elsewhere.after) == ("Anna Holm", {"role": "resident"})
    assert (mention.target_label, mention.after) == (
        "Svar til deleted participant",
        {"role": "Resident"},
    )


def test_log_in_records_and_the_admin_log_forget_the_person(resident):
    person = UserFactory(name="Lis Login", email="Lis@Example.org")
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        extra = {"get_data": "", "post_data": "", "failures_since_start": 1}
        model.objects.create(
            username="lis@example.org",
            ip_address="10.0.0.1",
            user_agent="test",
            http_accept="*/*",
            path_info="/accounts/login/",
            **(extra if model is AccessAttempt else {}),
        )
    AccessLog.objects.create(
        username="someone@else.org", ip_address="10.0.0.2", user_agent="t", http_accept="*/*"
    )
    LogEntry.objects.log_actions(
        user_id=resident.pk, queryset=[person], action_flag=CHANGE, change_message="Changed name."
    )
    account_delete(user=person)
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["someone@else.org"]
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(User))
    assert entry.object_repr == erased_label()


def test_the_admin_change_log_forgets_the_person_in_every_entry_about_them(municipality, resident):
    """Adding a role in the admin writes "Added role assignment 'Karen Østergaard · moderator'"
    (JSON, with \\u escapes) on the user's entry, and the role's own entry is named after the
    person; another entry that mentions the email loses it too. Other entries stay."""
    from medborger.accounts.models import RoleAssignment

    person = UserFactory(name="Karen Østergaard", email="karen@example.org")
    grant(person, "moderator", municipality)
    role_row = RoleAssignment.objects.get(user=person)
    message = [{"added": {"name": "role assignment", "object": f"{person.name} · moderator"}}]
    LogEntry.objects.log_actions(
        user_id=resident.pk, queryset=[person], action_flag=CHANGE, change_message=message
    )
    LogEntry.objects.log_actions(
        user_id=resident.pk, queryset=[role_row], action_flag=CHANGE, change_message="Changed."
    )
    mention = LogEntry.objects.log_actions(
        user_id=resident.pk,
        queryset=[resident],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["note: ask karen@example.org"]}}],
    )
    unrelated = LogEntry.objects.log_actions(
        user_id=resident.pk, queryset=[resident], action_flag=CHANGE, change_message="Karen"
    )
    account_delete(user=person)
    every_text = " ".join(f"{e.object_repr} {e.change_message}" for e in LogEntry.objects.all())
    assert "Karen" not in every_text.replace(unrelated[0].change_message, "", 1)
    assert "stergaard" not in every_text and "karen@example.org" not in every_text
    assert LogEntry.objects.get(pk=mention[0].pk).object_repr == str(resident)
    assert LogEntry.objects.get(pk=unrelated[0].pk).change_message == "Karen"


def test_a_contact_is_anonymised_only_when_it_is_the_person_themself():
    person = UserFactory(name="Per Person", email="per@example.org")
    own_by_name = SimpleNamespace(
        responsible_name=" per person ", responsible_email="", responsible_phone="12 34 56 78"
    )
    own_by_mail = SimpleNamespace(
        responsible_name="P. Person", responsible_email="PER@example.org", responsible_phone=""
    )
    someone_else = SimpleNamespace(
        responsible_name="Formand Frida",
        responsible_email="frida@example.org",
        responsible_phone="",
    )
    assert erase_contact(own_by_name, person, language="da") == [" per person ", "12 34 56 78"]
    assert vars(own_by_name) == {
        "responsible_name": erased_label("da"),
        "responsible_email": "",
        "responsible_phone": "—",
    }
    assert erase_contact(own_by_mail, person) == ["P. Person", "PER@example.org"]
    assert own_by_mail.responsible_name == "deleted participant"
    assert erase_contact(someone_else, person) == []
    assert someone_else.responsible_name == "Formand Frida"


def test_an_eid_only_account_cannot_tell_its_own_contact_so_it_is_anonymised():
    person = UserFactory(name="")
    person.emailaddress_set.all().delete()
    User.objects.filter(pk=person.pk).update(email=None)
    person.refresh_from_db()
    row = SimpleNamespace(
        responsible_name="Ib Eid", responsible_email="ib@example.org", responsible_phone="12345678"
    )
    assert erase_contact(row, person) == ["Ib Eid", "ib@example.org", "12345678"]
    assert row.responsible_name == "deleted participant"
