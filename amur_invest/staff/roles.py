"""The staff roles, as the admin names them to a reader.

A role is a group found by its stable English name: the migrations of each
app give the groups their rights by that name. Staff read it in their own
admin language, wherever a group is shown (the user form, the group list,
the filters): Group's own __str__ gives the stored name, so it is replaced
when the app is ready."""

from django.utils.translation import pgettext_lazy

ROLE_NAMES = {
    "Agency manager": pgettext_lazy("staff role", "Agency manager"),
    "Mission coordinator": pgettext_lazy("staff role", "Mission coordinator"),
    "Exhibition coordinator": pgettext_lazy("staff role", "Exhibition coordinator"),
    "Content editor": pgettext_lazy("staff role", "Content editor"),
    "District coordinator": pgettext_lazy("staff role", "District coordinator"),
}


def role_name(group) -> str:
    """The group's name in the active language; a group staff created
    themselves keeps the name they gave it."""
    return str(ROLE_NAMES.get(group.name, group.name))


def show_roles_translated() -> None:
    from django.contrib.auth.models import Group

    Group.__str__ = role_name
