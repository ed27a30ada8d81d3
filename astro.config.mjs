// @ts-check
import { defineConfig } from 'astro/config';

// MAPSCOPE_BASE deploys the site under a sub-path (e.g. /mapscope/ on GitHub Pages);
// MAPSCOPE_OUT builds into another folder (tests build into temporary folders).
export default defineConfig({
  base: process.env.MAPSCOPE_BASE || '/',
  outDir: process.env.MAPSCOPE_OUT || './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  vite: { build: { assetsInlineLimit: 0 } },
});
