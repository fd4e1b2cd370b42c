/** The operator console's calls (/api/operator/*; the gateway answers 403 OPERATOR.FORBIDDEN without the role). */
import type { OperatorOrderSummary, OperatorOrderView, SimulatorSettings, WorkerBreakers } from '../lib/operator-types.js';
import { api } from './client.js';

export const operatorApi = {
  orders: (query: { status?: string; limit?: number } = {}, signal?: AbortSignal) =>
    api<{ items: OperatorOrderSummary[] }>('GET', '/api/operator/orders', { query, signal }),
  order: (id: string, signal?: AbortSignal) => api<OperatorOrderView>('GET', `/api/operator/orders/${encodeURIComponent(id)}`, { signal }),
  decide: (id: string, body: { action: 'retry-compensations' | 'resolve-manually'; reason: string }) =>
    api<{ orderId: string; decisionRecorded: true }>('POST', `/api/operator/orders/${encodeURIComponent(id)}/decision`, { body }),
  breakers: () => api<{ workers: WorkerBreakers[] }>('GET', '/api/operator/breakers'),
  simulator: () => api<SimulatorSettings>('GET', '/api/operator/simulator'),
  updateSimulator: (body: Partial<SimulatorSettings>) => api<SimulatorSettings>('POST', '/api/operator/simulator', { body }),
};
