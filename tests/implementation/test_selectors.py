"""The API for the budget results page: progress_for_projects() and the progress_summary include."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from medborger.core.personal_data import export_all
from medborger.implementation import services
from medborger.implementation.selectors import progress_for_projects
from medborger.implementation.templatetags.implementation_tags import progress_of
from tests.implementation.conftest import DECIDED_ON, at, make_project

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 1)


def test_progress_by_project_id_leaves_out_unfunded_projects(
    process, project, unfunded, delivery, officer
):
    services.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=date(2026, 4, 1),
        amount=Decimal("40000"),
        purpose="Frø",
        now=at(date(2026, 4, 1)),
    )
    untracked = make_project(process, title="Bænke", cost=50_000)
    progress = progress_for_projects([project.pk, unfunded.pk, untracked.pk], today=TODAY)
    assert set(progress) == {project.pk, untracked.pk}
    row = progress[project.pk]
    assert (row.tracked, row.status, row.percent, row.spent_text) == (
        True,
        "planned",
        40,
        "40.000 kr",
    )
    assert row.is_red and row.visible_result_due == date(2026, 6, 2)
    assert progress[untracked.pk].tracked is False
    assert progress_for_projects([]) == {}


def test_two_queries_for_any_number_of_projects(process, officer):
    ids = []
    for i in range(6):
        p = make_project(process, title=f"P{i}")
        services.delivery_start(project=p, actor=officer, now=at(DECIDED_ON, 20))
        ids.append(p.pk)
    with CaptureQueriesContext(connection) as queries:
        assert len(progress_for_projects(ids, today=TODAY)) == 6
    assert len(queries) == 2


def test_the_include_renders_status_money_and_deadline(project, delivery, officer):
    services.delivery_status_change(
        delivery_id=delivery.pk,
        actor=officer,
        status="visible_result",
        reason="",
        now=at(date(2026, 5, 1)),
    )
    progress = progress_for_projects([project.pk], today=TODAY)
    html = render_to_string(
        "implementation/partials/progress_summary.html", {"progress": progress[project.pk]}
    )
    assert "visible result" in html
    assert "of 100.000 kr spent (0 %)" in html and "<progress" in html
    assert "Visible result on May 1, 2026, on time." in html
    assert f'href="/gennemfoerelse/{project.pk}/"' in html
    assert (
        render_to_string(
            "implementation/partials/progress_summary.html", {"progress": None}
        ).strip()
        == ""
    )


def test_the_template_filter_finds_a_projects_progress(project, delivery):
    progress = progress_for_projects([project.pk], today=TODAY)
    html = render_to_string(
        "implementation/partials/progress_summary.html",
        {"progress": progress_of(progress, str(project.pk))},
    )
    assert project.title in html


def test_staff_work_is_in_the_data_download(delivery, officer):
    services.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=date(2026, 4, 1),
        amount=Decimal("10"),
        purpose="Frø",
        now=at(date(2026, 4, 1)),
    )
    services.update_post(
        delivery_id=delivery.pk, actor=officer, text="Sået.", now=at(date(2026, 4, 1))
    )
    data = export_all(officer)["implementation"]
    assert data["responsible_for"][0]["project"] == delivery.project.title
    assert data["spending_entered"][0]["amount"] == "10.00"
    assert data["updates_written"][0]["text"] == "Sået."
