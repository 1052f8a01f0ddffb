import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vue's standard setting for custom elements: render <plan-map> as an element, not a component.
export default defineConfig({
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'plan-map' } } }),
  ],
  build: { outDir: 'dist', emptyOutDir: true },
});
