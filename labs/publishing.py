"""Who may edit and publish a local group's or a lab's pages, built on Wagtail's own machinery.

Every LocalGroupPage and LabPage (anything with `PublishingModeMixin`) gets an editors group,
"Redaktörer: <page title>", created when the page is created, renamed with it and deleted
with it. A page and its translations share one group (they share a `translation_key`), so
the same people edit the group in every language. The editors group holds:

* access to the Wagtail admin (`wagtailadmin.access_admin`), nothing else site-wide;
* `GroupPagePermission` add + change on the page itself (and so on its events below it);
* in *trusted* mode also publish; in *moderated* mode the page is instead assigned to the
  "Moderering" workflow, whose one `GroupApprovalTask` belongs to the Coordinators group, so
  editors can only submit and a coordinator approves;
* a Wagtail collection of its own (named like the group, without the prefix, a child of the
  root collection), on which it may add, change, choose and delete images and documents. It
  holds no permission on any other collection, so editors neither see nor choose other
  groups' media and cannot upload to the root collection. The collection is renamed with the
  group; when the group goes, the collection's images and documents move to the root
  collection (nothing is deleted with it) and the empty collection is removed.

The coordinator switches the mode with the "Publishing" field on the page's Settings tab
(only users with `labs.set_publishing_mode`, i.e. coordinators, see it); publishing the page
applies the change. Adding a person to the editors group is all that is needed to let them in.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from hub.permissions import (
    COLLECTION_PERMISSIONS,
    MODERATION_WORKFLOW_NAME,
    ensure_moderation_workflow,
    page_permission,
)

EDITORS_GROUP_PREFIX = "Redaktörer: "
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
TRUSTED_PAGE_PERMISSIONS = ("publish_page",)
# add, change, choose and delete of images and documents, on the group's own collection only.
EDITOR_COLLECTION_PERMISSIONS = COLLECTION_PERMISSIONS


class PublishingMode(models.TextChoices):
    MODERATED = "moderated", _("Moderated: editors submit, a coordinator approves")
    TRUSTED = "trusted", _("Trusted: editors publish directly")


class PublishingModeForm(WagtailAdminPageForm):
    """Keeps the page's mode when the field is left out of a submission (forms and tests that
    predate it); only coordinators see the field at all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "publishing_mode" in self.fields:
            self.fields["publishing_mode"].required = False

    def clean_publishing_mode(self):
        return (
            self.cleaned_data.get("publishing_mode")
            or self.instance.publishing_mode
            or PublishingMode.MODERATED
        )


class PublishingModeMixin(models.Model):
    """Put first in a page model's bases: a publishing mode and an editors group of its own."""

    publishing_mode = models.CharField(
        _("publishing"),
        max_length=10,
        choices=PublishingMode.choices,
        default=PublishingMode.MODERATED,
        help_text=_(
            "Whether the editors group can publish this page and its events directly, or "
            "submits them to the coordinators for approval. Takes effect when the page is "
            "published."
        ),
    )

    base_form_class = PublishingModeForm
    settings_panels = Page.settings_panels + [
        FieldPanel("publishing_mode", permission="labs.set_publishing_mode"),
    ]

    class Meta:
        abstract = True

    @property
    def is_trusted(self):
        return self.publishing_mode == PublishingMode.TRUSTED

    def editors_group(self):
        """The Django group of this page's editors, or None (before the page is saved)."""
        link = EditorGroup.objects.filter(translation_key=self.translation_key).first()
        return link.group if link else None


class EditorGroup(models.Model):
    """Links the pages of one translation set (a group or a lab) to their editors group."""

    translation_key = models.UUIDField(unique=True, editable=False)
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="editor_pages", editable=False
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editor_group",
        editable=False,
        help_text=_("Where the editors keep their images and documents."),
    )

    class Meta:
        verbose_name = _("editors group")
        verbose_name_plural = _("editors groups")
        permissions = [
            ("set_publishing_mode", _("Can switch a group or lab between moderated and trusted"))
        ]

    def __str__(self):
        return self.group.name

    def pages(self):
        return Page.objects.filter(translation_key=self.translation_key, alias_of__isnull=True)

    @property
    def collection_name(self):
        """The group's name without the "Redaktörer: " prefix (so with any " (n)" suffix)."""
        name = self.group.name
        return name[len(EDITORS_GROUP_PREFIX) :] if name.startswith(EDITORS_GROUP_PREFIX) else name


# --- editors groups ---------------------------------------------------------------------------


def editors_group_name(title, exclude_pk=None):
    """ "Redaktörer: <title>", made unique among groups (Group.name is unique, 150 characters)."""
    base = f"{EDITORS_GROUP_PREFIX}{title}"[:140]
    name, n = base, 2
    others = Group.objects.exclude(pk=exclude_pk) if exclude_pk else Group.objects.all()
    while others.filter(name=name).exists():
        name, n = f"{base} ({n})", n + 1
    return name


