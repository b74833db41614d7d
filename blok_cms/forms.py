"""The form renderer of the whole site: Django's templates plus one override, the field group.

Every form field rendered with ``{{ field.as_field_group }}`` uses ``templates/forms/field.html``:
label (with the required mark), help text and errors under the ids Django's own
``aria-describedby`` points at (``<id>_helptext``, ``<id>_error``).
"""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
