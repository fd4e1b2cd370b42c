/**
 * Who is logged in. The JWT and the customer are kept in localStorage so a reload keeps the
 * session; it ends on logout, at the token's expiry, or on any 401.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi } from '../api/endpoints.js';
import type { AuthResponse, Customer } from '../lib/api-types.js';
import { ApiError } from '../lib/errors.js';

const SESSION_KEY = 'sagashop.session';

interface StoredSession {
  token: string;
  expiresAt: string;
  customer: Customer;
}

function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof session.token !== 'string' || !session.customer?.id) return null;
    const expiresAt = Date.parse(session.expiresAt ?? '');
    if (Number.isFinite(expiresAt) && expiresAt <= Date.now()) return null;
    return session as StoredSession;
  } catch {
    return null;
  }
}

export const useAuthStore = defineStore('auth', () => {
  const stored = readSession();
  if (!stored) localStorage.removeItem(SESSION_KEY);
  const token = ref<string | null>(stored?.token ?? null);
  const expiresAt = ref<string | null>(stored?.expiresAt ?? null);
  const customer = ref<Customer | null>(stored?.customer ?? null);
  /** Why the last session ended, shown on the login page. */
  const notice = ref<string | null>(null);
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  const isAuthenticated = computed(() => token.value !== null && customer.value !== null);
  /** The gateway checks the role on every operator call; this only decides what the app shows. */
  const isOperator = computed(() => isAuthenticated.value && (customer.value?.roles ?? []).includes('operator'));

  function scheduleExpiry(): void {
    clearTimeout(expiryTimer);
    const at = Date.parse(expiresAt.value ?? '');
    if (!Number.isFinite(at)) return;
    // setTimeout cannot wait longer than ~24.8 days.
    const wait = Math.min(at - Date.now(), 2_000_000_000);
    expiryTimer = setTimeout(
      () => {
        if (Date.parse(expiresAt.value ?? '') <= Date.now()) logout('Your session has expired. Please log in again.');
        else scheduleExpiry();
      },
      Math.max(0, wait),
    );
  }

  function start(session: AuthResponse): void {
    token.value = session.token;
    expiresAt.value = session.expiresAt;
    customer.value = session.customer;
    notice.value = null;
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt, customer: session.customer }));
    scheduleExpiry();
  }

  async function login(email: string, password: string): Promise<void> {
    start(await authApi.login({ email, password }));
  }

  async function register(email: string, name: string, password: string): Promise<void> {
    start(await authApi.register({ email, name, password }));
  }

  function logout(reason: string | null = null): void {
    clearTimeout(expiryTimer);
    token.value = null;
    expiresAt.value = null;
    customer.value = null;
    notice.value = reason;
    localStorage.removeItem(SESSION_KEY);
  }

  /** Checks a session restored from storage; a network failure keeps it (the banner explains). */
  async function verify(): Promise<void> {
    if (!token.value) return;
    try {
      const me = await authApi.me();
      if (customer.value && me.id === customer.value.id) {
        customer.value = { id: me.id, email: me.email, name: me.name, roles: me.roles ?? [] };
      }
    } catch (error) {
      // main.ts's onUnauthorized hook has ended the session already; this covers a caller without it.
      if (error instanceof ApiError && error.status === 401 && token.value) logout('Your session has expired. Please log in again.');
    }
  }

  if (stored) scheduleExpiry();

  return { token, expiresAt, customer, notice, isAuthenticated, isOperator, login, register, logout, verify };
});
