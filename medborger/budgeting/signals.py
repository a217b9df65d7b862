"""What other apps may react to. Budgeting imports none of them."""

from django.dispatch import Signal

# Sent inside the transaction that publishes a result: process=BudgetProcess, funded=list of
# funded BudgetProjects, now=datetime. The implementation app starts tracking each one.
results_published = Signal()
