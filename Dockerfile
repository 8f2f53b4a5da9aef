# Production image: the same steps as `make run` (install, migrate, seed), served by gunicorn
# behind nginx in the same container (scripts/docker-start): nginx buffers slow clients and
# large bodies, gunicorn listens on a unix socket only it can reach.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # One container's workers share this cache; several containers need Redis (compose.yaml).
    CACHE_URL=file:///tmp/portal-cache

RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*

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
# Migrate and add any missing seed content (never overwrites editors' changes), then serve:
# nginx on 8000 in front of gunicorn (RUN_MIGRATIONS=0 and FRONT_PROXY=none: compose.yaml).
CMD ["scripts/docker-start"]
