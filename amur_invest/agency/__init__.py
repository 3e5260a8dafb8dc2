"""The agency's contact point: how to reach the Amur Region Investment
Attraction Agency, the same at the foot of every public page (the `agency`
context processor) and at the end of every email (`AgencyContact.load()`).
One translated row that staff edit in the admin, so that a new phone number
needs no deployment.

It sits on the ground floor because every room shows it: the public pages,
the applicant's emails, the exhibitions' pages and the inquiries' replies.
"""
