import { defineConfig } from 'vite';

// Deployed under a sub-path of the portal's site.
export default defineConfig({ base: '/portal/app/', build: { outDir: 'dist', emptyOutDir: true } });
