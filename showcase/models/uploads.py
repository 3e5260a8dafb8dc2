"""Migrations 0003 and 0011 name `GeneratedName` here; it lives in
`showcase.content.uploads`. Keep this module until those migrations are
squashed."""

from showcase.content.uploads import GeneratedName

__all__ = ["GeneratedName"]
