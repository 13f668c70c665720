# Tapcast for docker-compose: the front server (target `front`: Debian's nginx with
# deploy/nginx's configuration and the app's files) and the server (target `server`: gevent
# WSGI server with WebSocket support). `docker build .` builds the server.

# MUI 3.7 for the phone app, from the npm registry (mobile/lib is not in git).
FROM node:20-slim AS mui
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts/copy-mui.mjs scripts/
RUN npm ci --ignore-scripts --omit=dev --no-audit --no-fund && npm run -s copy-mui

FROM python:3.11-slim AS front
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx-light \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/*
WORKDIR /app
COPY deploy ./deploy
COPY mobile ./mobile
COPY --from=mui /src/mobile/lib ./mobile/lib
ENV FRONT_APP_ROOT=/app/mobile FRONT_MEDIA_ROOT=/data/media
EXPOSE 80 443
# The configuration is rendered from the environment at each start (deploy/nginx_conf.py).
CMD ["sh", "-c", "python3 -m deploy.nginx_conf /etc/nginx/nginx.conf && exec nginx -g 'daemon off;'"]

FROM python:3.11-slim AS server
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg espeak-ng \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY server ./server
RUN pip install --no-cache-dir .
COPY mobile ./mobile
COPY --from=mui /src/mobile/lib ./mobile/lib
COPY receiver ./receiver
ENV TAPCAST_ENV=production HOST=0.0.0.0 PORT=5000 MEDIA_ROOT=/data/media
EXPOSE 5000
# `python -m` puts /app first on sys.path, so the server runs from /app/server and finds
# /app/mobile and /app/receiver beside it.
CMD ["python", "-m", "server"]
