# One image, one entrypoint per deployable:
#   docker run sagashop gateway | worker | customer | inventory | order | payment | notification
# TypeScript runs through tsx's loader (no separate build output); the storefront is built by Vite
# into web/dist and served by the gateway (WEB_DIST_DIR).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    WEB_DIST_DIR=/app/web/dist
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY package.json tsconfig.json knexfile.ts ./
COPY src ./src
COPY deploy/docker-entrypoint.sh ./deploy/docker-entrypoint.sh
COPY --from=build /app/web/dist ./web/dist
USER node
ENTRYPOINT ["/app/deploy/docker-entrypoint.sh"]
CMD ["gateway"]
