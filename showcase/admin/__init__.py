"""Admin of the public content. Importing the submodules runs their
`@admin.register`: Django's autodiscover imports only `showcase.admin`."""

from showcase.admin.agency import AgencyContactAdmin
from showcase.admin.events import EventAdmin

__all__ = ["AgencyContactAdmin"]
__all__ += ["EventAdmin"]
