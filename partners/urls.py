from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("companies/", views.CompanyListView.as_view(), name="company_list"),
    path(
        "companies/<slug:slug>/",
        views.CompanyDetailView.as_view(),
        name="company_detail",
    ),
]
