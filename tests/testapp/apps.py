from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A small app that exists only in the test settings: something to comment on and follow
    before the real capabilities (proposals, budgets …) register their own models."""

    name = "tests.testapp"
    label = "testapp"

    def ready(self) -> None:
        from medborger.core import registry
        from tests.testapp.models import Topic

        registry.register(
            Topic, comments=True, follows=True, comments_open=lambda topic: topic.is_open
        )
