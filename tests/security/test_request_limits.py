"""No resource exhaustion from public requests (issue 15, finding 4), at the Django layer.

The attack: a 300 MB multipart POST to the questionnaire (which takes no files) was
accepted and written to /tmp. tests/deployment runs the same against real servers, with a
slow client too.
"""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

QUESTIONS = "/uk/pathways/questions/"


def test_a_huge_public_post_is_refused_before_it_is_read(client):
    response = client.post(
        QUESTIONS, "state=&action=continue", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )  # fmt: skip
    assert response.status_code == 413
    page = response.content.decode()
    assert "too much to send" in page and "Nothing was saved" in page
    assert "999" in page  # emergency help is on every page, this one too


def test_uploads_to_public_forms_are_refused(client, tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    upload = tmp_path / "payload.bin"
    upload.write_bytes(b"x" * 10_000)
    with upload.open("rb") as handle:
        response = client.post(QUESTIONS, {"state": "", "action": "continue", "file": handle})
    assert response.status_code == 415
    assert "does not take files" in response.content.decode()
    assert [path.name for path in tmp_path.iterdir()] == ["payload.bin"]  # nothing written


def test_no_request_anywhere_can_write_a_file():
    assert settings.FILE_UPLOAD_HANDLERS == []


def test_a_normal_questionnaire_step_still_works(client):
    response = client.post(QUESTIONS, {"step": "answering_for", "answering_for": "myself", "action": "continue"})
    assert response.status_code == 200
    assert "Question 2 of" in response.content.decode()


def test_an_admin_form_may_be_article_sized_but_not_more(admin_client):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 10_000)
    assert admin_client.post("/admin/content/topic/add/", {"title": "T", "summary": big}).status_code == 200
    response = admin_client.post(
        "/admin/content/topic/add/", {"title": "T"}, CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    )
    assert response.status_code == 413


def test_a_nonsense_length_is_a_clear_400(client):
    response = client.post(QUESTIONS, "a=b", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH="lots")
    assert response.status_code == 400
