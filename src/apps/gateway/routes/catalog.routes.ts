import { TEST_CARDS } from '../../../contexts/payment/contract.js';
import { downstream } from '../http/downstream.js';
import { route, type AnyRoute } from '../http/route-table.js';
import { ProductPageSchema, ProductSchema, ProductsQuerySchema, SkuParamsSchema, TestCardsSchema } from '../schemas/catalog.schemas.js';
import type { GatewayDependencies } from './gateway-dependencies.js';

const TAG = 'Catalog';

/** Public, no token: what can be bought, and which cards the simulated provider knows. */
export function catalogRoutes(deps: GatewayDependencies): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/products',
      operationId: 'listProducts',
      tag: TAG,
      summary: 'Products with their live stock',
      auth: false,
      request: { query: ProductsQuerySchema },
      response: { status: 200, description: 'A page of products', schema: ProductPageSchema },
      handle: ({ query }) => downstream(() => deps.inventory.listProducts(query)),
    }),

    route({
      method: 'get',
      path: '/products/:sku',
      operationId: 'getProduct',
      tag: TAG,
      summary: 'One product',
      auth: false,
      request: { params: SkuParamsSchema },
      response: { status: 200, description: 'The product', schema: ProductSchema },
      errors: { 404: 'INVENTORY.PRODUCT_NOT_FOUND' },
      handle: ({ params }) => downstream(() => deps.inventory.getProduct(params.sku)),
    }),

    route({
      method: 'get',
      path: '/test-cards',
      operationId: 'listTestCards',
      tag: TAG,
      summary: "The simulated payment provider's test cards",
      auth: false,
      selfContained: true,
      response: { status: 200, description: 'Card numbers and how the provider treats each', schema: TestCardsSchema },
      handle: () => ({ items: Object.values(TEST_CARDS).map(({ number, label, behaviour }) => ({ number, label, behaviour })) }),
    }),
  ];
}
