from wagtail.admin.panels import Panel


class LeichteSpracheCheckPanel(Panel):
    """Shows the Leichte-Sprache findings for the page being edited (its latest saved draft).

    Advice only: the panel has no form field and cannot block saving or publishing.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "accessibility/admin/check_panel.html"

        def get_context_data(self, parent_context=None):
            from accessibility.leichte_sprache import RULES, check_page

            context = super().get_context_data(parent_context)
            page = self.instance
            findings = check_page(page) if page is not None and page.pk else []
            context.update({"findings": findings, "rules": RULES, "saved": bool(page and page.pk)})
            return context
