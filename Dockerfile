# One image for the API, the worker and migrations; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Fewer glibc malloc arenas: a worker's many threads otherwise keep ~100 MB more resident.
ENV MALLOC_ARENA_MAX=2
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# The workflow code bundled once at build time (WORKFLOW_BUNDLE_PATH): workers start faster and
# smaller than bundling it themselves. A non-root user runs everything.
RUN npx tsx scripts/bundle-workflows.ts
USER node
EXPOSE 3000
CMD ["npx", "tsx", "api/main.ts"]
