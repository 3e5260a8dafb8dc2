"""Words of the admin's own templates in the staff member's language: lists
joined as their language joins them, the site's time zone by its place."""

from django import template

from amur_invest import lists, zones

register = template.Library()


@register.filter
def joined(items) -> str:
    """{{ names|joined }}: «мёд, соя», 「蜂蜜、大豆」."""
    return lists.joined(items)


@register.simple_tag
def list_separator() -> str:
    """Between items a loop writes itself (each with its own markup)."""
    return lists.list_separator()


@register.simple_tag
def site_zone_name() -> str:
    return zones.site_zone_name()
