/**
 * What the pages render: the generated model (loaded once per build), its views, and the URL
 * helpers bound to the site's base path. The only module that knows where the model lives.
 */
import { createExplorer } from '../views/explorer.ts';
import { indexModel } from '../model/model-index.ts';
import { generatedDir, modelPath, readModel } from '../model/model-store.ts';
import { createUrls } from '../core/urls.ts';
import { readSetting } from '../config/settings.ts';

export const model = readModel(modelPath(generatedDir()));
export const index = indexModel(model);
export const explorer = createExplorer(index);
// The base path comes from MAPSCOPE_BASE, as in astro.config.mjs (import.meta.env.BASE_URL can be
// overridden by a stray BASE_URL in the environment, e.g. one that a test runner exports).
export const urls = createUrls(readSetting('base'));
