"""Django admin phrases our catalogues word differently from Django's own.

The admin builds its titles, buttons and messages by putting a model's
verbose_name, in the nominative, into a sentence: "Выберите %s для изменения"
becomes "Выберите амурская компания для изменения", "Изменить заявка",
"амурская компания … был успешно добавлен". Russian needs another case and a
gender that no single verbose_name can give. Our Russian catalogue (read
before Django's, LOCALE_PATHS come first) rewords each of these phrases so
that the name stands alone, after a colon or in brackets, where the
nominative is right: "Изменение: заявка". The Japanese catalogue drops the
spaces Django's puts around the name ("アムール州の企業を追加").
The counter under each list ("13 амурские компании") is a template:
admin/pagination.html.

Nothing imports this module: the markers only make `makemessages` keep these
msgids in our catalogues. tests/test_admin_language.py renders every admin
page and fails on the old wording.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# Page titles, buttons and breadcrumbs.
gettext_noop("Select %s")
gettext_noop("Select %s to change")
gettext_noop("Select %s to view")
gettext_noop("Add %s")
gettext_noop("Change %s")
gettext_noop("View %s")
gettext_noop("Add %(name)s")
gettext_noop("Add another %(verbose_name)s")
gettext_noop("Cannot delete %(name)s")
gettext_noop("Delete selected %(verbose_name_plural)s")
gettext_noop("Search %(name)s")
gettext_noop("Pagination %(name)s")
gettext_noop("Pagination %(name)s entries")
gettext_noop(" By %(filter_title)s ")
# Django's Russian misspells "чего-либо" here.
gettext_noop("You don’t have permission to view or edit anything.")

# Messages after saving or deleting, and the history of an object.
gettext_noop("The {name} “{obj}” was added successfully.")
gettext_noop(
    "The {name} “{obj}” was added successfully. You may add another {name} below."
)
gettext_noop(
    "The {name} “{obj}” was changed successfully. You may edit it again below."
)
gettext_noop(
    "The {name} “{obj}” was changed successfully. You may add another {name} below."
)
gettext_noop("The {name} “{obj}” was changed successfully.")
gettext_noop("The %(name)s “%(obj)s” was deleted successfully.")
gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?")
gettext_noop("Successfully deleted %(count)d %(items)s.")
ngettext_lazy(
    "%(count)s %(name)s was changed successfully.",
    "%(count)s %(name)s were changed successfully.",
    1,
)
gettext_noop("Added {name} “{object}”.")
gettext_noop("Changed {fields} for {name} “{object}”.")
gettext_noop("Deleted {name} “{object}”.")

# The deletion pages.
gettext_noop(
    "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting "
    "related objects, but your account doesn't have permission to delete the "
    "following types of objects:"
)
gettext_noop(
    "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
    "following protected related objects:"
)
gettext_noop(
    "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? "
    "All of the following related items will be deleted:"
)
gettext_noop(
    "Deleting the selected %(objects_name)s would result in deleting related "
    "objects, but your account doesn't have permission to delete the following "
    "types of objects:"
)
gettext_noop(
    "Deleting the selected %(objects_name)s would require deleting the following "
    "protected related objects:"
)
gettext_noop(
    "Are you sure you want to delete the selected %(objects_name)s? All of the "
    "following objects and their related items will be deleted:"
)

# The counter beside the actions: Django's Russian says «Выбрано 0 объектов
# из 0», a second wording of the count next to the list's own counter.
gettext_noop("0 of %(cnt)s selected")
# The export page's button: Django's «Отправить» says nothing of what it does.
gettext_noop("Export the file")
