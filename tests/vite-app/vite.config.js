import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: '../../target/vite-app-dist',
    emptyOutDir: true,
    // the package initialises its wasm with a top-level await
    target: 'es2022',
  },
  // the dev server's pre-bundling would move the package away from its .wasm
  optimizeDeps: { exclude: ['rolegate'] },
});
