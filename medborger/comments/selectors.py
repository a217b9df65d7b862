"""Reading comments: the thread of one object, the moderators' queue, a person's own data.

The number of queries does not grow with the number of comments: a thread is one query (with
its authors), built into a tree in Python. Pages show THREADS_PER_PAGE top-level comments with
all their replies (three queries however long the thread), so a page with thousands of comments
stays fast and every comment is still one link away."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.http import Http404

from medborger.comments.models import MAX_DEPTH, Comment, CommentReport, ReportStatus
from medborger.core import registry
from medborger.domain.numbers import whole_number

# Top-level comments per page, each shown with all its replies.
THREADS_PER_PAGE = 30
# ?kommentarside=3 shows the third page; ?kommentar=<id> the page with that comment.
PAGE_PARAMETER = "kommentarside"
FOCUS_PARAMETER = "kommentar"


@dataclass
class CommentNode:
    """One comment in a thread, its replies, and what the person looking at it may do."""

    comment: Comment
    replies: list[CommentNode] = field(default_factory=list)
    can_reply: bool = False
    can_edit: bool = False
    can_report: bool = False
    reported: bool = False
    can_moderate: bool = False
    # Filled in by the view layer: the forms shown with the comment, and which one is open.
    forms: dict[str, Any] = field(default_factory=dict)
    open_form: str = ""


def comments_queryset(*, target: Model) -> QuerySet[Comment]:
    content_type = ContentType.objects.get_for_model(target)
    return Comment.objects.filter(content_type=content_type, object_id=target.pk).select_related(
        "author"
    )


def comments_for(*, target: Model) -> list[CommentNode]:
    """The thread on `target`: top-level comments oldest first, each with its replies."""
    return _tree(comments_queryset(target=target).order_by("depth", "created_at", "id"))


@dataclass
class ThreadPage:
    """One page of the comments on an object: top-level comments oldest first, with replies."""

    nodes: list[CommentNode]
    number: int
    pages: int
    threads: int  # top-level comments on the object
    total: int  # every comment on the object, replies and hidden ones included

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _descendants_of(ids: list[int]) -> Q:
    """Replies at any depth below the comments `ids` (a thread is at most MAX_DEPTH deep)."""
    condition = Q(pk__in=[])
    for level in range(1, MAX_DEPTH + 1):
        condition |= Q(**{"__".join(["parent"] * level) + "_id__in": ids})
    return condition


def comment_threads(*, target: Model, page: int = 1) -> ThreadPage:
    """Page `page` (clamped to the pages there are) of the comments on `target`: counting, the
    top-level comments of the page, and their replies — three queries."""
    base = comments_queryset(target=target)
    counts = base.aggregate(total=Count("id"), threads=Count("id", filter=Q(depth=0)))
    threads, total = int(counts["threads"]), int(counts["total"])
    pages = max(1, -(-threads // THREADS_PER_PAGE))
    number = min(max(1, page), pages)
    if not threads:
        return ThreadPage([], number, pages, threads, total)
    start = (number - 1) * THREADS_PER_PAGE
    roots = list(
        base.filter(depth=0).order_by("created_at", "id")[start : start + THREADS_PER_PAGE]
    )
    replies = base.filter(_descendants_of([c.pk for c in roots])).order_by(
        "depth", "created_at", "id"
    )
    return ThreadPage(_tree([*roots, *replies]), number, pages, threads, total)


def comment_on(*, target: Model, pk: Any) -> Comment | None:
    """The comment `pk` if it is on `target` (a page parameter: anything else gives None)."""
    number = whole_number(pk)
    if number is None:
        return None
    return comments_queryset(target=target).filter(pk=number).first()


def thread_page_of(*, comment: Comment) -> int:
    """The page of its object's comments that shows `comment` (with its top-level comment)."""
    levels = ["__".join(["parent"] * level) for level in range(1, MAX_DEPTH + 1)]
    row = (
        Comment.objects.filter(pk=comment.pk)
        .values_list(
            "created_at", *(f"{p}_id" for p in levels), *(f"{p}__created_at" for p in levels)
        )
        .get()
    )
    root_pk, root_created = comment.pk, row[0]
    for pk, created in zip(row[1 : 1 + MAX_DEPTH], row[1 + MAX_DEPTH :], strict=True):
        if pk is not None:  # the farthest ancestor is the top-level comment
            root_pk, root_created = pk, created
    before = Comment.objects.filter(
        content_type_id=comment.content_type_id,
        object_id=comment.object_id,
        depth=0,
    ).filter(Q(created_at__lt=root_created) | Q(created_at=root_created, pk__lt=root_pk))
    return before.count() // THREADS_PER_PAGE + 1


