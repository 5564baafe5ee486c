"""Public URLs of the projects app that are not served by its pages' own routes."""

app_name = "projects"
urlpatterns = []
