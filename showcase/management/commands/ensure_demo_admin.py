"""Create or reset the demo superuser, for trying the site out locally."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from amur_invest.site_url import follows_request


class Command(BaseCommand):
    help = "Create or reset the demo admin account (only when DEBUG is on)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="Port `make run` serves on, for the printed login address.",
        )

    def handle(self, *args, **options):
        # A well-known password must never reach a production database.
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create the demo admin: DEBUG is off. "
                "Use `manage.py createsuperuser` in production."
            )
        username = settings.DEMO_ADMIN_USERNAME
        password = settings.DEMO_ADMIN_PASSWORD
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        action = "created" if created else "reset"
        self.stdout.write(self.style.SUCCESS(f"Demo admin {action}."))
        self.stdout.write(f"Log in at {admin_url(options['port'])}")
        self.stdout.write(f"  username: {username}")
        self.stdout.write(f"  password: {password}")


def admin_url(port: int) -> str:
    """The admin where `make run` serves it, unless SITE_URL names the site."""
    site = f"http://127.0.0.1:{port}" if follows_request() else settings.SITE_URL
    return f"{site}/admin/"
