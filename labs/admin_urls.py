"""Admin URLs that take over one of Wagtail's: included before Wagtail's admin URLs in
hub.urls, at the same paths (Wagtail's URL names still reverse to them), and guarded like
them by `require_admin_access` (login, admin access, the user's language and time zone) and
`never_cache`."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access

from labs.navigation import GroupStartBrowseView

urlpatterns = [
    path("choose-page/", never_cache(require_admin_access(GroupStartBrowseView.as_view()))),
]
