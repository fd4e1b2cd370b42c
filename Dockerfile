# One image, one entrypoint per deployable:
#   docker run sagashop gateway | worker | customer | inventory | order | payment | notification
# The deployables run tsc's output (dist/, built by `npm run build`, with the workflow bundle the
# worker loads instead of running webpack at start-up): no TypeScript loader in production, which
# starts faster and holds less memory (docs/performance.md). The storefront is built by Vite into
# web/dist and served by the gateway (WEB_DIST_DIR).
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
# package.json: "type": "module" makes dist/**/*.js ESM.
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY deploy/docker-entrypoint.sh ./deploy/docker-entrypoint.sh
COPY --from=build /app/web/dist ./web/dist
USER node
ENTRYPOINT ["/app/deploy/docker-entrypoint.sh"]
CMD ["gateway"]
