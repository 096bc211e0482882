# syntax=docker/dockerfile:1
FROM node:20-slim AS deps
ARG PUPPETEER_SKIP_DOWNLOAD
WORKDIR /app
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN corepack enable && pnpm fetch

FROM deps AS service
ARG SERVICE
COPY . .
RUN pnpm install --offline --filter "${SERVICE}..." && pnpm --filter "${SERVICE}" build
CMD ["node", "services/${SERVICE}/dist/index.js"]
