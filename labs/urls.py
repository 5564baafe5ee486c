"""Public URLs of the labs app that are not served by its pages' own routes."""

app_name = "labs"
urlpatterns = []
