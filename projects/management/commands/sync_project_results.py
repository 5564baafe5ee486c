from django.core.management.base import BaseCommand
from django.db import transaction

from projects.models import ProjectPage, ProjectResult, sync_results


class Command(BaseCommand):
    help = "Rebuild the results catalogue's index (ProjectResult) from every project's blocks."

    @transaction.atomic
    def handle(self, *args, **options):
        projects = ProjectPage.objects.all()
        for project in projects:
            sync_results(project)
        self.stdout.write(
            f"Synced {ProjectResult.objects.count()} results from {projects.count()} projects."
        )
