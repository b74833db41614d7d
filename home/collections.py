"""Collections as editors see them: no uploads into the root, "Öffentlich" preselected.

The root collection (renamed "Alle Sammlungen" by the production setup) holds everything; a
document uploaded there would be public (no restriction) but is not in any library that lists
chosen collections. So documents and images go into a named collection: the upload forms and
the multiple-upload page offer only collections below the root, preselect "Öffentlich" and say
what the choice means. Images cannot be protected, so image forms do not offer restricted
collections (such as "Intern") at all.
"""

from wagtail.documents.views import multiple as document_multiple
from wagtail.images.views import multiple as image_multiple
from wagtail.models import Collection, CollectionViewRestriction

ROOT_COLLECTION_NAME = "Alle Sammlungen"
ROOT_PAGE_TITLE = "Alle Seiten"  # the page tree's root, shown in the admin's breadcrumbs
PUBLIC_COLLECTION = "Öffentlich"
INTERNAL_COLLECTION = "Intern"

DOCUMENT_COLLECTION_HELP = (
    "„Öffentlich“: jeder kann das Dokument herunterladen, es steht in der Dokumentbibliothek und wird "
    "gefunden. „Intern“: nur angemeldete Mitglieder sehen und laden es. Die Sammlungen unter „Intern“ "
    "(„Vergleichsring 1“ bis „Vergleichsring 10“, „Arbeitskreis Option“): nur die Mitglieder dieses "
    "Rings bzw. des Arbeitskreises und die Moderation; das Dokument erscheint in ihrem Arbeitsbereich."
)
IMAGE_COLLECTION_HELP = (
    "Bilder sind immer öffentlich abrufbar – auch in einer Sammlung. Interne Grafiken bitte als "
    "Dokument in die Sammlung „Intern“ hochladen."
)


def upload_collections(queryset, *, public_only=False):
    """``queryset`` without the root collection (and, for images, without restricted ones)."""
    queryset = queryset.filter(depth__gt=1)
    if public_only:
        for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
            queryset = queryset.exclude(path__startswith=path)
    return queryset


def default_collection(queryset):
    return queryset.filter(name=PUBLIC_COLLECTION).first() or queryset.first()


def limit_collection_field(form, *, public_only=False, help_text=""):
    """Restrict a collection member form's collection field (Wagtail's BaseCollectionMemberForm)."""
    field = form.fields.get("collection")
    if field is None:
        return
    allowed = upload_collections(field.queryset, public_only=public_only)
    current = getattr(form.instance, "collection_id", None)
    if form.instance.pk and current and not allowed.filter(pk=current).exists():
        allowed = allowed | Collection.objects.filter(pk=current)  # keep an existing choice editable
    field.queryset = allowed
    field.empty_label = None
    # Not sent at all (e.g. a script posting to the multiple upload): "Öffentlich", as preselected.
    # Sending the root or a collection not offered is refused ("keine gültige Auswahl").
    field.required = False
    form.default_collection = default_collection(allowed)
    if not form.instance.pk and form.default_collection is not None:
        # A new document's model default is the root: preselect "Öffentlich" instead.
        form.initial["collection"] = form.default_collection.pk
    field.help_text = help_text


def clean_collection(form):
    """The chosen collection, or the preselected default when the field was not sent."""
    collection = form.cleaned_data.get("collection")
    if collection is None and "collection" in form.fields:
        collection = getattr(form, "default_collection", None)
        if collection is None:
            from django.core.exceptions import ValidationError

            raise ValidationError("Bitte eine Sammlung wählen.")
    return collection


class _MultipleAddMixin:
    public_only = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        collections = context.get("collections")
        if collections is None:
            collections = self.permission_policy.collections_user_has_permission_for(self.request.user, "add")
        allowed = upload_collections(collections, public_only=self.public_only)
        chosen = context.get("selected_collection_id")
        if not chosen or not allowed.filter(pk=chosen).exists():
            default = default_collection(allowed)
            context["selected_collection_id"] = str(default.pk) if default else None
        context["collections"] = allowed if allowed.exists() else None
        return context


class DocumentMultipleAddView(_MultipleAddMixin, document_multiple.AddView):
    pass


class ImageMultipleAddView(_MultipleAddMixin, image_multiple.AddView):
    public_only = True
