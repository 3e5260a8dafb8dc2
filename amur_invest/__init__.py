"""The ground floor of the house: settings, the root URLconf, and what every
app stands on (the page cache with the registry the apps fill, the outbox,
the agency's contact point, the spreadsheet machinery and the staff's
accounts); it names no app above it, the root URLconf aside."""
