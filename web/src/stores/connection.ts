/**
 * Is the shop reachable? Any failed call can raise the banner; any answer lowers it. While it is
 * up, a light probe retries with back-off, and pages reload their data when the shop is back.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client.js';
import type { ApiError } from '../lib/errors.js';

export type SocketState = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export const useConnectionStore = defineStore('connection', () => {
  const apiDown = ref(false);
  const apiMessage = ref('');
  const checking = ref(false);
  /** Bumped when the shop comes back, so pages can reload what failed. */
  const recoveries = ref(0);
  const socketState = ref<SocketState>('idle');
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let probeDelay = 3000;

  function markDown(error: ApiError): void {
    if (error.code === 'SERVICE_UNAVAILABLE') apiMessage.value = 'Part of the shop is unavailable right now.';
    else if (error.status === 0 || error.code.startsWith('HTTP_')) apiMessage.value = 'We can’t reach the shop right now.';
    else apiMessage.value = error.message;
    if (!apiDown.value) {
      apiDown.value = true;
      probeDelay = 3000;
      scheduleProbe();
    }
  }

  function markUp(): void {
    if (!apiDown.value) return;
    apiDown.value = false;
    apiMessage.value = '';
    clearTimeout(probeTimer);
    recoveries.value++;
  }

  function scheduleProbe(): void {
    clearTimeout(probeTimer);
    probeTimer = setTimeout(() => {
      void retryNow();
      probeDelay = Math.min(probeDelay * 2, 30_000);
    }, probeDelay);
  }

  /** The banner's Retry button (and the back-off probe). */
  async function retryNow(): Promise<void> {
    if (checking.value) return;
    checking.value = true;
    try {
      await api('GET', '/api/products', { query: { limit: 1 }, auth: false });
    } catch {
      // still down: markDown kept the banner
    } finally {
      checking.value = false;
      if (apiDown.value) scheduleProbe();
    }
  }

  return { apiDown, apiMessage, checking, recoveries, socketState, markDown, markUp, retryNow };
});
