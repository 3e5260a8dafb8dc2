"""Words of the admin's own templates in the staff member's language: the
site's time zone by its place."""

from django import template

from amur_invest import zones

register = template.Library()


@register.simple_tag
def site_zone_name() -> str:
    return zones.site_zone_name()
