# The production image: the web app under gunicorn and the Celery worker share it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        fonts-noto-core fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock
COPY . .
# collectstatic needs settings that load; the real values come from the environment at run time.
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput

RUN useradd --system --home /app styrmodell && mkdir -p /app/media && chown styrmodell /app/media
USER styrmodell
EXPOSE 8000
CMD ["gunicorn", "styrmodell.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
