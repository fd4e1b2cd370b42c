import { nextTick } from 'vue';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAuthStore } from './stores/auth.js';
import CatalogView from './views/CatalogView.vue';
import ProductView from './views/ProductView.vue';
import CartView from './views/CartView.vue';
import CheckoutView from './views/CheckoutView.vue';
import LoginView from './views/LoginView.vue';
import RegisterView from './views/RegisterView.vue';
import OrdersView from './views/OrdersView.vue';
import OrderDetailView from './views/OrderDetailView.vue';
import NotFoundView from './views/NotFoundView.vue';
import OperatorView from './views/OperatorView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    requiresAuth?: boolean;
    guestOnly?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'catalog', component: CatalogView, meta: { title: 'Shop' } },
  { path: '/products/:sku', name: 'product', component: ProductView, props: true, meta: { title: 'Product' } },
  { path: '/cart', name: 'cart', component: CartView, meta: { title: 'Your cart' } },
  { path: '/checkout', name: 'checkout', component: CheckoutView, meta: { title: 'Checkout', requiresAuth: true } },
  { path: '/login', name: 'login', component: LoginView, meta: { title: 'Log in', guestOnly: true } },
  { path: '/register', name: 'register', component: RegisterView, meta: { title: 'Create account', guestOnly: true } },
  { path: '/orders', name: 'orders', component: OrdersView, meta: { title: 'Your orders', requiresAuth: true } },
  { path: '/orders/:id', name: 'order', component: OrderDetailView, props: true, meta: { title: 'Order', requiresAuth: true } },
  { path: '/operator', name: 'operator', component: OperatorView, meta: { title: 'Operator console', requiresAuth: true } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { title: 'Page not found' } },
];

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior(_to, _from, savedPosition) {
    return savedPosition ?? { top: 0 };
  },
});

/** Only same-site paths are followed after login. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

router.beforeEach((to) => {
  const auth = useAuthStore();
  if (to.meta.requiresAuth && !auth.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.meta.guestOnly && auth.isAuthenticated) return safeRedirect(to.query.redirect);
  return true;
});

router.afterEach((to, from) => {
  document.title = to.meta.title ? `${to.meta.title} · sagashop` : 'sagashop';
  // Tell screen readers the page changed: focus the main region (not on the first load).
  if (from.matched.length > 0 && to.path !== from.path) {
    void nextTick(() => document.getElementById('main')?.focus({ preventScroll: true }));
  }
});
