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
    # The application form comes with the workflow missions and exhibitions
    # will share; the name is reserved and the page says what to expect.
    path("exhibitions/<slug:slug>/apply/", views.ApplyView.as_view(), name="apply"),
]
