"""Before the eID adapter kept only keys, allauth stored the broker's raw claims (the CPR number
or personnummer, the name, the birth date) in SocialAccount.extra_data, with the broker's subject
as uid. Such rows are deleted: the person's Identity keeps what we need, and the next eID sign-in
finds the account by its person key and makes a new row that holds only keys."""

from django.db import migrations

KEYS = "medborger_keys"  # medborger.accounts.adapters.KEYS


def forget_raw_claims(apps, schema_editor):  # type: ignore[no-untyped-def]
    social_account = apps.get_model("socialaccount", "SocialAccount")
    eid_provider = apps.get_model("accounts", "EidProvider")
    slugs = list(eid_provider.objects.values_list("slug", flat=True))
    stale = [
        account.pk
        for account in social_account.objects.filter(provider__in=slugs).only("pk", "extra_data")
        if KEYS not in (account.extra_data or {})
    ]
    social_account.objects.filter(pk__in=stale).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_identity_match_key"),
        ("socialaccount", "0006_alter_socialaccount_extra_data"),
    ]

    operations = [migrations.RunPython(forget_raw_claims, migrations.RunPython.noop)]
