# One image recipe for every app of the monorepo:
#
#   docker build --build-arg APP=gateway -t loyalty/gateway:dev .
#
# Stages: deps (all dependencies, cached on the lockfile) → build (`nx build $APP`) →
# prod-deps (runtime dependencies only) → runtime (slim, non-root, no build tools).

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /repo
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM deps AS build
ARG APP
RUN test -n "${APP}" || { echo "pass --build-arg APP=<app under apps/>" >&2; exit 1; }
COPY nx.json tsconfig.base.json ./
COPY libs ./libs
COPY apps ./apps
# No Nx daemon or cloud in a one-shot build container.
ENV NX_DAEMON=false NX_NO_CLOUD=true
RUN test -f "apps/${APP}/project.json" || { echo "no app named '${APP}' under apps/" >&2; exit 1; }
RUN npx nx build "${APP}" --skip-nx-cache \
 && test -f "dist/apps/${APP}/apps/${APP}/src/main.js"

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ARG APP
# The port only documents the default; the container listens on $PORT from its environment.
ARG PORT=3000
ENV NODE_ENV=production \
    APP=${APP} \
    PORT=${PORT}
WORKDIR /app
# A fixed uid/gid so Kubernetes can require runAsUser: 10001 and runAsNonRoot.
RUN groupadd --system --gid 10001 loyalty \
 && useradd --system --uid 10001 --gid loyalty --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin loyalty
# Root-owned and read-only for the app user: the process cannot rewrite its own code.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /repo/dist/apps/${APP} ./dist/apps/${APP}
COPY package.json ./
USER 10001:10001
EXPOSE ${PORT}
# The apps drain on SIGTERM and exit 0 (SPEC §5); give them SHUTDOWN_TIMEOUT_MS before SIGKILL.
STOPSIGNAL SIGTERM
# No curl in the slim image: Node 20's fetch does the probe. "Healthy" means ready to serve.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node replaces the shell and receives SIGTERM itself.
CMD ["/bin/sh", "-c", "exec node dist/apps/${APP}/apps/${APP}/src/main.js"]