def source_page(pages):
    """The page of a translation set that names the group and sets its mode: the one in the
    default language (Swedish), else the oldest."""
    from wagtail.models import Locale

    default_locale = Locale.get_default()
    for page in pages:
        if page.locale_id == default_locale.pk:
            return page
    return pages[0]


@transaction.atomic
def sync_editors_group(page):
    """Create, rename and grant the editors group of `page` and its translations.

    Called after every save of a page with `PublishingModeMixin`; cheap when nothing changed.
    """
    pages = list(
        Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True).order_by(
            "pk"
        )
    )
    if not pages:
        return None
    link = EditorGroup.objects.select_related("group").filter(
        translation_key=page.translation_key
    ).first()
    source = source_page(pages)
    source = page if source.pk == page.pk else source.specific
    title = source.title
    if link is None:
        group = Group.objects.create(name=editors_group_name(title))
        link = EditorGroup.objects.create(translation_key=page.translation_key, group=group)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    group = link.group
    wanted_prefix = f"{EDITORS_GROUP_PREFIX}{title}"[:140]
    if not group.name.startswith(wanted_prefix) or _renamed_suffix(group.name, wanted_prefix):
        group.name = editors_group_name(title, exclude_pk=group.pk)
        group.save(update_fields=["name"])
    sync_editors_collection(link)
    apply_publishing_mode(pages, group, source.publishing_mode)
    return group


def _renamed_suffix(name, prefix):
    """True when `name` is `prefix` plus something other than a " (n)" uniqueness suffix."""
    rest = name[len(prefix) :]
    return bool(rest) and not (rest.startswith(" (") and rest.endswith(")"))


# --- the editors' collection (images and documents) ---------------------------------------------


def sync_editors_collection(link):
    """Create or rename `link`'s collection and grant its group the media permissions on it."""
    from wagtail.models import Collection, GroupCollectionPermission

    collection = link.collection
    name = link.collection_name
    if collection is None:
        root = Collection.get_first_root_node()
        if root is None:  # a flushed database before ensure_home_pages(); done after migrate
            return None
        collection = root.add_child(name=name)
        link.collection = collection
        link.save(update_fields=["collection"])
    elif collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    granted = set(
        GroupCollectionPermission.objects.filter(
            group=link.group, collection=collection
        ).values_list("permission__content_type__app_label", "permission__codename")
    )
    missing = [perm for perm in EDITOR_COLLECTION_PERMISSIONS if perm not in granted]
    for app_label, codename in missing:
        GroupCollectionPermission.objects.create(
            group=link.group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            ),
        )
    return collection


def release_editors_collection(collection):
    """Move a collection's images and documents (and any sub-collections' ones) to its parent,
    then delete it: deleting a collection would otherwise delete its media with it."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    parent = collection.get_parent()
    members = collection.get_descendants(inclusive=True)
    for model in (get_image_model(), get_document_model()):
        model.objects.filter(collection__in=members).update(collection=parent)
    collection.delete()


def ensure_editors_collections():
    """Give every existing editors group its collection (idempotent; run after `migrate`, so
    groups created before collections existed get theirs on a live site)."""
    for link in EditorGroup.objects.select_related("group", "collection"):
        sync_editors_collection(link)


def apply_publishing_mode(pages, group, mode):
    """Grant `group` its page permissions on `pages` and set or clear their workflow."""
    from wagtail.models import GroupPagePermission, WorkflowPage

    trusted = mode == PublishingMode.TRUSTED
    granted = EDITOR_PAGE_PERMISSIONS + (TRUSTED_PAGE_PERMISSIONS if trusted else ())
    revoked = () if trusted else TRUSTED_PAGE_PERMISSIONS
    for page in pages:
        for codename in granted:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=page_permission(codename)
            )
        GroupPagePermission.objects.filter(
            group=group, page=page, permission__codename__in=revoked
        ).delete()
    if trusted:
        WorkflowPage.objects.filter(
            page__in=pages, workflow__name=MODERATION_WORKFLOW_NAME
        ).delete()
    else:
        workflow = ensure_moderation_workflow()
        for page in pages:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def delete_orphaned_editors_group(translation_key):
    """Delete the editors group once no page of its translation set is left."""
    if Page.objects.filter(translation_key=translation_key).exists():
        return
    link = EditorGroup.objects.filter(translation_key=translation_key).select_related("group")
    for item in link:
        if item.collection is not None:
            release_editors_collection(item.collection)
        item.group.delete()  # cascades to the link, page and collection permissions, members


__all__ = [
    "EDITORS_GROUP_PREFIX",
    "MODERATION_WORKFLOW_NAME",
    "EditorGroup",
    "PublishingMode",
    "PublishingModeMixin",
    "apply_publishing_mode",
    "delete_orphaned_editors_group",
    "ensure_editors_collections",
    "ensure_moderation_workflow",
    "sync_editors_collection",
    "sync_editors_group",
]
