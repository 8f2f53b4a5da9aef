# Production image: the same steps as `make run`, with gunicorn instead of runserver.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 portal

COPY requirements.txt .
RUN python -m pip install -r requirements.txt

COPY . .
# Hashed, compressed static files, served by WhiteNoise from inside the app. The settings
# refuse a weak key even here, so the build makes a random one and forgets it.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --noinput \
    && chown -R portal:portal /app

USER portal
EXPOSE 8000
# Migrate and add any missing seed content (never overwrites editors' changes), then serve
# with gunicorn.conf.py. RUN_MIGRATIONS=0 skips the first part (see compose.yaml).
CMD ["scripts/docker-start"]
