"""manage.py make_thumbnails: the smaller versions of every stored photograph."""

from django.apps import apps
from django.core.management.base import BaseCommand

from amur_invest import images


class Command(BaseCommand):
    help = (
        "Queue the making of every version of every stored photograph that "
        "pages show and that is not made yet (the thumbnails worker makes "
        "them). Saving a photograph does this for it; run this after a "
        "deploy that changes the sizes (THUMBNAIL_WIDTHS) or after loading "
        "photographs another way."
    )

    def handle(self, *args, **options):
        queued = 0
        for model in apps.get_models():
            for field in images.image_fields(model):
                stored = model._default_manager.exclude(**{field.attname: ""})
                names = stored.values_list(field.attname, flat=True).distinct()
                for name in filter(None, names):
                    images.make_thumbnails.enqueue(name, list(field.shown_as))
                    queued += 1
        self.stdout.write(f"Photographs queued for their thumbnails: {queued}")
