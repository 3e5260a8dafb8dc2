"""The investor inquiry: the contact form (`forms`, `views`, `urls`), what
it is about and who answers it (`services`: routing, the reply date, the
status history), the emails it sends (`emails`), and what staff see of it
(`models`, `admin`). It reads the investment case to name a project or site
an inquiry is about."""
