# syntax=docker/dockerfile:1
# The gateway's production image: compiled JavaScript on Node 24 LTS, production dependencies only,
# running as a non-root user. Build: docker build -t glue-ml-graphql .   (docs/deploy.md)
# The same image runs the Glue emulator for local stacks: node dist/emulator/cli.js --host 0.0.0.0
# No secrets go into any layer: AWS credentials come from the runtime (IRSA, Pod Identity, a profile).

ARG NODE_IMAGE=node:24-bookworm-slim

# Compile TypeScript (and regenerate the GraphQL types) with every dependency installed.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json codegen.yml ./
COPY codegen ./codegen
COPY schema ./schema
COPY examples ./examples
COPY src ./src
RUN npm run build

# Production dependencies only, from the same lockfile.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Files stay owned by root: the process (uid 1000) can read its code but not change it.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time: the SDL (schema/) and the example Sandbox opens with (examples/, when enabled).
COPY schema ./schema
COPY examples/*.graphql examples/*.variables.json ./examples/
# The base image's `node` user, by number so Kubernetes' runAsNonRoot can check it.
USER 1000:1000
EXPOSE 4000
# node itself is PID 1 (no npm wrapper), so SIGTERM reaches the gateway's graceful shutdown.
CMD ["node", "dist/index.js"]
