import { computed, ref, watch } from 'vue';
import { ordersApi } from '../api/endpoints.js';
import { ApiError, friendlyMessage } from '../lib/errors.js';
import { withCancelRequested, withCommandAnswer, withConfirmationSent } from '../lib/timeline/index.js';
import type { LiveOrder } from './use-live-order.js';

/**
 * What the shopper can do to a live order: cancel it (asked twice: Cancel, then Yes) and confirm
 * its payment (a dialog that opens by itself when the bank asks), each with its pending and error
 * state. An accepted command hides its button or dialog at once, before push says anything.
 */
export function useOrderCommands(orderId: () => string, live: Pick<LiveOrder, 'timeline' | 'refetch' | 'update'>) {
  const cancelStep = ref<'idle' | 'asking' | 'sending'>('idle');
  const cancelMessage = ref<{ tone: 'danger' | 'info'; text: string } | null>(null);
  const confirmBusy = ref(false);
  const confirmError = ref<string | null>(null);
  const dialogDismissed = ref(false);
  const dialogOpen = computed(() => live.timeline.value.awaitingConfirmation && !dialogDismissed.value);

  watch(orderId, () => {
    cancelStep.value = 'idle';
    cancelMessage.value = null;
    confirmError.value = null;
    dialogDismissed.value = false;
  });

  // Asked again (a new confirmation): show the dialog again even if the last one was dismissed.
  watch(
    () => live.timeline.value.awaitingConfirmation,
    (awaiting) => {
      if (awaiting) dialogDismissed.value = false;
    },
  );

  async function cancelOrder(): Promise<void> {
    cancelStep.value = 'sending';
    cancelMessage.value = null;
    try {
      const answer = await ordersApi.cancel(orderId(), 'cancelled by the customer');
      live.update((state) => withCommandAnswer(withCancelRequested(state), answer));
      cancelMessage.value = { tone: 'info', text: 'Cancelling your order. Watch each step being undone below.' };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ORDER.CANCEL_TOO_LATE') {
        cancelMessage.value = { tone: 'danger', text: 'Too late to cancel: your payment has already been captured.' };
      } else if (error instanceof ApiError && error.code === 'ORDER.ALREADY_FINISHED') {
        cancelMessage.value = { tone: 'danger', text: 'This order has already finished.' };
      } else {
        cancelMessage.value = { tone: 'danger', text: friendlyMessage(error) };
      }
      void live.refetch();
    } finally {
      cancelStep.value = 'idle';
    }
  }

  async function confirmPayment(): Promise<void> {
    confirmBusy.value = true;
    confirmError.value = null;
    try {
      const answer = await ordersApi.confirmPayment(orderId());
      live.update((state) => withCommandAnswer(withConfirmationSent(state), answer));
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'PAYMENT.NOT_AWAITING_CONFIRMATION' || error.code === 'ORDER.ALREADY_FINISHED')) {
        live.update(withConfirmationSent);
        cancelMessage.value = { tone: 'info', text: 'This payment no longer needs confirming.' };
        void live.refetch();
      } else {
        confirmError.value = friendlyMessage(error);
      }
    } finally {
      confirmBusy.value = false;
    }
  }

  return { cancelStep, cancelMessage, confirmBusy, confirmError, dialogDismissed, dialogOpen, cancelOrder, confirmPayment };
}
