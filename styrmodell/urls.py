from django.contrib.auth import views as auth_views
from django.urls import include, path

from apps.core import views as core_views
from apps.core.admin_site import admin_site

urlpatterns = [
    path("", core_views.start, name="start"),
    path("health/", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon),
    path("logo/", core_views.logo, name="logo"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Password change and reset: Django's own views, templates in templates/registration/.
    path("losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "losenord/andrat/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "losenord/aterstall/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt"
        ),
        name="password_reset",
    ),
    path(
        "losenord/aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "losenord/aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "losenord/aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("organisation/", include("apps.organisation.urls")),
    path("mal/", include("apps.goals.urls")),
    path("perioder/", include("apps.periods.urls")),
    path("uppfoljning/", include("apps.followup.urls")),
    path("planer/", include("apps.plans.urls")),
    path("tillit/", include("apps.trust.urls")),
    path("ekonomi/koncern/", include("apps.consolidation.urls")),
    path("ekonomi/", include("apps.economy.urls")),
    path("personal/", include("apps.personnel.urls")),
    path("intern-kontroll/", include("apps.control.urls")),
    path("styrdokument/", include("apps.documents.urls")),
    path("rapporter/", include("apps.reports.urls")),
    path("admin/", admin_site.urls),
]
