"""One form class for every question step, built from pathways.questions."""

from django import forms

from pathways.questions import NONE, NOT_SURE


class ChoiceWidgetMixin:
    """Radios and checkboxes whose options carry their own hint, linked by aria-describedby."""

    option_template_name = "portal/widgets/choice_option.html"

    def __init__(self, *args, hints=None, divider_before=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints or {}
        self.divider_before = divider_before  # an "or" line goes before "None of these"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(value, "")
        option["exclusive"] = value in (NONE, NOT_SURE)
        option["divider"] = value == self.divider_before
        if option["hint"]:
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}-hint"
        return option


class ChoiceRadios(ChoiceWidgetMixin, forms.RadioSelect):
    template_name = "portal/widgets/choices.html"


class ChoiceCheckboxes(ChoiceWidgetMixin, forms.CheckboxSelectMultiple):
    template_name = "portal/widgets/choices.html"


class StepForm(forms.Form):
    """The form for one question. Its single field is named after the question id."""

    def __init__(self, question, for_other, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.for_other = for_other
        choices = [(choice.id, choice.text(for_other)) for choice in question.choices]
        hints = {choice.id: choice.hint_text(for_other) for choice in question.choices}
        messages = {"required": question.error_text(for_other), "invalid_choice": question.error_text(for_other)}
        if question.multiple:
            divider = next((choice for choice in question.choice_ids if choice in question.exclusive), None)
            widget = ChoiceCheckboxes(hints=hints, divider_before=divider)
            field = forms.MultipleChoiceField(choices=choices, widget=widget, error_messages=messages)
        else:
            field = forms.ChoiceField(choices=choices, widget=ChoiceRadios(hints=hints), error_messages=messages)
        field.label = question.question_text(for_other)
        field.help_text = question.hint_text(for_other)
        self.fields[question.id] = field

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get(self.question.id)
        if self.question.multiple and chosen:
            exclusive = [self.question.choice(choice).label for choice in chosen if choice in self.question.exclusive]
            if exclusive and len(chosen) > 1:
                self.add_error(
                    self.question.id,
                    f"Select '{exclusive[0]}' on its own, or select only the things that apply",
                )
        return cleaned

    @property
    def answer(self):
        """The answer to keep: a repeated choice (a forged form can send one twice) is kept once."""
        value = self.cleaned_data[self.question.id]
        return list(dict.fromkeys(value)) if self.question.multiple else value

    @property
    def first_input_id(self):
        return f"id_{self.question.id}_0"
