# syntax=docker/dockerfile:1
# Multi-stage image for the HTTP API and the scheduler (same image, different command).
#   docker build -t aquastream-events .
#   docker run -p 8102:8102 -e DATABASE_URL=postgres://… aquastream-events

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Native modules (sqlite3) build from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json nx.json tsconfig.base.json tsconfig.json ./
COPY libs/domain/package.json libs/domain/
COPY libs/application/package.json libs/application/
COPY libs/adapters/package.json libs/adapters/
COPY apps/http/package.json apps/http/
COPY apps/cli/package.json apps/cli/
COPY apps/scheduler/package.json apps/scheduler/
COPY tools/package.json tools/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build --output-style=static

FROM node:20-bookworm-slim AS production-deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/libs/domain/package.json libs/domain/
COPY --from=build /app/libs/application/package.json libs/application/
COPY --from=build /app/libs/adapters/package.json libs/adapters/
COPY --from=build /app/apps/http/package.json apps/http/
COPY --from=build /app/apps/cli/package.json apps/cli/
COPY --from=build /app/apps/scheduler/package.json apps/scheduler/
COPY --from=build /app/tools/package.json tools/
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=8102 SCHEDULER_PORT=8103
WORKDIR /app
COPY --from=production-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/libs/domain/package.json /app/libs/domain/package.json
COPY --from=build --chown=node:node /app/libs/domain/dist /app/libs/domain/dist
COPY --from=build --chown=node:node /app/libs/application/package.json /app/libs/application/package.json
COPY --from=build --chown=node:node /app/libs/application/dist /app/libs/application/dist
COPY --from=build --chown=node:node /app/libs/adapters/package.json /app/libs/adapters/package.json
COPY --from=build --chown=node:node /app/libs/adapters/dist /app/libs/adapters/dist
COPY --from=build --chown=node:node /app/apps/http/package.json /app/apps/http/package.json
COPY --from=build --chown=node:node /app/apps/http/dist /app/apps/http/dist
COPY --from=build --chown=node:node /app/apps/cli/package.json /app/apps/cli/package.json
COPY --from=build --chown=node:node /app/apps/cli/dist /app/apps/cli/dist
COPY --from=build --chown=node:node /app/apps/cli/bin /app/apps/cli/bin
COPY --from=build --chown=node:node /app/apps/scheduler/package.json /app/apps/scheduler/package.json
COPY --from=build --chown=node:node /app/apps/scheduler/dist /app/apps/scheduler/dist
# `aquastream-admin` on the PATH, for `kubectl exec … -- aquastream-admin …` and the migration Job (deploy/k8s).
RUN ln -s /app/apps/cli/bin/aquastream-admin.js /usr/local/bin/aquastream-admin && chmod 755 /app/apps/cli/bin/aquastream-admin.js
# Only the embedded SQLite default writes at run time (./data); with DATABASE_URL=postgres://… nothing does, so the
# container runs with a read-only root filesystem (docker-compose.yml, deploy/k8s).
RUN mkdir -p /app/data && chown node:node /app/data
# The node user by number: Kubernetes' runAsNonRoot can only verify a numeric user.
USER 1000:1000
EXPOSE 8102 8103
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8102)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# A 256 MB old-space cap makes V8 collect early (growth factor ~1.4 over the ~55 MB live heap) instead of letting the
# heap grow lazily towards its multi-GB default: peak RSS of the API under the flash-sale load 185 MB instead of 330 MB (npm run bench).
CMD ["node", "--max-old-space-size=256", "apps/http/dist/main.js"]
