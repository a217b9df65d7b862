from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "medborger.proposals"
    label = "proposals"
    verbose_name = _("Citizen proposals")

    def ready(self) -> None:
        from medborger.core import registry
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_eraser, register_exporter
        from medborger.core.selectors import register_open_now
        from medborger.proposals.demo import load_proposals
        from medborger.proposals.models import Proposal
        from medborger.proposals.selectors import open_proposals_section, proposals_export
        from medborger.proposals.services import proposals_erase

        registry.register(
            Proposal,
            comments=True,
            follows=True,
            comments_open=lambda proposal: proposal.is_public,
            view_permission="proposals.view",
        )
        register_open_now(open_proposals_section)
        register_exporter("proposals", proposals_export)
        register_eraser("proposals", proposals_erase)
        register_demo_loader(load_proposals)
