import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { configureApi } from './api/client.js';
import { router } from './router.js';
import { useAuthStore } from './stores/auth.js';
import { useConnectionStore } from './stores/connection.js';
import { useRealtimeStore } from './stores/realtime.js';
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);

const auth = useAuthStore();
const connection = useConnectionStore();
configureApi({
  getToken: () => auth.token,
  onUnauthorized: (error) => {
    auth.logout(
      error.code === 'AUTH.ACCOUNT_DISABLED' ? 'This account has been deactivated.' : 'Your session has expired. Please log in again.',
    );
    const current = router.currentRoute.value;
    if (current.meta.requiresAuth) void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  },
  onUnavailable: (error) => connection.markDown(error),
  onReachable: () => connection.markUp(),
});

// Leaving a protected page when the session ends (logout in another tab, expiry).
auth.$subscribe(() => {
  const current = router.currentRoute.value;
  if (!auth.isAuthenticated && current.meta.requiresAuth) {
    void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  }
});
window.addEventListener('storage', (event) => {
  if (event.key === 'sagashop.session' && !event.newValue && auth.isAuthenticated) auth.logout('You logged out in another tab.');
});

useRealtimeStore();
void auth.verify();

app.use(router);
app.mount('#app');
