"""Background work of the timeliness app (django-tasks): imports never wait for derived figures."""

from django_tasks import task

from timeliness.services.demand import procedure_demand_refresh


@task()
def procedure_demand_refresh_task() -> int:
    """Recount dossiers per procedure after an import; returns how many procedures' figure changed."""
    return len(procedure_demand_refresh())
