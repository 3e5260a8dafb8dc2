from django.urls import path

from missions import views

app_name = "missions"

urlpatterns = [
    path("missions/", views.MissionListView.as_view(), name="mission_list"),
    path(
        "missions/<slug:slug>/",
        views.MissionDetailView.as_view(),
        name="mission_detail",
    ),
    path("missions/<slug:slug>/register/", views.register, name="mission_register"),
    path(
        "missions/<slug:slug>/register/sent/",
        views.registration_sent,
        name="registration_sent",
    ),
    path(
        "registrations/confirm/<str:signed>/",
        views.confirm,
        name="registration_confirm",
    ),
    path(
        "registrations/<slug:token>/",
        views.registration_detail,
        name="registration_detail",
    ),
    path(
        "registrations/<slug:token>/edit/",
        views.edit,
        name="registration_edit",
    ),
    path(
        "registrations/<slug:token>/delegates/",
        views.delegates,
        name="registration_delegates",
    ),
    path(
        "registrations/<slug:token>/withdraw/",
        views.withdraw,
        name="registration_withdraw",
    ),
    path(
        "registrations/<slug:token>/erase/",
        views.erase,
        name="registration_erase",
    ),
    path(
        "registrations/<slug:token>/mission.ics",
        views.registration_ics,
        name="registration_ics",
    ),
]
