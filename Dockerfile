# The Tapcast server for docker-compose: gevent WSGI server with WebSocket support.
FROM python:3.11-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg espeak-ng \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY server ./server
RUN pip install --no-cache-dir .
COPY mobile ./mobile
COPY receiver ./receiver
ENV TAPCAST_ENV=production HOST=0.0.0.0 PORT=5000 MEDIA_ROOT=/data/media
EXPOSE 5000
CMD ["python", "-m", "server"]
