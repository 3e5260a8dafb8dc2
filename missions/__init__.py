"""Business missions to Japan: the missions with their programme and seats,
and the companies' registrations, which plug into the shared application
workflow (partners.applications) through `services`."""
