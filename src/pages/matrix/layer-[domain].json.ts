/** The Navigator layer of the matrix of every framework, one per domain (src/lib/exports/frameworks-layer.ts). */
import type { APIContext } from 'astro';
import { frameworksLayer } from '../../lib/exports/frameworks-layer.ts';
import { jsonText } from '../../lib/exports/formats/download-format.ts';
import { frameworksMatrices, type FrameworksMatrix } from '../../lib/views/frameworks-matrix.ts';
import { matrixLayerRoutes } from '../../lib/site/routes.ts';
import { readSetting } from '../../lib/config/settings.ts';
import { index, urls } from '../../lib/site/site-model.ts';

export function getStaticPaths() {
  return matrixLayerRoutes(frameworksMatrices(index));
}

export function GET({ props }: APIContext<{ view: FrameworksMatrix }>): Response {
  // Layers link absolute URLs (the Navigator opens them elsewhere), as the set layers do.
  const origin = readSetting('site').replace(/\/+$/, '');
  const layer = frameworksLayer(props.view, { matrix: `${origin}${urls.matrix()}`, technique: (id) => `${origin}${urls.technique(id)}` });
  return new Response(jsonText(layer), { headers: { 'Content-Type': 'application/json' } });
}
