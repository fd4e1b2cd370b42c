import { nextTick, ref } from 'vue';
import { ApiError, friendlyMessage, type FieldErrors } from '../lib/errors.js';

/**
 * The life of a form: check it locally, send it, and turn a 4xx envelope into messages next to
 * their fields (focus moves to the first one, for keyboard and screen-reader users).
 */
export function useFormSubmit() {
  const errors = ref<FieldErrors>({});
  const formError = ref<string | null>(null);
  const submitting = ref(false);

  async function focusFirstError(): Promise<void> {
    await nextTick();
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** `messageFor` may claim an error with a form-level message of its own (e.g. wrong password). */
  async function submit(
    validate: () => FieldErrors,
    action: () => Promise<void>,
    messageFor: (error: unknown) => string | undefined = () => undefined,
  ): Promise<void> {
    formError.value = null;
    errors.value = validate();
    if (Object.keys(errors.value).length > 0) return focusFirstError();
    submitting.value = true;
    try {
      await action();
    } catch (error) {
      const own = messageFor(error);
      if (own) {
        formError.value = own;
      } else if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
        errors.value = error.fieldErrors;
        formError.value = errors.value._form ?? null;
        await focusFirstError();
      } else {
        formError.value = friendlyMessage(error);
      }
    } finally {
      submitting.value = false;
    }
  }

  return { errors, formError, submitting, submit };
}
