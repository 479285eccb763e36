import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One renderer build: loaded by the desktop window and served by the host to browser guests.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
});
