import { defineConfig } from 'vite';

// The preload runs sandboxed: Electron loads it as one CommonJS script, so everything it imports
// (the IPC ChatApi, ChatApiError) is bundled in and only `electron` stays a require().
export default defineConfig({
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'chrome130',
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      external: ['electron'],
    },
  },
});
