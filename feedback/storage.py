"""Private file storage for attachments: outside MEDIA_ROOT and without a public URL."""

from django.core.files.storage import FileSystemStorage

from feedback import conf


class PrivateStorage(FileSystemStorage):
    """Files are read only through the permission-checked staff view, never by URL."""

    def url(self, name):
        raise ValueError("Feedback attachments have no public URL.")


def private_storage() -> PrivateStorage:
    """Callable storage (resolved at use time) so tests and deployments can move the root by setting."""
    return PrivateStorage(location=str(conf.private_root()), base_url=None)


def attachment_upload_to(instance, filename: str) -> str:
    """A path that reveals nothing about the sender: year/random name, original name kept in the row."""
    import secrets

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"feedback/{instance.feedback.received_at:%Y}/{secrets.token_hex(16)}.{suffix}"
