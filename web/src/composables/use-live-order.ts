import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { ordersApi } from '../api/endpoints.js';
import { ApiError, friendlyMessage } from '../lib/errors.js';
import { shortId } from '../lib/format.js';
import { buildTimeline, createTimelineState, withEvent, withEvents, withView, type TimelineState } from '../lib/timeline/index.js';
import { useConnectionStore } from '../stores/connection.js';
import { useRealtimeStore } from '../stores/realtime.js';

/**
 * One order, live: the push events of this order and the last fetched view, folded into its
 * timeline (lib/timeline). The view is fetched on open, after a reconnect, after the shop came back
 * from a failed load, and when push says something the page cannot show without it (the order was
 * created, or it ended): never on a timer.
 */
export function useLiveOrder(orderId: () => string) {
  const realtime = useRealtimeStore();
  const connection = useConnectionStore();

  const state = shallowRef<TimelineState>(createTimelineState(orderId()));
  const timeline = computed(() => buildTimeline(state.value));
  const view = computed(() => state.value.view);
  const loading = ref(true);
  const notFound = ref(false);
  const loadError = ref<string | null>(null);
  const refreshError = ref<string | null>(null);
  let fetching: Promise<void> | null = null;
  let fetchAgain = false;

  /** For what the shopper's own commands tell before any push event does. */
  function update(change: (current: TimelineState) => TimelineState): void {
    state.value = change(state.value);
  }

  function reset(id: string): void {
    state.value = withEvents(createTimelineState(id), realtime.recentEvents(id));
    loading.value = true;
    notFound.value = false;
    loadError.value = null;
    refreshError.value = null;
  }

  /** One fetch at a time; a request for another while one is out runs once after it. */
  function refetch(): Promise<void> {
    if (fetching) {
      fetchAgain = true;
      return fetching;
    }
    const id = orderId();
    fetching = (async () => {
      try {
        const fetched = await ordersApi.get(id);
        if (id !== orderId()) return;
        state.value = withView(state.value, fetched);
        loadError.value = null;
        refreshError.value = null;
        document.title = `Order #${shortId(id)} · sagashop`;
      } catch (error) {
        if (id !== orderId()) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound.value = !state.value.view;
        else if (state.value.view) refreshError.value = friendlyMessage(error);
        else loadError.value = friendlyMessage(error);
      } finally {
        loading.value = false;
        fetching = null;
        if (fetchAgain) {
          fetchAgain = false;
          void refetch();
        }
      }
    })();
    return fetching;
  }

  // Subscribe before fetching, so nothing falls between the two.
  const stopProgress = realtime.onProgress((event) => {
    if (event.orderId !== orderId()) return;
    state.value = withEvent(state.value, event);
  });
  const stopReconnect = realtime.onReconnect(() => void refetch());
  onBeforeUnmount(() => {
    stopProgress();
    stopReconnect();
  });

  watch(
    orderId,
    (id) => {
      reset(id);
      void refetch();
    },
    { immediate: true },
  );

  // Push says the order now exists, or ended: fetch the record once to show its lines and outcome.
  watch(
    () => [timeline.value.status, timeline.value.final] as const,
    ([status, final], previous) => {
      if (!view.value || !previous) return;
      const needsOrder = !view.value.order && status !== 'PROCESSING' && status !== 'REJECTED';
      const endedSinceFetch = final && !view.value.saga?.outcome && view.value.status !== status;
      if (needsOrder || endedSinceFetch) void refetch();
    },
  );

  watch(
    () => connection.recoveries,
    () => {
      if (loadError.value || refreshError.value) void refetch();
    },
  );

  return { timeline, view, loading, notFound, loadError, refreshError, refetch, update };
}

export type LiveOrder = ReturnType<typeof useLiveOrder>;
