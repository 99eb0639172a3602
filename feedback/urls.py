"""Public URLs of the feedback app (included at the site root by config.urls)."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("phan-anh-kien-nghi/", views.feedback_form, name="form"),
    path("phan-anh-kien-nghi/da-gui/", views.feedback_submitted, name="submitted"),
    path("phan-anh-kien-nghi/tra-cuu/", views.feedback_lookup, name="lookup"),
    path("phan-anh-kien-nghi/tra-loi/", views.answer_list, name="answers"),
    path("phan-anh-kien-nghi/tra-loi/<str:register_number>/", views.answer_detail, name="answer"),
    path("phan-anh-kien-nghi/chon-thu-tuc/", views.procedure_picker, name="procedure_picker"),
]
