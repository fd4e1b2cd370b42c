/**
 * The storefront's Vite config (root = web/). In development the dev server proxies the API and
 * socket.io to the gateway (GATEWAY_URL, default http://127.0.0.1:3000), so the app only ever calls
 * its own origin; `vite build` writes static files to web/dist, which the gateway serves in production.
 */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type ProxyOptions } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: gateway, changeOrigin: false },
  '/socket.io': { target: gateway, ws: true, changeOrigin: false },
};

export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  server: {
    host: process.env.WEB_HOST ?? '127.0.0.1',
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy,
  },
  preview: {
    host: process.env.WEB_HOST ?? '127.0.0.1',
    port: Number(process.env.WEB_PORT ?? 4173),
    proxy,
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
});
