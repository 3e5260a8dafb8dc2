"""Numbers the public pages show, computed from the rows staff keep: never
typed into a template."""
