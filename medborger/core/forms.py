from django.forms.renderers import TemplatesSetting


class FdsFormRenderer(TemplatesSetting):
    """Every Django form renders with Det Fælles Designsystem markup, labels and error texts."""

    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
