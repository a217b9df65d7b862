"""factory_boy factories shared by every test module."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from medborger.accounts.identity import EidAssertion, identity_verify
from medborger.accounts.models import EidProvider, RoleAssignment, User
from medborger.places.models import Area, AreaKind, Committee, Municipality, Organisation
from tests.testapp.models import Topic

PASSWORD = "correct-horse-battery"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testby {n} Kommune")
    slug = factory.Sequence(lambda n: f"testby-{n}")
    country = "DK"
    hosts = factory.LazyAttribute(lambda m: f"{m.slug}.test")
    default_language = "da"
    languages = factory.LazyFunction(lambda: ["da", "sv", "en"])


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Område {n}")
    slug = factory.Sequence(lambda n: f"omraade-{n}")
    kind = AreaKind.DISTRICT
    population_total = 1000
    population_10_plus = 900
    population_15_plus = 850
    population_18_plus = 800


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Udvalg {n}")
    slug = factory.Sequence(lambda n: f"udvalg-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Forening {n}")
    kind = Organisation.Kind.ASSOCIATION


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Emne {n}")


class EidProviderFactory(factory.django.DjangoModelFactory):
    """An OpenID Connect eID broker; by default MitID with the CPR number in the `dk.cpr` claim."""

    class Meta:
        model = EidProvider

    municipality = factory.SubFactory(MunicipalityFactory)
    slug = factory.Sequence(lambda n: f"mitid-{n}")
    name = "MitID"
    server_url = "https://broker.example/"
    client_id = "abc"
    client_secret = "secret"
    national_id_claim = "dk.cpr"
    scheme = "dk-cpr"


def grant(
    user: User, role: str, municipality: Municipality | None, *, with_totp: bool = True
) -> User:
    """Give a user a role; staff roles get a TOTP authenticator so the MFA gate lets them in."""
    RoleAssignment.objects.create(user=user, municipality=municipality, role=role)
    if with_totp and role != "resident":
        TOTP.activate(user, generate_totp_secret())
    if hasattr(user, "_medborger_roles"):
        del user._medborger_roles
    return user


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


_cpr_counter = iter(range(1000, 9999))


def verify(
    user: User,
    *,
    area: Area | None = None,
    birth: date = date(1980, 5, 17),
    level: int = 2,
    national_id: str | None = None,
) -> User:
    identity_verify(
        user=user,
        assertion=EidAssertion(
            provider="test",
            scheme="dk-cpr",
            subject=national_id or f"{birth:%d%m%y}{next(_cpr_counter)}",
            assurance_level=level,
            birth_date=birth,
            residence_area=area,
            residence_municipality=area.municipality if area else None,
            full_name=user.name,
        ),
        now=timezone.now(),
    )
    user.refresh_from_db()
    return user
