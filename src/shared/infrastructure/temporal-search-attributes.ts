import { Connection } from '@temporalio/client';

/** Custom search attributes the order saga upserts (find stuck orders: `OrderStatus = 'NEEDS_ATTENTION'`). */
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword'> = {
  OrderStatus: 'Keyword',
  CustomerId: 'Keyword',
};

/**
 * Adds our search attributes to a namespace when missing (idempotent). The dev server gets them
 * as start flags; a real cluster gets them from the first worker that starts.
 */
export async function registerSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.keys(SEARCH_ATTRIBUTES).filter((name) => !(name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return [];
    await connection.operatorService.addSearchAttributes({
      namespace,
      // 2 = INDEXED_VALUE_TYPE_KEYWORD
      searchAttributes: Object.fromEntries(missing.map((name) => [name, 2])),
    });
    return missing;
  } finally {
    await connection.close();
  }
}
