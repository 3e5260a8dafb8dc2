from django.urls import path

from exhibitions import views

app_name = "exhibitions"

urlpatterns = [
    path("exhibitions/", views.ExhibitionListView.as_view(), name="exhibition_list"),
    path(
        "exhibitions/<slug:slug>/",
        views.ExhibitionDetailView.as_view(),
        name="exhibition_detail",
    ),
    path(
        "exhibitions/<slug:slug>/exhibitors/<slug:company>/",
        views.ExhibitorDetailView.as_view(),
        name="exhibitor_detail",
    ),
    path(
        "exhibitions/<slug:slug>/catalogue.xlsx",
        views.catalogue_xlsx,
        name="catalogue_xlsx",
    ),
    path(
        "exhibitions/<slug:slug>/catalogue/print/",
        views.CataloguePrintView.as_view(),
        name="catalogue_print",
    ),
    path("exhibitions/<slug:slug>/apply/", views.ApplyView.as_view(), name="apply"),
    path(
        "exhibitions/<slug:slug>/apply/sent/",
        views.ApplicationSentView.as_view(),
        name="application_sent",
    ),
    # The applicant's own pages, behind the secret link in every email.
    path(
        "applications/confirm/<str:signed>/",
        views.ConfirmView.as_view(),
        name="application_confirm",
    ),
    path(
        "applications/<slug:token>/",
        views.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "applications/<slug:token>/edit/",
        views.ApplicationChangeView.as_view(),
        name="application_edit",
    ),
    path(
        "applications/<slug:token>/withdraw/",
        views.WithdrawView.as_view(),
        name="application_withdraw",
    ),
    path(
        "applications/<slug:token>/erase/",
        views.EraseView.as_view(),
        name="application_erase",
    ),
]
