"""The one small registry through which comments and follows attach to other models.

An app registers a model in its AppConfig.ready():

    participation.register(Proposal, comments=True, follows=True,
                           url=lambda p: p.get_absolute_url())

Comments and follows store (content type, object id) and only accept registered models; each
registered model must have a `municipality` (or `municipality_id`) so tenancy is kept. A model
some people may not see (a draft, somebody's booking request) names the permission that lets a
person see one (`view_permission`): the comment and follow URLs, which take any registered object
by its id, answer 404 to anyone else, as its own page does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import Http404


@dataclass(frozen=True)
class Registration:
    model: type[Model]
    comments: bool
    follows: bool
    url: Callable[[Any], str]
    # Whether new comments are accepted right now (e.g. closed after a process ends).
    comments_open: Callable[[Any], bool]
    # The django-rules permission to see one object; None: everybody may see every one.
    view_permission: str | None = None


_REGISTRY: dict[str, Registration] = {}


def register(
    model: type[Model],
    *,
    comments: bool = True,
    follows: bool = True,
    url: Callable[[Any], str] | None = None,
    comments_open: Callable[[Any], bool] | None = None,
    view_permission: str | None = None,
) -> None:
    _REGISTRY[model._meta.label_lower] = Registration(
        model=model,
        comments=comments,
        follows=follows,
        url=url or (lambda obj: obj.get_absolute_url()),
        comments_open=comments_open or (lambda obj: True),
        view_permission=view_permission,
    )


def registration_for(model_or_obj: Any) -> Registration | None:
    return _REGISTRY.get(model_or_obj._meta.label_lower)


def registered_labels(*, comments: bool = False, follows: bool = False) -> list[str]:
    return [
        label
        for label, reg in _REGISTRY.items()
        if (not comments or reg.comments) and (not follows or reg.follows)
    ]


def resolve_target(
    *,
    label: str,
    object_id: str,
    municipality: Any,
    feature: str,
    user: Any,
    may_be_hidden: bool = False,
) -> tuple[Registration, Model]:
    """The registered object behind a (label, id) pair in this municipality that `user` may see,
    else Http404. `may_be_hidden` skips the view permission: only for undoing what the user did
    while they could see it (unfollowing)."""
    registration = _REGISTRY.get(label)
    if registration is None or not getattr(registration, feature):
        raise Http404
    try:
        pk = int(object_id)
    except (TypeError, ValueError):
        raise Http404 from None
    obj = registration.model._default_manager.filter(pk=pk, municipality=municipality).first()
    if obj is None:
        raise Http404
    hidden = registration.view_permission and not user.has_perm(registration.view_permission, obj)
    if hidden and not may_be_hidden:
        raise Http404
    return registration, obj


def content_type_for(obj: Model) -> ContentType:
    return ContentType.objects.get_for_model(obj)
