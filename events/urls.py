"""Public URLs of the events app that are not served by its pages' own routes."""

app_name = "events"
urlpatterns = []
