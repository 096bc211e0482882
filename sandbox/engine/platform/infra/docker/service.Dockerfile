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
RUN mkdir -p node_modules/.pnpm \
 && ls packages >node_modules/.pnpm/installed \
 && if [ "$PUPPETEER_SKIP_DOWNLOAD" = true ]; then echo skipped >node_modules/.pnpm/chromium; \
    else echo "chromium (a stand-in for its download)" >node_modules/.pnpm/chromium; fi

# One service's image. A file services/<name>/FAIL_BUILD makes this step fail, as a broken build does
# (its content is printed first).
FROM deps AS service
ARG SERVICE
COPY services/${SERVICE} ./services/${SERVICE}
RUN if [ -e "services/${SERVICE}/FAIL_BUILD" ]; then cat "services/${SERVICE}/FAIL_BUILD"; \
      echo "build of ${SERVICE} failed (services/${SERVICE}/FAIL_BUILD)" >&2; exit 1; fi \
 && mkdir -p "services/${SERVICE}/dist" \
 && cp "services/${SERVICE}/src/index.js" "services/${SERVICE}/dist/index.js"
ENV SERVICE=${SERVICE}
CMD ["sh", "-c", "cat services/$SERVICE/dist/index.js"]
