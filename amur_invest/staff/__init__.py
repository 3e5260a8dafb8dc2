"""The staff's accounts and what guards them: two-factor sign-in, sessions,
each member's admin language, and the audit trail of who touched personal
data (each app says in its `ready()` which of its models hold it)."""
