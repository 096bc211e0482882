# The sandbox platform's service image, for the real engine (SANDBOX_ENGINE=real): the same stages and
# arguments as the monorepo's, on the offline base image base:1 (busybox; see sandbox/engine/up.sh), with
# no registry to install from, so "installing" copies the workspace's packages and writes what it did.
# No "# syntax=" line: that would make BuildKit fetch a frontend image from Docker Hub.

# The shared layer: built once per deploy with --target deps, then found in BuildKit's cache by every
# service build (same instructions, same files, same PUPPETEER_SKIP_DOWNLOAD).
FROM base:1 AS deps
ARG PUPPETEER_SKIP_DOWNLOAD
WORKDIR /app
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY packages ./packages
COPY infra/docker/build-service.sh /usr/local/bin/build-service
RUN mkdir -p node_modules/.pnpm \
 && ls packages >node_modules/.pnpm/installed \
 && if [ "$PUPPETEER_SKIP_DOWNLOAD" = true ]; then echo skipped >node_modules/.pnpm/chromium; \
    else echo "chromium (a stand-in for its download)" >node_modules/.pnpm/chromium; fi

# One service's image. A file services/<name>/FAIL_BUILD makes its build step fail (build-service.sh).
FROM deps AS service
ARG SERVICE
COPY services/${SERVICE} ./services/${SERVICE}
RUN build-service "$SERVICE"
ENV SERVICE=${SERVICE}
CMD ["sh", "-c", "cat services/$SERVICE/dist/index.js"]
