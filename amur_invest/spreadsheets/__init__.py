"""Spreadsheets: the staff's import and export machinery, shared by every
model staff keep in Excel, whatever app it belongs to.

- `files`: CSV and XLSX as Excel writes and reads them (a byte-order mark,
  the separator the staff member's Excel expects, formulas escaped, typed
  cells), read row by row and refused past a row limit;
- `formats`: those files as django-import-export formats, and the check of
  an XLSX's unpacked size before any parser opens it;
- `widgets`: cells as staff type them (text, a choice by code or label, a
  reference by slug, code or name in any language), bad ones refused with a
  sentence staff can act on;
- `resources`: the resource every staff import and export builds on
  (headings in the staff member's language, whole-file refusals before any
  row, readable errors, the accepted values), and `bulk`, the same saving a
  file in batches;
- `forms` and `admin`: the upload and export forms, and the admin mixin that
  puts it all on a model's admin pages (all-or-nothing imports, a template
  file, uploads kept no longer than the import needs them).

An app keeps here nothing of its own: its resources, and the widgets of its
own references, live with it.
"""
