"""The staff roles, as the admin names them to a reader.

A role is a group found by its stable English name: the migrations of each
app give the groups their rights by that name. Staff read it in their own
admin language, wherever a group is shown (the user form, the group list,
the filters): Group's own __str__ gives the stored name, so it is replaced
when the app is ready."""

from django.utils.translation import gettext, pgettext, pgettext_lazy

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
    from django.contrib.auth.models import Group, Permission

    Group.__str__ = role_name
    Permission.__str__ = permission_name


def default_permission_names() -> dict:
    # Django names these rights in English when a table is created ("Can add
    # log entry") and never translates the stored name.
    return {
        "add": pgettext("a right of a staff member", "Can add: %(kind)s"),
        "change": pgettext("a right of a staff member", "Can change: %(kind)s"),
        "delete": pgettext("a right of a staff member", "Can delete: %(kind)s"),
        "view": pgettext("a right of a staff member", "Can view: %(kind)s"),
    }


def permission_name(permission) -> str:
    """A right as the user and role forms list it, in the reader's language:
    «Бизнес-миссии | Может изменять: заявка», not "missions | registration |
    Can change registration". The rights the apps declare themselves have
    their names in the catalogue."""
    model = permission.content_type.model_class()
    if model is None:
        return f"{permission.content_type} | {permission.name}"
    opts = model._meta
    action, _, model_name = permission.codename.partition("_")
    template = default_permission_names().get(action)
    if template and model_name == opts.model_name:
        name = template % {"kind": opts.verbose_name}
    else:
        name = gettext(permission.name)
    return f"{opts.app_config.verbose_name} | {name}"
