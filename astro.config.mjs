// @ts-check
import { rm } from 'node:fs/promises';
import { defineConfig } from 'astro/config';
import { readSetting } from './src/lib/config/settings.ts';

/**
 * Astro 5 leaves its content-layer modules (content-assets.mjs, content-modules.mjs) in an
 * output folder outside its working folder; a static site must not ship them.
 * @type {import('astro').AstroIntegration}
 */
const removeBuildLeftovers = {
  name: 'mapscope:remove-build-leftovers',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      for (const file of ['content-assets.mjs', 'content-modules.mjs']) await rm(new URL(file, dir), { force: true });
    },
  },
};

// MAPSCOPE_BASE deploys the site under a sub-path (e.g. /mapscope/ on GitHub Pages);
// MAPSCOPE_OUT builds into another folder (tests build into temporary folders).
export default defineConfig({
  base: readSetting('base'),
  outDir: readSetting('out'),
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // The one chunk over Vite's 500 kB warning is exceljs (about 940 kB), which the browser fetches only
  // when a user asks for a workbook (src/lib/exports/formats/xlsx.ts), never on page load.
  vite: { build: { assetsInlineLimit: 0, chunkSizeWarningLimit: 1100 } },
  integrations: [removeBuildLeftovers],
});
