# charte-ia-bot: `charte-ia start` in a container (Teams endpoint, Tchap/Matrix sync, probes, metrics).
# Not built in CI here (no Docker on the CI machine): see README, "Deploying with a container".
#
#   docker build -t charte-ia-bot .
#   docker run --rm -p 3978:3978 -v charte-ia-data:/app/data --env-file .env charte-ia-bot

# ── Dependencies: production only. better-sqlite3 uses a prebuilt binary when one matches, else
#    compiles (hence python3, make and g++ here, not in the final image). ──
FROM node:20-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The local stand-in for the Matrix native crypto module is a file: dependency (linked by npm).
COPY packages ./packages
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ── Runtime ──
FROM node:20-slim
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3978 \
    LOG_FORMAT=json \
    DATABASE_PATH=/app/data/charte-ia.db \
    MATRIX_STORAGE_DIR=/app/data/matrix \
    KB_DRAFTS_DIR=/app/data/drafts \
    LLM_CACHE_DIR=/app/data/llm-cache
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY dialogs ./dialogs
COPY adapters ./adapters
COPY packages ./packages
COPY knowledge ./knowledge
# The application files stay root's (read-only for the bot); only the data folder is writable.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3978
# Liveness: /healthz answers while the process is alive (/readyz tells whether it can take work).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself (graceful shutdown, exit 0).
STOPSIGNAL SIGTERM
CMD ["node", "bin/charte-ia.js", "start"]
