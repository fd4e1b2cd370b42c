/**
 * The bell: the customer's notifications and unread count, loaded once, then fed by push
 * (`notification.created`) and reloaded after a reconnect, since push is a hint, not the record.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { notificationsApi } from '../api/endpoints.js';
import type { Notification } from '../lib/api-types.js';
import { friendlyMessage } from '../lib/errors.js';

export interface Toast {
  id: string;
  title: string;
  message: string;
  orderId: string | null;
  tone: 'info' | 'success' | 'danger' | 'warning';
}

const TOAST_TONES: Record<string, Toast['tone']> = {
  ORDER_CONFIRMED: 'success',
  ORDER_CANCELLED: 'danger',
  PAYMENT_FAILED: 'danger',
  PAYMENT_CONFIRMATION_REQUIRED: 'warning',
  ORDER_NEEDS_ATTENTION: 'warning',
};

const PAGE_SIZE = 20;

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<Notification[]>([]);
  const unreadCount = ref(0);
  const total = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const toasts = ref<Toast[]>([]);
  let generation = 0;

  const hasMore = computed(() => items.value.length < total.value);

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const page = await notificationsApi.list({ limit: PAGE_SIZE });
      if (mine !== generation) return;
      // Push may have delivered newer ones while the request was out: keep them.
      const fetched = new Set(page.items.map((item) => item.id));
      const newer = items.value.filter((item) => !fetched.has(item.id) && item.createdAt > (page.items[0]?.createdAt ?? ''));
      items.value = [...newer, ...page.items];
      unreadCount.value = page.unreadCount + newer.filter((item) => !item.readAt).length;
      total.value = page.total + newer.length;
      loaded.value = true;
    } catch (cause) {
      if (mine === generation) error.value = friendlyMessage(cause);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (loading.value) return;
    loading.value = true;
    try {
      const page = await notificationsApi.list({ limit: PAGE_SIZE, offset: items.value.length });
      const known = new Set(items.value.map((item) => item.id));
      items.value = [...items.value, ...page.items.filter((item) => !known.has(item.id))];
      total.value = page.total;
      unreadCount.value = page.unreadCount;
    } catch (cause) {
      error.value = friendlyMessage(cause);
    } finally {
      loading.value = false;
    }
  }

  /** A push `notification.created`. */
  function received(notification: Notification): void {
    if (items.value.some((item) => item.id === notification.id)) return;
    items.value = [notification, ...items.value];
    total.value++;
    if (!notification.readAt) unreadCount.value++;
    showToast(notification);
  }

  function showToast(notification: Notification): void {
    const toast: Toast = {
      id: notification.id,
      title: notification.title,
      message: notification.message,
      orderId: notification.orderId,
      tone: TOAST_TONES[notification.type] ?? 'info',
    };
    toasts.value = [...toasts.value.slice(-3), toast];
    setTimeout(() => dismissToast(toast.id), 8000);
  }

  function dismissToast(id: string): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  async function markRead(id: string): Promise<void> {
    const item = items.value.find((candidate) => candidate.id === id);
    if (!item || item.readAt) return;
    const readAt = new Date().toISOString();
    items.value = items.value.map((candidate) => (candidate.id === id ? { ...candidate, readAt } : candidate));
    unreadCount.value = Math.max(0, unreadCount.value - 1);
    try {
      const updated = await notificationsApi.markRead(id);
      items.value = items.value.map((candidate) => (candidate.id === id ? updated : candidate));
    } catch (cause) {
      // Put it back as it was.
      items.value = items.value.map((candidate) => (candidate.id === id ? item : candidate));
      unreadCount.value++;
      error.value = friendlyMessage(cause);
    }
  }

  async function markAllRead(): Promise<void> {
    const before = items.value;
    const beforeCount = unreadCount.value;
    const readAt = new Date().toISOString();
    items.value = items.value.map((item) => (item.readAt ? item : { ...item, readAt }));
    unreadCount.value = 0;
    try {
      await notificationsApi.markAllRead();
    } catch (cause) {
      items.value = before;
      unreadCount.value = beforeCount;
      error.value = friendlyMessage(cause);
    }
  }

  function reset(): void {
    generation++;
    items.value = [];
    unreadCount.value = 0;
    total.value = 0;
    loaded.value = false;
    loading.value = false;
    error.value = null;
    toasts.value = [];
  }

  return {
    items,
    unreadCount,
    total,
    loading,
    loaded,
    error,
    toasts,
    hasMore,
    load,
    loadMore,
    received,
    dismissToast,
    markRead,
    markAllRead,
    reset,
  };
});
