"""Migration 0003 names `validate_pdf_upload` here; it lives with the
presentations in `showcase.content.models`. Keep this module until that
migration is squashed."""

from showcase.content.models import validate_pdf_upload

__all__ = ["validate_pdf_upload"]
