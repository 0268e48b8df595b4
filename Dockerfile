# Hiring-fraud risk checker: multi-stage image.
#   build:   npm ci (its postinstall runs `prisma generate` into src/generated/prisma), tsc, prune dev deps
#   runtime: dist/src + production node_modules + package.json + prisma/ (schema and migrations,
#            applied by the service itself at start-up), run as the unprivileged `node` user, which can
#            read the code but not change it (the files belong to root).
#
# Build:  docker build -t hfrc .
# Run:    docker run --rm -p 3000:3000 -e DATABASE_URL=postgresql://user:pass@host:5432/hfrc \
#           -e LINK_KEY=$(openssl rand -hex 32) -e SECRETS_KEY=$(openssl rand -hex 32) hfrc
#         (keep both keys: the same ones on every start and every instance; docs/operations.md)
# DATABASE_URL, LINK_KEY and SECRETS_KEY are required in a container: without them the service would
# try to start an embedded PostgreSQL, or keep generated keys, under /app/.data, which the `node` user
# cannot create (and which a container would lose).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# npm 11 understands package.json "allowScripts" (which dependency install scripts may run).
ARG NPM_VERSION=11
RUN npm install -g "npm@${NPM_VERSION}" --no-audit --no-fund && npm --version

# No Prisma telemetry/update checks during `prisma generate`.
ENV CHECKPOINT_DISABLE=1

# Dependencies first, so this layer is reused until package*.json or the Prisma schema change.
# prisma/ and prisma.config.ts are needed here because postinstall runs `prisma generate`.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

# Compile (the generated Prisma client in src/generated is compiled into dist/src/generated),
# then drop devDependencies. `npm prune` does not re-run the root postinstall.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# MALLOC_ARENA_MAX: glibc otherwise keeps a malloc arena per thread that ran the start-up; about 30 MB less resident
# (docs/operations.md).
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    MALLOC_ARENA_MAX=2

WORKDIR /app

# Only what the service needs at run time. The code finds its root by looking upward from
# dist/src for prisma/schema.prisma, so prisma/ must sit next to dist/. Owned by root, read-only for
# `node`: a compromised process cannot rewrite the code or the migrations it runs at the next start.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/dist/src ./dist/src

USER node

EXPOSE 3000

# Liveness only (the process serves HTTP). Readiness (database + migrations) is /readyz;
# docker-compose.yml uses that one, and `worker-health` for a `worker` container (which serves no HTTP).
# No curl in the slim image: Node's built-in fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# The service drains HTTP connections on SIGTERM (for up to SHUTDOWN_TIMEOUT_MS, 10 s by default)
# and exits; give `docker stop` a longer timeout (e.g. --time 20) if you raise SHUTDOWN_TIMEOUT_MS.
STOPSIGNAL SIGTERM

CMD ["node", "dist/src/main.js"]
