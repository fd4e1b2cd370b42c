import { JsonHttpClient, type JsonClientOptions } from '../shared/infrastructure/http/json-client.js';
import {
  PaymentDtoSchema,
  PaymentMethodDtoSchema,
  SimulatorSettingsDtoSchema,
  type ChargeRequest,
  type CreatePaymentMethodRequest,
  type PaymentClient,
  type PaymentDto,
  type PaymentMethodDto,
  type SimulatorSettingsDto,
  type UpdateSimulatorSettingsRequest,
} from '../contexts/payment/contract.js';

/**
 * Adapter for the payment contract over its internal REST API. Through JsonHttpClient a decline
 * arrives as RemoteServiceError (code PAYMENT.CARD_DECLINED), an unusable token as one coded
 * PAYMENT.METHOD_NOT_FOUND, and the transient card's 503 as RemoteServiceUnavailable, which is
 * the retryable kind.
 */
export class HttpPaymentClient implements PaymentClient {
  private readonly http: JsonHttpClient;

  constructor(options: Omit<JsonClientOptions, 'service'>) {
    this.http = new JsonHttpClient({ ...options, service: 'payment' });
  }

  createPaymentMethod(request: CreatePaymentMethodRequest): Promise<PaymentMethodDto> {
    return this.http.request('POST', '/payment-methods', PaymentMethodDtoSchema, request);
  }

  getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodDto> {
    return this.http.request('GET', `/payment-methods/${encodeURIComponent(paymentMethodId)}`, PaymentMethodDtoSchema);
  }

  charge(request: ChargeRequest): Promise<PaymentDto> {
    return this.http.request('POST', '/payments/charges', PaymentDtoSchema, request);
  }

  confirm(orderId: string): Promise<PaymentDto> {
    return this.http.request('POST', `/payments/${encodeURIComponent(orderId)}/confirm`, PaymentDtoSchema);
  }

  refund(orderId: string, reason?: string): Promise<PaymentDto> {
    return this.http.request(
      'POST',
      `/payments/${encodeURIComponent(orderId)}/refund`,
      PaymentDtoSchema,
      reason === undefined ? {} : { reason },
    );
  }

  get(orderId: string): Promise<PaymentDto> {
    return this.http.request('GET', `/payments/${encodeURIComponent(orderId)}`, PaymentDtoSchema);
  }

  getSimulatorSettings(): Promise<SimulatorSettingsDto> {
    return this.http.request('GET', '/simulator/settings', SimulatorSettingsDtoSchema);
  }

  updateSimulatorSettings(patch: UpdateSimulatorSettingsRequest): Promise<SimulatorSettingsDto> {
    return this.http.request('PUT', '/simulator/settings', SimulatorSettingsDtoSchema, patch);
  }
}
