"""Private file storage for attachments: outside MEDIA_ROOT and without a public URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files are read only through the permission-checked staff view, never by URL.

    The root is read from FEEDBACK_PRIVATE_ROOT at each use, so a changed setting takes effect at once.
    """

    @property
    def base_location(self):
        return str(settings.FEEDBACK_PRIVATE_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Feedback attachments have no public URL.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of attachments (callable, so migrations do not record a path)."""
    return _storage


def attachment_upload_to(instance, filename: str) -> str:
    """A path that reveals nothing about the sender: year/random name, original name kept in the row."""
    import secrets

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"feedback/{instance.feedback.received_at:%Y}/{secrets.token_hex(16)}.{suffix}"
