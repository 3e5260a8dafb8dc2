"""Row locks taken by every step that changes an application.

One order everywhere: the mission or exhibition applied for first, then the
application. Missions count seats under the mission's lock; exhibitions have
no seats, but decisions on competing applications of one company queue on
the exhibition's lock just the same. A form post takes its email address's
lock (amur_invest.outbox.mail.check_budget) before any row.

A locking query orders by the primary key, never by the model's default
ordering: an ordering through a nullable foreign key (a participation's
company) is an outer join, which PostgreSQL refuses to lock."""

from partners.applications.models import Application


def lock_parent_row(model: type[Application], parent_id):
    """Lock the row of what `model`'s applications apply for."""
    parent_model = model._meta.get_field(model.parent_field).related_model
    return parent_model.objects.select_for_update().get(pk=parent_id)


def lock_parent(application: Application):
    """Lock the mission or exhibition of the application and give the
    application that locked instance."""
    parent = lock_parent_row(type(application), application.parent_id)
    setattr(application, application.parent_field, parent)
    return parent


def lock_application(application: Application) -> Application:
    """Lock the row and reload the caller's instance with what is committed."""
    locked = (
        type(application)
        .objects.select_for_update()
        .filter(pk=application.pk)
        .order_by("pk")
    )
    list(locked.values_list("pk", flat=True))
    application.refresh_from_db()
    return application


def lock_both(application: Application):
    """The parent, then the application: return the locked parent."""
    parent = lock_parent_row(type(application), application.parent_id)
    lock_application(application)
    setattr(application, application.parent_field, parent)
    return parent
