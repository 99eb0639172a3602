FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Media and the private feedback attachments live on volumes; created here so the volumes start owned by tthc.
RUN useradd --system --home /app tthc && mkdir -p /srv/media /srv/private \
    && chown tthc /srv/media /srv/private && chmod 700 /srv/private
USER tthc
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=5 CMD ["python", "scripts/healthcheck.py"]
