import { defineConfig } from 'vite';

// Everything is bundled at build time: no CDN at run time, no inline script or style (the CSP forbids them).
export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    manifest: true,
    sourcemap: false,
    // fonts and images as files, never data: URIs
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // the BPMN file lives in ../workflows and the municipality list in ../reference
    fs: { allow: ['..'] },
  },
});
