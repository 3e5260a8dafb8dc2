from django.urls import path

from showcase import views

app_name = "showcase"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
