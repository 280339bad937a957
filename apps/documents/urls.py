from django.urls import path

from apps.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("revidering/", views.revision_list, name="revision"),
    path("kvalitetsledning/", views.quality_register, name="quality"),
    path("ny/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/andra/", views.document_edit, name="edit"),
    path("<int:pk>/pdf/", views.document_download, name="download"),
    path("avvikelser/", views.deviation_list, name="deviations"),
    path("avvikelser/ny/", views.deviation_create, name="deviation_create"),
    path("avvikelser/<int:pk>/andra/", views.deviation_edit, name="deviation_edit"),
    path("avvikelser/sammanstallning/", views.deviation_summary, name="deviation_summary"),
]
