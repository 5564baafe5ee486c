"""Admin forms of the projects app."""

from django.utils.translation import ngettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm


class ShowcasePageForm(WagtailAdminPageForm):
    """The showcase editor: a new showcase starts without an empty project row.

    The showcase needs at least one project (the panel's `min_num`), but an empty first
    row with its required chooser made every autosave of a new showcase fail before the
    coordinator had chosen anything. So the editor opens with no row (the "Add project"
    button adds one), drafts may have none (Wagtail defers `min_num` on drafts), and
    publishing without a project says so in words.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = self.formsets["items"]
        items.error_messages["too_few_forms"] = ngettext_lazy(
            "Choose at least one project.", "Choose at least %(num)d projects.", "num"
        )
        if not self.is_bound:
            # Only what is shown changes: a submitted form is still held to min_num.
            items.min_num = 0