def _tree(comments: Any) -> list[CommentNode]:
    """Comments (parents before their replies) as a tree, each level oldest first."""
    nodes: dict[int, CommentNode] = {}
    roots: list[CommentNode] = []
    for comment in comments:
        node = CommentNode(comment=comment)
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        if parent is not None:
            parent.replies.append(node)
        else:
            roots.append(node)
    for node in nodes.values():
        node.replies.sort(key=lambda n: (n.comment.created_at, n.comment.pk))
    roots.sort(key=lambda n: (n.comment.created_at, n.comment.pk))
    return roots


def walk(nodes: list[CommentNode]) -> list[CommentNode]:
    """Every node of a thread, depth first."""
    result: list[CommentNode] = []
    for node in nodes:
        result.append(node)
        result.extend(walk(node.replies))
    return result


def comment_ids_reported_by(*, user: Any, target: Model) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    content_type = ContentType.objects.get_for_model(target)
    return set(
        CommentReport.objects.filter(
            reporter=user, comment__content_type=content_type, comment__object_id=target.pk
        ).values_list("comment_id", flat=True)
    )


def comment_in(*, municipality: Any, pk: int) -> Comment:
    """A comment of this municipality, else Http404."""
    if municipality is None:
        raise Http404
    comment = (
        Comment.objects.select_related("author", "municipality", "content_type")
        .filter(pk=pk, municipality=municipality)
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def comment_target(comment: Comment) -> tuple[registry.Registration | None, Model | None]:
    """The registration and object a comment is attached to (None if either is gone)."""
    model = comment.content_type.model_class()
    if model is None:
        return None, None
    registration = registry.registration_for(model)
    obj = model._default_manager.filter(
        pk=comment.object_id, municipality_id=comment.municipality_id
    ).first()
    return registration, obj


def moderation_queue(*, municipality: Any) -> QuerySet[Comment]:
    """Comments waiting for a moderator: automatically hidden ones first, then the most
    reported, then the oldest."""
    open_reports = CommentReport.objects.filter(status=ReportStatus.OPEN).select_related("reporter")
    return (
        Comment.objects.filter(municipality=municipality)
        .filter(Q(report_count__gt=0) | Q(auto_hidden=True))
        .select_related("author", "content_type")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("-auto_hidden", "-report_count", "created_at", "id")
    )


@dataclass
class QueueItem:
    comment: Comment
    target: Model | None
    target_url: str
    forms: dict[str, Any] = field(default_factory=dict)
    open_form: str = ""


def queue_items(comments: list[Comment]) -> list[QueueItem]:
    """The queue's comments with their targets: one query per kind of target, not per row."""
    wanted: dict[int, set[int]] = {}
    for comment in comments:
        wanted.setdefault(comment.content_type_id, set()).add(comment.object_id)
    targets: dict[tuple[int, int], Model] = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            targets[(content_type_id, obj.pk)] = obj
    items = []
    for comment in comments:
        target = targets.get((comment.content_type_id, comment.object_id))
        url = ""
        if target is not None:
            registration = registry.registration_for(target)
            if registration is not None:
                page_url = registration.url(target)
                glue = "&" if "?" in page_url else "?"
                url = f"{page_url}{glue}{FOCUS_PARAMETER}={comment.pk}#comment-{comment.pk}"
        items.append(QueueItem(comment=comment, target=target, target_url=url))
    return items


def comments_export(user: Any) -> dict[str, Any]:
    """What the comments app holds about a person, for the data download."""
    comments = Comment.objects.filter(author=user).select_related("municipality", "content_type")
    reports = CommentReport.objects.filter(reporter=user).select_related("comment")
    return {
        "comments": [
            {
                "id": c.pk,
                "municipality": c.municipality.name,
                "on": f"{c.content_type.app_label}.{c.content_type.model}:{c.object_id}",
                "reply_to": c.parent_id,
                "text": c.body,
                "written_at": c.created_at.isoformat(),
                "changed_at": c.edited_at.isoformat() if c.edited_at else None,
                "hidden": c.is_hidden,
                "hidden_reason": c.hidden_reason,
            }
            for c in comments
        ],
        "reports": [
            {
                "comment": r.comment_id,
                "reason": r.reason,
                "text": r.text,
                "status": r.status,
                "reported_at": r.created_at.isoformat(),
            }
            for r in reports
        ],
    }
