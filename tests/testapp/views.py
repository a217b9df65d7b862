from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from medborger.core.permissions import permission
from tests.testapp.models import Topic


def _topic(request: HttpRequest, pk: int) -> Topic:
    return get_object_or_404(Topic, pk=pk, municipality=request.municipality)


@permission("core.view_public", obj=_topic)
def topic(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "testapp/topic.html", {"topic": request.permission_object})
