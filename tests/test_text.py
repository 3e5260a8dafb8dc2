"""Invisible control characters are refused wherever people type text."""

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from amur_invest.text import PlainTextValidator, greeting_name, many_lines, one_line
from exhibitions.forms import ApplicationForm
from missions.forms import RegistrationForm

OUR_APPS = (
    "outbox",
    "agency",
    "partners",
    "missions",
    "meetings",
    "exhibitions",
    "showcase",
)

# Written by the system, never typed by a person: the consent text is ours,
# the browser string comes from a header, emails are rendered from templates.
SYSTEM_FIELDS = {
    ("partners", "consent"),
    ("outbox", "outgoingemail"),
}

# Their own validators already refuse anything but their syntax.
SYNTAX_FIELDS = (models.EmailField, models.URLField, models.SlugField)


def typed_text_fields():
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in OUR_APPS:
            continue
        if (meta.app_label, meta.model_name) in SYSTEM_FIELDS:
            continue
        for field in meta.get_fields():
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if isinstance(field, SYNTAX_FIELDS) or field.choices or not field.editable:
                continue
            if field.validators and field.name in {
                "inn",
                "ogrn",
                "code",
                "cadastral_number",
                "corporate_number",
                "breaks",
                "time_zone",
            }:
                continue  # checked by their own syntax
            yield model, field


@pytest.mark.parametrize(
    ("model", "field"),
    list(typed_text_fields()),
    ids=lambda value: getattr(value, "__name__", getattr(value, "name", "")),
)
def test_every_typed_text_field_refuses_control_characters(model, field):
    validators = [v for v in field.validators if isinstance(v, PlainTextValidator)]
    assert validators, f"{model.__name__}.{field.name} has no plain-text validator"
    expected = many_lines if isinstance(field, models.TextField) else one_line
    assert validators[0] == expected


@pytest.mark.parametrize("form", [RegistrationForm, ApplicationForm])
def test_every_text_field_of_the_application_forms_refuses_control_characters(form):
    fields = form.base_fields
    unchecked = [
        name
        for name, field in fields.items()
        if type(field) is forms.CharField
        and name not in {"inn", "phone", "homepage"}
        and not any(isinstance(v, PlainTextValidator) for v in field.validators)
    ]
    assert unchecked == []


@pytest.mark.parametrize(
    "character", ["\x0b", "\x1b", "\x00", "\x7f", "\x85", "\u202e"]
)
def test_control_characters_are_refused_in_both_kinds(character):
    for validator in (one_line, many_lines):
        with pytest.raises(ValidationError) as error:
            validator(f"Амурский{character}мёд")
        assert error.value.code == "control_character"


def test_a_single_line_refuses_line_breaks_with_its_own_message():
    with pytest.raises(ValidationError) as error:
        one_line("ООО «Амур»\nАО «Зея»")
    assert error.value.code == "line_break"


def test_ordinary_text_in_three_scripts_passes():
    one_line("ООО «Амурский мёд» — はちみつ 蜂蜜 Amur Honey LLC")
    many_lines("Мёд липовый\r\nそば蜂蜜\tbuckwheat honey")


# Names in greetings ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Ольга Миронова",
        "山田太郎",
        "ヤマダ・タロウ",
        "Anne-Marie O'Neill",
        "J. Smith",
        "Nguyễn Thị Minh",
        "x" * 40,
    ],
)
def test_a_short_name_of_letters_is_greeted(name):
    assert greeting_name(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "Dear customer. URGENT: your account is suspended, verify at "
        "http://evil.example/login within 24h,",
        "x" * 41,
        "evil.example",
        "www.evil.example",
        "Иван evil.example",
        "Call 8 800 555 35 35",
        "Ivan@evil",
        "Ivan/login",
        "Ivan\x1b[31m",
        "Ivan\u202eevil",
        "",
    ],
)
def test_anything_else_gets_the_neutral_greeting(name):
    assert greeting_name(name) == ""


def test_a_greeting_folds_the_spaces_of_a_name():
    assert greeting_name("  Ольга\u3000 Миронова ") == "Ольга Миронова"
