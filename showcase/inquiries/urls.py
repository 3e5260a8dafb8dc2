"""Addresses of the investor inquiry form (names in the `showcase`
namespace, as `showcase.urls` includes them)."""

from django.urls import path

from showcase.inquiries import views

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact_sent"),
    path("contact/promise/", views.contact_promise, name="contact_promise"),
]
