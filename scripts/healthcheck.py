"""Container health check: GET /healthz as the reverse proxy would send it, exit 0 only on 200.

It sends `X-Forwarded-Proto: https` (so SECURE_SSL_REDIRECT does not answer with a redirect) and the first
name of ALLOWED_HOSTS as Host (so host validation passes whatever .env lists). Standard library only.

    HEALTHCHECK_URL=http://127.0.0.1:8000/healthz ALLOWED_HOSTS=tthc.example.gov.vn python scripts/healthcheck.py
"""

import os
import sys
import urllib.error
import urllib.request


def host_header() -> str:
    for name in os.environ.get("ALLOWED_HOSTS", "").split(","):
        name = name.strip().lstrip(".")
        if name and name != "*":
            return name
    return "localhost"


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    request = urllib.request.Request(url, headers={"Host": host_header(), "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=float(os.environ.get("HEALTHCHECK_TIMEOUT", "5"))) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"healthcheck: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"healthcheck: HTTP {status}", file=sys.stderr)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
