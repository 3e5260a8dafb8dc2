"""Forms of the public site, one module per page that has one."""
