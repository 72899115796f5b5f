# One image for the API, the worker and migrations; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# The worker bundles the workflow code at start-up; a non-root user runs everything.
USER node
EXPOSE 3000
CMD ["npx", "tsx", "api/main.ts"]
