"""The shared StreamField block library.

Every block has a German label, an icon, a template in ``templates/components/streamfield/blocks/``,
help text and a preview value. Pages render their stream with ``{% include_block %}``.
Nothing here embeds content from another host.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
TEMPLATE_DIR = "components/streamfield/blocks"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Text", max_length=200)
    level = blocks.ChoiceBlock(
        label="Ebene",
        choices=[("h2", "Überschrift 2"), ("h3", "Überschrift 3")],
        default="h2",
        help_text="Überschriften in der richtigen Reihenfolge verwenden (erst 2, dann 3).",
    )

    class Meta:
        icon = "title"
        label = "Überschrift"
        template = f"{TEMPLATE_DIR}/heading_block.html"
        help_text = "Zwischenüberschrift, die den folgenden Abschnitt gliedert."
        preview_value = {"text": "Ziele des Benchlearnings", "level": "h2"}
        description = "Eine Zwischenüberschrift der Ebene 2 oder 3."


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        # The search index is shared by all readers: index the text as an anonymous reader sees
        # it, without the text of links to members-only pages and documents.
        from home.richtext import hide_invisible_links

        if not self.search_index:
            return []
        source = hide_invisible_links(None, value.source, replacement=" ")
        return super().get_searchable_content(type(value)(source))

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = f"{TEMPLATE_DIR}/paragraph_block.html"
        help_text = "Fließtext mit Hervorhebungen, Listen und Links."
        preview_value = "<p>Die Optionskommunen lernen im <b>Benchlearning</b> systematisch voneinander.</p>"
        description = "Formatierter Fließtext."


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Bild")
    caption = blocks.CharBlock(label="Bildunterschrift", required=False, max_length=300)
    credit = blocks.CharBlock(
        label="Bildnachweis",
        required=False,
        max_length=255,
        help_text="Leer lassen, um den Bildnachweis des Bildes zu verwenden.",
    )

    class Meta:
        icon = "image"
        label = "Bild"
        template = f"{TEMPLATE_DIR}/image_block.html"
        help_text = "Öffentliches Bild mit Bildunterschrift. Interne Grafiken gehören in die Dokumente."
        description = "Ein Bild mit Bildunterschrift und Bildnachweis."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Zitat")
    attribution = blocks.CharBlock(label="Quelle / Person", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Zitat"
        template = f"{TEMPLATE_DIR}/quote_block.html"
        help_text = "Ein hervorgehobenes Zitat mit Angabe der Quelle."
        preview_value = {
            "text": "Voneinander lernen heißt besser werden.",
            "attribution": "Arbeitskreis Option",
        }
        description = "Ein Zitat mit Quelle."


class LinkStructValue(blocks.StructValue):
    """Resolves the one target of a link: internal page, document or external URL."""

    @cached_property
    def target(self):
        return self.get("page") or self.get("document") or None

    def url(self):
        if self.get("page"):
            return self["page"].url
        if self.get("document"):
            return self["document"].url
        return self.get("url") or ""

    def href(self):
        """The link address for templates (``value.url`` there is the "url" child, not ``url()``)."""
        return self.url()

    def text(self):
        if self.get("label"):
            return self["label"]
        if self.get("page"):
            return self["page"].title
        if self.get("document"):
            return self["document"].title
        return self.get("url") or ""

    def is_external(self):
        return not self.get("page") and not self.get("document") and bool(self.get("url"))


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label="Linktext", required=False, max_length=200, help_text="Leer lassen, um den Titel des Ziels zu verwenden."
    )
    page = blocks.PageChooserBlock(label="Interne Seite", required=False)
    document = DocumentChooserBlock(label="Dokument", required=False)
    url = blocks.URLBlock(label="Externe Adresse", required=False)

    class Meta:
        icon = "link"
        label = "Link"
        value_class = LinkStructValue
        template = f"{TEMPLATE_DIR}/link_block.html"
        help_text = "Genau ein Ziel wählen: eine Seite, ein Dokument oder eine externe Adresse."
        preview_value = {"label": "Kommunen für Arbeit", "url": "https://www.example.org/"}

    def get_searchable_content(self, value):
        # The index is shared by all readers: a label of a link to a members-only page or document
        # often repeats its title, so it is indexed only when an anonymous reader may see the target.
        from home.richtext import link_text_for_index

        return link_text_for_index(value)

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "document", "url") if value.get(name)]
        if len(targets) != 1:
            message = "Bitte genau ein Ziel angeben: eine Seite, ein Dokument oder eine externe Adresse."
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Überschrift", required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label="Links", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Linkliste"
        template = f"{TEMPLATE_DIR}/link_list_block.html"
        help_text = "Eine Liste von Links auf Seiten, Dokumente oder externe Angebote."
        preview_value = {
            "heading": "Weitere Informationen",
            "links": [{"label": "Kommunen für Arbeit", "url": "https://www.example.org/"}],
        }
        description = "Mehrere Links unter einer Überschrift."


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Überschrift", max_length=200)
    text = blocks.TextBlock(label="Text", required=False)
    link = LinkBlock(label="Ziel")

    class Meta:
        icon = "pick"
        label = "Handlungsaufforderung"
        template = f"{TEMPLATE_DIR}/call_to_action_block.html"
        help_text = "Ein hervorgehobener Kasten, der zu einer Seite, einem Dokument oder Angebot führt."
        preview_value = {
            "heading": "Zur nächsten Fachtagung",
            "text": "Programm und Anmeldung finden Sie im Veranstaltungskalender.",
            "link": {"label": "Fachtagungen", "url": "https://www.example.org/"},
        }
        description = "Kasten mit Überschrift, Text und einem Link."


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Überschrift", required=False, max_length=200)
    documents = blocks.ListBlock(
        DocumentChooserBlock(label="Dokument"),
        label="Dokumente",
        min_num=0,
        help_text="Einzeln ausgewählte Dokumente (in dieser Reihenfolge).",
    )
    category = SnippetChooserBlock(
        "documents_app.DocumentCategory",
        label="Alle Dokumente einer Kategorie",
        required=False,
        help_text="Zeigt zusätzlich die neuesten Dokumente dieser Kategorie an.",
    )
    limit = blocks.IntegerBlock(
        label="Höchstzahl aus der Kategorie",
        required=False,
        default=10,
        min_value=1,
        max_value=50,
        help_text="Wie viele Dokumente der Kategorie höchstens gezeigt werden (die neuesten zuerst).",
    )

    class Meta:
        icon = "doc-full"
        label = "Dokumentliste"
        template = f"{TEMPLATE_DIR}/document_list_block.html"
        help_text = (
            "Ausgewählte Dokumente oder eine Kategorie zum Herunterladen. Interne Dokumente sehen nur Mitglieder."
        )
        description = "Eine Liste von Dokumenten mit Dateityp und Größe."

    def clean(self, value):
        value = super().clean(value)
        if not value.get("documents") and not value.get("category"):
            message = "Bitte mindestens ein Dokument oder eine Kategorie wählen."
            raise StructBlockValidationError(block_errors={"documents": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        """The documents this request may see: chosen ones in order, then the category's newest.

        A fixed number of queries however long the list (the visibility rule filters in SQL).
        """
        from home import visibility

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        chosen_ids = [document.pk for document in value.get("documents") or [] if document is not None]
        shown = []
        if chosen_ids:
            model = type(next(d for d in value["documents"] if d is not None))
            found = visibility.visible_documents(request, model.objects.filter(pk__in=chosen_ids)).select_related(
                "collection"
            )
            by_id = {document.pk: document for document in found}
            shown = [by_id[pk] for pk in dict.fromkeys(chosen_ids) if pk in by_id]
        category = value.get("category")
        if category is not None:
            from wagtail.documents import get_document_model

            newest = (
                visibility.visible_documents(request, get_document_model().objects.filter(category=category))
                .exclude(pk__in=chosen_ids)
                .select_related("collection")
                .order_by("-publication_date", "-created_at")[: value.get("limit") or 10]
            )
            shown.extend(newest)
        context["documents"] = shown
        return context


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label="Tabellentitel", max_length=200, help_text="Beschreibt den Inhalt der Tabelle (für Screenreader)."
    )
    table = WagtailTableBlock(
        label="Tabelle",
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )

    class Meta:
        icon = "table"
        label = "Tabelle"
        template = f"{TEMPLATE_DIR}/table_block.html"
        help_text = "Eine Tabelle mit Titel; die erste Zeile als Kopfzeile markieren."
        preview_value = {
            "caption": "Vergleichsringe",
            "table": {
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Ring", "Treffen pro Jahr"], ["1–10", "3"]],
            },
        }
        description = "Eine Tabelle mit Titel und Kopfzeile."


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Frage / Titel", max_length=300)
    answer = ParagraphBlock(label="Antwort / Inhalt")

    class Meta:
        icon = "help"
        label = "Eintrag"


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Überschrift", required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label="Einträge", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Aufklappbare Abschnitte (FAQ)"
        template = f"{TEMPLATE_DIR}/accordion_block.html"
        help_text = "Fragen und Antworten, die sich einzeln aufklappen lassen."
        preview_value = {
            "heading": "Häufige Fragen",
            "items": [{"question": "Wer nimmt teil?", "answer": "<p>Die Optionskommunen.</p>"}],
        }
        description = "Aufklappbare Fragen und Antworten."


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label="Art",
        choices=[("info", "Hinweis"), ("warning", "Wichtig"), ("success", "Erledigt")],
        default="info",
    )
    heading = blocks.CharBlock(label="Überschrift", required=False, max_length=200)
    text = ParagraphBlock(label="Text")

    class Meta:
        icon = "warning"
        label = "Hinweiskasten"
        template = f"{TEMPLATE_DIR}/notice_block.html"
        help_text = "Ein farbig hervorgehobener Hinweis."
        preview_value = {"kind": "info", "heading": "Hinweis", "text": "<p>Die Anmeldung ist geöffnet.</p>"}
        description = "Ein hervorgehobener Hinweis."


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="Name", max_length=200)
    role = blocks.CharBlock(label="Funktion", required=False, max_length=200)
    organisation = blocks.CharBlock(label="Organisation", required=False, max_length=200)
    email = blocks.EmailBlock(label="E-Mail", required=False)
    phone = blocks.CharBlock(label="Telefon", required=False, max_length=50)
    address = blocks.TextBlock(label="Anschrift", required=False)

    class Meta:
        icon = "user"
        label = "Kontaktkarte"
        template = f"{TEMPLATE_DIR}/contact_card_block.html"
        help_text = "Ansprechperson mit Kontaktdaten."
        preview_value = {
            "name": "Projektleitung Benchlearning",
            "organisation": "Benchlearning der Optionskommunen",
            "email": "kontakt@example.org",
        }
        description = "Kontaktdaten einer Ansprechperson."


def event_type_choices():
    """The editable event types (events app), looked up through the app registry when the form is built."""
    choices = [("", "Alle Arten")]
    try:
        event_type = apps.get_model("events", "EventType")
        choices += list(event_type.objects.order_by("sort_order", "name").values_list("slug", "name"))
    except (LookupError, DatabaseError):
        pass  # events app not installed or its table not migrated yet
    return choices


class EventsTeaserBlock(blocks.StructBlock):
    """The next events (the events app renders the list through its template tag)."""

    heading = blocks.CharBlock(label="Überschrift", default="Termine", max_length=200)
    count = blocks.IntegerBlock(label="Anzahl", default=3, min_value=1, max_value=12)
    event_type = blocks.ChoiceBlock(
        label="Nur Veranstaltungsart",
        choices=event_type_choices,
        required=False,
        help_text="Leer lassen für alle Arten. Die Arten pflegt die Redaktion unter „Veranstaltungsarten“.",
    )

    class Meta:
        icon = "date"
        label = "Termine"
        template = f"{TEMPLATE_DIR}/events_teaser_block.html"
        help_text = "Zeigt automatisch die nächsten Veranstaltungen."
        preview_value = {"heading": "Termine", "count": 3}
        description = "Die nächsten Veranstaltungen aus dem Kalender."


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    link_list = LinkListBlock()
    call_to_action = CallToActionBlock()
    document_list = DocumentListBlock()
    table = TableBlock()
    accordion = AccordionBlock()
    notice = NoticeBlock()
    contact_card = ContactCardBlock()
    events_teaser = EventsTeaserBlock()

    class Meta:
        block_counts = {}
