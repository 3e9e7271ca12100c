import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientContext } from './api.js';
import { App } from './App.js';
import { createTransport } from './transport.js';
import './styles.css';

const client = createTransport();
const queryClient = new QueryClient({
  defaultOptions: {
    // The core is local: data is fresh until a `changed` event says otherwise.
    queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ClientContext.Provider>
  </StrictMode>,
);
