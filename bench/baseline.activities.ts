/** The baseline's one activity: answers at once, so what is measured is Temporal's round trips. */
export function createBaselineActivities() {
  return {
    noop(ref: { orderId: string; customerId: string }): Promise<{ orderId: string }> {
      return Promise.resolve({ orderId: ref.orderId });
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
