from django.urls import path

from showcase.meetings import views

app_name = "meetings"


def both_sides(prefix: str, side: str, name: str):
    """The same pages for each side, under its own secret link."""
    kind = {"side": side}
    return [
        path(f"{prefix}/", views.page, kind, name=name),
        path(f"{prefix}/ask/", views.ask, kind, name=f"{name}_ask"),
        path(
            f"{prefix}/requests/<int:pk>/answer/",
            views.answer,
            kind,
            name=f"{name}_answer",
        ),
        path(
            f"{prefix}/meetings/<int:pk>/report/",
            views.report,
            kind,
            name=f"{name}_report",
        ),
        path(f"{prefix}/sheet/", views.sheet, kind, name=f"{name}_sheet"),
        path(f"{prefix}/meetings.ics", views.schedule_ics, kind, name=f"{name}_ics"),
    ]


urlpatterns = [
    path("missions/<slug:slug>/meet/", views.signup, name="signup"),
    path("missions/<slug:slug>/meet/sent/", views.signup_sent, name="signup_sent"),
    path(
        "exhibitions/<slug:slug>/meet/", views.pavilion_signup, name="pavilion_signup"
    ),
    path(
        "exhibitions/<slug:slug>/meet/sent/",
        views.pavilion_signup_sent,
        name="pavilion_signup_sent",
    ),
    path("meetings/confirm/<str:signed>/", views.confirm, name="confirm"),
    path(
        "meetings/<slug:token>/withdraw/", views.withdraw, name="participant_withdraw"
    ),
    *both_sides("meetings/<slug:token>", "japanese", "participant"),
    *both_sides("registrations/<slug:token>/meetings", "amur", "registrant"),
    *both_sides("applications/<slug:token>/meetings", "exhibitor", "exhibitor"),
]
