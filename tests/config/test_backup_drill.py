"""scripts/backup.sh and scripts/restore_drill.sh against the real PostgreSQL test database (short drill)."""

import os
import subprocess
import tarfile

import pytest
from django.conf import settings

from tests.factories.catalog import ProcedureFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _run(script: str, tmp_path, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
    media, private = tmp_path / "media", tmp_path / "private"
    for directory in (media, private):
        directory.mkdir(exist_ok=True)
    (private / "phan-anh-1.pdf").write_bytes(b"%PDF-1.4 test")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "BACKUP_KEEP": "2",
        "MEDIA_ROOT": str(media),
        "FEEDBACK_PRIVATE_ROOT": str(private),
        "DRILL_SAMPLE": "5",
        **extra_env,
    }
    return subprocess.run(
        ["bash", f"scripts/{script}", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_writes_dump_media_and_private_attachments(tmp_path):
    result = _run("backup.sh", tmp_path)

    target = result.stdout.strip().splitlines()[-1]
    with tarfile.open(f"{target}/private.tar.gz") as archive:
        assert "./phan-anh-1.pdf" in archive.getnames()


def test_backup_keeps_only_the_newest_sets(tmp_path):
    for _run_number in range(3):
        _run("backup.sh", tmp_path)
        subprocess.run(["sleep", "1.1"], check=True)

    assert len(list((tmp_path / "backups").iterdir())) == 2


def test_restore_drill_matches_counts_and_sampled_records(tmp_path):
    ProcedureFactory.create_batch(3, complete=True)

    result = _run("restore_drill.sh", tmp_path)

    assert result.returncode == 0 and "restore drill: OK" in result.stdout, result.stdout + result.stderr


def test_restore_drill_reports_the_restored_procedure_count(tmp_path):
    ProcedureFactory.create_batch(3, complete=True)

    result = _run("restore_drill.sh", tmp_path)

    row = next(line.split() for line in result.stdout.splitlines() if line.startswith("catalog_procedure "))
    assert row[1:3] == ["3", "3"]


@pytest.fixture
def throwaway_key(tmp_path):
    """A keyring in tmp_path holding a fresh, passphrase-less key that exists only for this test."""
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Sao lưu thử <backup@example.org>", "default"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {"GNUPGHOME": str(home), "BACKUP_GPG_RECIPIENT": "backup@example.org"}


def test_encrypted_backup_leaves_no_plain_archive(tmp_path, throwaway_key):
    target = _run("backup.sh", tmp_path, **throwaway_key).stdout.strip().splitlines()[-1]

    assert sorted(os.listdir(target)) == [
        "SHA256SUMS",
        "database.dump.gpg",
        "media.tar.gz.gpg",
        "private.tar.gz.gpg",
    ]


def test_encrypted_archive_opens_only_with_the_private_key(tmp_path, throwaway_key):
    target = _run("backup.sh", tmp_path, **throwaway_key).stdout.strip().splitlines()[-1]
    decrypt = [
        "gpg",
        "--batch",
        "--output",
        str(tmp_path / "private.tar.gz"),
        "--decrypt",
        f"{target}/private.tar.gz.gpg",
    ]

    without_key = subprocess.run(decrypt, env={**os.environ, "GNUPGHOME": str(tmp_path)}, capture_output=True)
    with_key = subprocess.run(decrypt, env={**os.environ, **throwaway_key}, capture_output=True)
    with tarfile.open(tmp_path / "private.tar.gz") as archive:
        names = archive.getnames()

    assert (without_key.returncode != 0, with_key.returncode, "./phan-anh-1.pdf" in names) == (True, 0, True)


def test_restore_drill_decrypts_an_encrypted_set(tmp_path, throwaway_key):
    ProcedureFactory.create_batch(2, complete=True)
    target = _run("backup.sh", tmp_path, **throwaway_key).stdout.strip().splitlines()[-1]

    result = _run("restore_drill.sh", tmp_path, target, **throwaway_key)

    assert result.returncode == 0 and "restore drill: OK" in result.stdout, result.stdout + result.stderr
