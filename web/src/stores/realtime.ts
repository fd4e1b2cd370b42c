/**
 * The socket.io connection to the gateway, open while someone is logged in. It hands
 * `order.progress` events to whoever listens (and keeps the recent ones per order, so a page that
 * opens a moment later still gets them), feeds the bell, and tells pages when it reconnected, so
 * they refetch what they show: push is a hint, the API is the record.
 */
import { defineStore } from 'pinia';
import { io, type Socket } from 'socket.io-client';
import { ref, watch } from 'vue';
import type { NotificationCreatedEvent, OrderProgressEvent } from '../lib/api-types.js';
import type { OperatorOrderEvent, WorkerBreakers } from '../lib/operator-types.js';
import { NOTIFICATION_CREATED_EVENT, OPERATOR_BREAKERS_EVENT, OPERATOR_ORDER_EVENT, ORDER_PROGRESS_EVENT } from '../lib/realtime-events.js';
import { useAuthStore } from './auth.js';
import { useConnectionStore } from './connection.js';
import { useNotificationsStore } from './notifications.js';

type ProgressListener = (event: OrderProgressEvent) => void;
type ReconnectListener = () => void;
/** The operator room's events (only an operator's socket is in it). */
export type OperatorListener = (event: { type: 'order'; event: OperatorOrderEvent } | { type: 'breakers'; event: WorkerBreakers }) => void;

const MAX_BUFFERED_ORDERS = 20;
const MAX_EVENTS_PER_ORDER = 300;

export const useRealtimeStore = defineStore('realtime', () => {
  const auth = useAuthStore();
  const connection = useConnectionStore();
  const notifications = useNotificationsStore();

  let socket: Socket | null = null;
  const progressListeners = new Set<ProgressListener>();
  const reconnectListeners = new Set<ReconnectListener>();
  const operatorListeners = new Set<OperatorListener>();
  const recent = new Map<string, OrderProgressEvent[]>();
  /** Latest order status each order reached by push (for the orders list). */
  const latestStatus = ref<Record<string, string>>({});
  /** Connections made since login; 1 is the first, more are reconnects. */
  const connections = ref(0);

  function open(token: string): void {
    close();
    connection.socketState = 'connecting';
    const next = io({
      path: '/socket.io',
      auth: { token },
      // WebSocket only: no long-polling, so no sticky sessions are needed behind several gateways.
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    next.on('connect', () => {
      connection.socketState = 'connected';
      connections.value++;
      // The first connect of a session has nothing to catch up on; every later one has.
      if (connections.value > 1) {
        void notifications.load();
        for (const listener of reconnectListeners) listener();
      }
    });
    next.on('disconnect', (reason) => {
      // socket.io does not reconnect by itself after a server-side disconnect; try once (a bad token then ends the session).
      connection.socketState = reason === 'io client disconnect' ? 'idle' : 'reconnecting';
      if (reason === 'io server disconnect') next.connect();
    });
    next.on('connect_error', (error) => {
      if (error.message === 'AUTH.UNAUTHENTICATED') {
        auth.logout('Your session has expired. Please log in again.');
        return;
      }
      connection.socketState = 'reconnecting';
    });
    next.on(ORDER_PROGRESS_EVENT, (event: OrderProgressEvent) => {
      if (!event || typeof event.orderId !== 'string') return;
      remember(event);
      for (const listener of progressListeners) listener(event);
    });
    next.on(OPERATOR_ORDER_EVENT, (event: OperatorOrderEvent) => {
      if (event && typeof event.orderId === 'string') for (const listener of operatorListeners) listener({ type: 'order', event });
    });
    next.on(OPERATOR_BREAKERS_EVENT, (event: WorkerBreakers) => {
      if (event && typeof event.workerId === 'string') for (const listener of operatorListeners) listener({ type: 'breakers', event });
    });
    next.on(NOTIFICATION_CREATED_EVENT, (payload: NotificationCreatedEvent) => {
      if (payload?.notification?.id) notifications.received(payload.notification);
    });
    socket = next;
  }

  function close(): void {
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
      socket = null;
    }
    connections.value = 0;
    connection.socketState = 'idle';
  }

  function remember(event: OrderProgressEvent): void {
    let events = recent.get(event.orderId);
    if (!events) {
      if (recent.size >= MAX_BUFFERED_ORDERS) recent.delete(recent.keys().next().value!);
      events = [];
      recent.set(event.orderId, events);
    }
    events.push(event);
    if (events.length > MAX_EVENTS_PER_ORDER) events.splice(0, events.length - MAX_EVENTS_PER_ORDER);
    if (event.orderStatus) latestStatus.value = { ...latestStatus.value, [event.orderId]: event.orderStatus };
  }

  function recentEvents(orderId: string): OrderProgressEvent[] {
    return [...(recent.get(orderId) ?? [])];
  }

  function onProgress(listener: ProgressListener): () => void {
    progressListeners.add(listener);
    return () => progressListeners.delete(listener);
  }

  function onOperator(listener: OperatorListener): () => void {
    operatorListeners.add(listener);
    return () => operatorListeners.delete(listener);
  }

  function onReconnect(listener: ReconnectListener): () => void {
    reconnectListeners.add(listener);
    return () => reconnectListeners.delete(listener);
  }

  watch(
    () => auth.token,
    (token) => {
      recent.clear();
      latestStatus.value = {};
      notifications.reset();
      if (token) {
        open(token);
        void notifications.load();
      } else {
        close();
      }
    },
    { immediate: true },
  );

  return { connections, latestStatus, recentEvents, onProgress, onOperator, onReconnect };
});
