import { defineConfig } from 'vite';

// No React plugin: esbuild's automatic JSX runtime is all the renderer needs (no fast refresh).
export default defineConfig({
  root: 'renderer',
  // Relative asset paths work both from the bridge (/) and from Electron's file:// load.
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
});
