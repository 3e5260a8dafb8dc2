"""Public pages of the showcase, one module per kind of page."""

from showcase.views.home import HomeView, favicon, robots_txt

__all__ = ["HomeView", "favicon", "robots_txt"]
