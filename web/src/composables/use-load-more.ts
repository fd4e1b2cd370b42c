import { ref, type Ref } from 'vue';
import { friendlyMessage } from '../lib/errors.js';

interface Page<T> {
  items: T[];
  total: number;
}

/**
 * "Show more" for an offset-paged list: fetches the page after what is shown and appends what is
 * new (a row may shift into the next page while the shopper reads), keeping `total` current.
 */
export function useLoadMore<T>(options: {
  items: Ref<T[]>;
  total: Ref<number>;
  error: Ref<string | null>;
  pageSize: number;
  fetchPage: (page: { limit: number; offset: number }) => Promise<Page<T>>;
  keyOf: (item: T) => string;
}) {
  const loadingMore = ref(false);

  async function loadMore(): Promise<void> {
    loadingMore.value = true;
    try {
      const page = await options.fetchPage({ limit: options.pageSize, offset: options.items.value.length });
      const known = new Set(options.items.value.map(options.keyOf));
      options.items.value = [...options.items.value, ...page.items.filter((item) => !known.has(options.keyOf(item)))];
      options.total.value = page.total;
    } catch (cause) {
      options.error.value = friendlyMessage(cause);
    } finally {
      loadingMore.value = false;
    }
  }

  return { loadingMore, loadMore };
}
