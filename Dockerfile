# Tapcast for docker-compose: the front server (target `front`: Debian's nginx with
# deploy/nginx's configuration and the app's files) and the server (target `server`: gevent
# WSGI server with WebSocket support). `docker build .` builds the server.

# The packaged phone app (`npm run build` -> dist/app), with MUI 3.7 and esbuild from the npm
# registry (mobile/lib and dist/ are not in git).
FROM node:20-slim AS app
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY mobile ./mobile
RUN npm ci --ignore-scripts --no-audit --no-fund && npm run -s copy-mui && npm run -s build

FROM python:3.11-slim AS front
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx-light \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/*
WORKDIR /app
COPY deploy ./deploy
COPY --from=app /src/dist/app ./dist/app
ENV FRONT_APP_ROOT=/app/dist/app FRONT_MEDIA_ROOT=/data/media
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
COPY --from=app /src/dist/app ./dist/app
COPY receiver ./receiver
ENV TAPCAST_ENV=production HOST=0.0.0.0 PORT=5000 MEDIA_ROOT=/data/media
EXPOSE 5000
# `python -m` puts /app first on sys.path, so the server runs from /app/server and finds
# /app/dist/app (the packaged phone app) and /app/receiver beside it.
CMD ["python", "-m", "server"]
