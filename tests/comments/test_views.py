import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborger.comments.models import Comment, CommentReport
from medborger.comments.services import comment_create, comment_hide, comment_report
from medborger.core.models import AuditEntry
from tests.factories import TopicFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def topic(municipality):
    return TopicFactory(municipality=municipality, title="Ny legeplads")


def page_url(topic):
    return f"/test/emne/{topic.pk}/"


def create_url(topic):
    return f"/kommentarer/ny/testapp.topic/{topic.pk}/"


def test_anonymous_sees_comments_and_a_sign_in_link(topic, resident, municipality, client_for):
    comment_create(author=resident, target=topic, body="Synlig for alle")
    html = client_for(municipality, language="en").get(page_url(topic)).content.decode()
    assert "Synlig for alle" in html
    assert "Sign in to write a comment" in html
    assert "/accounts/login/?next=" in html
    assert 'name="body"' not in html


def test_anonymous_post_redirects_to_sign_in(topic, municipality, client_for):
    response = client_for(municipality).post(create_url(topic), {"body": "Hej"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Comment.objects.exists()


def test_post_without_javascript_redirects_to_the_comment(
    topic, resident, municipality, client_for
):
    response = client_for(municipality, resident).post(
        create_url(topic), {"body": "Godt **forslag**"}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(topic)}#comment-{comment.pk}"
    html = client_for(municipality, resident, language="en").get(page_url(topic)).content.decode()
    assert "<strong>forslag</strong>" in html
    assert f'id="comment-{comment.pk}"' in html


def test_post_with_htmx_returns_the_partial(topic, resident, municipality, client_for):
    response = client_for(municipality, resident, language="en").post(
        create_url(topic), {"body": "Med htmx"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Med htmx" in html
    assert "<html" not in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "Your comment is published." in html


def test_reply_through_the_view(topic, resident, municipality, client_for):
    parent = comment_create(author=UserFactory(), target=topic, body="Spørgsmål")
    client_for(municipality, resident).post(
        create_url(topic), {"body": "Svar", "parent": parent.pk}
    )
    reply = Comment.objects.get(body="Svar")
    assert reply.parent == parent and reply.depth == 1


def test_overlong_comment_keeps_the_text_and_returns_400(topic, resident, municipality, client_for):
    text = "ø" * 5001
    response = client_for(municipality, resident, language="en").post(
        create_url(topic), {"body": text}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert text in html
    assert "at most 5000 characters" in html
    assert not Comment.objects.exists()


def test_overlong_comment_with_htmx_keeps_the_text(topic, resident, municipality, client_for):
    text = "æ" * 5001
    response = client_for(municipality, resident, language="en").post(
        create_url(topic), {"body": text}, **HTMX
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert text in html and "<html" not in html
    assert "at most 5000 characters" in html


def test_closed_target_refuses_with_a_message(municipality, resident, client_for):
    topic = TopicFactory(municipality=municipality, is_open=False)
    client = client_for(municipality, resident, language="en")
    page = client.get(page_url(topic)).content.decode()
    assert "Comments are closed here" in page and 'name="body"' not in page
    response = client.post(create_url(topic), {"body": "For sent"})
    assert response.status_code == 400
    assert "Comments are closed here" in response.content.decode()
    assert "For sent" in response.content.decode()
    assert not Comment.objects.exists()


def test_target_of_another_municipality_is_404(topic, other_municipality, client_for):
    stranger = UserFactory()
    response = client_for(other_municipality, stranger).post(create_url(topic), {"body": "Hej"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_unregistered_model_is_404(municipality, resident, client_for):
    response = client_for(municipality, resident).post(
        "/kommentarer/ny/places.area/1/", {"body": "Hej"}
    )
    assert response.status_code == 404


def test_comment_of_another_municipality_is_404(topic, resident, other_municipality, client_for):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    stranger = UserFactory()
    response = client_for(other_municipality, stranger).post(
        f"/kommentarer/{comment.pk}/anmeld/", {"reason": "spam"}
    )
    assert response.status_code == 404
    assert not CommentReport.objects.exists()


def test_xss_payload_is_shown_as_text(topic, resident, municipality, client_for):
    comment_create(
        author=resident,
        target=topic,
        body='<script>alert("x")</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))',
    )
    html = client_for(municipality).get(page_url(topic)).content.decode()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html and "onerror=alert(1)>" not in html
    assert "javascript:" not in html
    # The raw markdown is stored as typed.
    assert Comment.objects.get().body.startswith("<script>")


def test_edit_inside_and_after_the_window(topic, resident, municipality, client_for, settings):
    settings.MEDBORGER_COMMENT_EDIT_MINUTES = 15
    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        comment = comment_create(author=resident, target=topic, body="Første")
    client = client_for(municipality, resident, language="en")
    url = f"/kommentarer/{comment.pk}/ret/"
    with time_machine.travel("2026-03-01 10:05 +0000", tick=False):
        assert "Change" in client.get(page_url(topic)).content.decode()
        response = client.post(url, {"body": "Anden"})
        assert response.status_code == 302
    with time_machine.travel("2026-03-01 10:30 +0000", tick=False):
        page = client.get(page_url(topic)).content.decode()
        assert f"/kommentarer/{comment.pk}/ret/" not in page
        response = client.post(url, {"body": "Tredje"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "first 15 minutes" in html and "Tredje" in html
    comment.refresh_from_db()
    assert comment.body == "Anden"


def test_someone_else_cannot_edit(topic, resident, municipality, client_for):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    response = client_for(municipality, UserFactory()).post(
        f"/kommentarer/{comment.pk}/ret/", {"body": "Overtaget"}
    )
    assert response.status_code == 403


def test_report_once_then_refused(topic, resident, municipality, client_for):
    comment = comment_create(author=UserFactory(), target=topic, body="Tekst")
    client = client_for(municipality, resident, language="en")
    url = f"/kommentarer/{comment.pk}/anmeld/"
    response = client.post(url, {"reason": "spam", "text": "Reklame"})
    assert response.status_code == 302
    page = client.get(page_url(topic)).content.decode()
    assert "You have reported this comment." in page
    response = client.post(url, {"reason": "abuse", "text": "Igen"}, **HTMX)
    assert response.status_code == 400
    assert "already reported" in response.content.decode()
    assert CommentReport.objects.count() == 1


def test_author_cannot_report_own_comment(topic, resident, municipality, client_for):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    response = client_for(municipality, resident).post(
        f"/kommentarer/{comment.pk}/anmeld/", {"reason": "spam"}
    )
    assert response.status_code == 403


def test_hidden_comment_shows_the_public_reason(
    topic, resident, moderator, municipality, client_for
):
    comment = comment_create(author=resident, target=topic, body="Grimme ord")
    client = client_for(municipality, moderator, language="en")
    response = client.post(f"/kommentarer/{comment.pk}/skjul/", {"reason": "Personangreb"})
    assert response.status_code == 302
    page = client_for(municipality, language="en").get(page_url(topic)).content.decode()
    assert "Hidden by moderator: Personangreb" in page
    assert "Grimme ord" not in page
    assert AuditEntry.objects.filter(action="comment.hidden", actor=moderator).exists()

    response = client.post(f"/kommentarer/{comment.pk}/gendan/", **HTMX)
    assert response.status_code == 200
    assert "Grimme ord" in response.content.decode()
    assert AuditEntry.objects.filter(action="comment.restored", actor=moderator).exists()


def test_hide_without_reason_returns_400(topic, resident, moderator, municipality, client_for):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    response = client_for(municipality, moderator, language="en").post(
        f"/kommentarer/{comment.pk}/skjul/", {"reason": ""}
    )
    assert response.status_code == 400
    assert "Write the reason" in response.content.decode()


def test_resident_cannot_moderate(topic, resident, municipality, client_for):
    comment = comment_create(author=UserFactory(), target=topic, body="Tekst")
    client = client_for(municipality, resident)
    assert client.post(f"/kommentarer/{comment.pk}/skjul/", {"reason": "x"}).status_code == 403
    assert client.get("/kommentarer/moderation/").status_code == 403


def test_moderator_of_another_municipality_gets_404(
    topic, resident, other_municipality, client_for
):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    outsider = grant(UserFactory(), "moderator", other_municipality)
    response = client_for(other_municipality, outsider).post(
        f"/kommentarer/{comment.pk}/skjul/", {"reason": "x"}
    )
    assert response.status_code == 404


def test_moderation_queue_puts_auto_hidden_first(
    topic, resident, moderator, municipality, client_for
):
    municipality.comment_auto_hide_reports = 2
    municipality.save()
    reported_once = comment_create(author=resident, target=topic, body="En gang anmeldt")
    comment_report(reporter=UserFactory(), comment=reported_once, reason="spam")
    auto = comment_create(author=resident, target=topic, body="Skjult automatisk")
    for _n in range(2):
        comment_report(reporter=UserFactory(), comment=auto, reason="abuse", text="Grimt")
    comment_create(author=resident, target=topic, body="Ikke anmeldt")

    html = client_for(municipality, moderator, language="en").get("/kommentarer/moderation/")
    assert html.status_code == 200
    page = html.content.decode()
    assert page.index("Skjult automatisk") < page.index("En gang anmeldt")
    assert "Ikke anmeldt" not in page
    assert "Hidden automatically" in page and "Grimt" in page


def test_dismiss_from_the_queue(topic, resident, moderator, municipality, client_for):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    comment_report(reporter=UserFactory(), comment=comment, reason="spam")
    client = client_for(municipality, moderator, language="en")
    url = f"/kommentarer/{comment.pk}/afvis-anmeldelser/"
    response = client.post(url, {"return_to": "queue"})
    assert response.status_code == 302 and response["Location"] == "/kommentarer/moderation/"
    comment.refresh_from_db()
    assert comment.report_count == 0
    response = client.post(url, {"return_to": "queue"}, **HTMX)
    assert response.status_code == 400
    assert "no open reports" in response.content.decode()


def test_hide_from_the_queue_with_htmx(topic, resident, moderator, municipality, client_for):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    comment_report(reporter=UserFactory(), comment=comment, reason="spam")
    response = client_for(municipality, moderator, language="en").post(
        f"/kommentarer/{comment.pk}/skjul/", {"reason": "Spam", "return_to": "queue"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "No comments are waiting for a moderator." in html
    assert 'id="moderation-status"' in html


def test_staff_dashboard_links_the_queue(moderator, municipality, client_for):
    html = client_for(municipality, moderator, language="en").get("/personale/").content.decode()
    assert "/kommentarer/moderation/" in html


def test_deleted_author_is_shown_as_deleted_participant(topic, municipality, client_for):
    author = UserFactory(name="Karen Hansen")
    comment_create(author=author, target=topic, body="Min mening")
    author.delete()
    html = client_for(municipality, language="en").get(page_url(topic)).content.decode()
    assert "deleted participant" in html
    assert "Karen Hansen" not in html and "Min mening" in html


def test_comment_list_query_count_does_not_grow(topic, resident, municipality, client_for):
    client = client_for(municipality, resident, language="en")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(topic)).status_code == 200
        return len(queries)

    first = comment_create(author=UserFactory(), target=topic, body="Første")
    comment_create(author=resident, target=topic, body="Svar", parent=first)
    few = count()
    for n in range(12):
        parent = comment_create(author=UserFactory(), target=topic, body=f"Kommentar {n}")
        reply = comment_create(author=UserFactory(), target=topic, body=f"Svar {n}", parent=parent)
        comment_report(reporter=resident, comment=reply, reason="spam")
    comment_hide(
        moderator=grant(UserFactory(), "moderator", municipality), comment=first, reason="x"
    )
    many = count()
    assert many == few


def test_htmx_forms_and_no_js_forms_share_the_action(topic, resident, municipality, client_for):
    html = client_for(municipality, resident, language="en").get(page_url(topic)).content.decode()
    action = create_url(topic)
    assert f'action="{action}"' in html and f'hx-post="{action}"' in html
    assert 'aria-live="polite"' in html


def test_get_form_pages_work_without_javascript(topic, resident, municipality, client_for):
    comment = comment_create(author=UserFactory(), target=topic, body="Tekst")
    client = client_for(municipality, resident, language="en")
    assert client.get(f"{create_url(topic)}?parent={comment.pk}").status_code == 200
    assert client.get(f"/kommentarer/{comment.pk}/anmeld/").status_code == 200


def test_django_admin_lists_only_own_municipalitys_comments(
    topic, resident, municipality, other_municipality, client_for
):
    admin = grant(UserFactory(is_staff=True), "municipal_admin", municipality)
    ours = comment_create(author=resident, target=topic, body="Vores kommentar")
    comment_report(reporter=UserFactory(), comment=ours, reason="spam")
    elsewhere = TopicFactory(municipality=other_municipality)
    comment_create(author=UserFactory(), target=elsewhere, body="Deres kommentar")
    client = client_for(municipality, admin)
    listing = client.get("/admin/comments/comment/").content.decode()
    assert "Vores kommentar" in listing and "Deres kommentar" not in listing
    assert client.get(f"/admin/comments/comment/{ours.pk}/change/").status_code == 200
    assert client.get("/admin/comments/commentreport/").status_code == 200


def test_closed_target_with_htmx_keeps_the_text(municipality, resident, client_for):
    topic = TopicFactory(municipality=municipality, is_open=False)
    response = client_for(municipality, resident, language="en").post(
        create_url(topic), {"body": "Skrevet før lukning"}, **HTMX
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skrevet før lukning" in html and "Comments are closed here" in html
