from django.urls import path

from amur_invest.staff import two_factor

app_name = "two_factor"

urlpatterns = [
    path("", two_factor.verify, name="verify"),
    path("setup/", two_factor.setup, name="setup"),
    path("setup/qr.svg", two_factor.setup_qr_code, name="setup_qr_code"),
    path("setup/link/", two_factor.send_link, name="send_link"),
    path("setup/<str:token>/", two_factor.enrol, name="enrol"),
    path(
        "recovery-codes/", two_factor.renew_recovery_codes, name="renew_recovery_codes"
    ),
]
