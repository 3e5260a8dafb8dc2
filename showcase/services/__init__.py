"""Workflows of the public site that span models, send mail or convert files,
one concern a module: `slides` (PDF to slides), `inquiries` (investor
inquiries: intake, routing, deadline, status history) and `inquiry_emails`."""
