// Base styles first: the screens' stylesheets (imported by app.tsx) build on them.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { applyInitialTheme } from './components/common/theme-toggle';
import { getEmsBridge } from './bridge/ems-bridge';
import { createEmsStore } from './store/ems-store';
import { followPageTitle } from './store/page-title-follower';
import { StoreProvider } from './store/store-context';

// The store starts outside React, so StrictMode's double effects cannot subscribe twice.
const bridge = getEmsBridge();
const store = createEmsStore(bridge.api, bridge.connection);
store.getState().start();
// The window title names the running site, and follows a site switch.
followPageTitle(store, document);

// Before the first paint, so a dark room never sees a white flash.
applyInitialTheme();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}
