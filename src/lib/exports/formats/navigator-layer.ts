/** An ATT&CK Navigator layer (format 4.5): a set's mappings, or a page's in one set, named after what the page shows. */
import { layerOf } from '../export-formats.ts';
import { jsonText, pageRowsOfOneSet, type DownloadFormat } from './download-format.ts';

export const navigatorLayerFormat = {
  id: 'layer',
  label: 'Navigator layer',
  linkText: 'Layer',
  mediaType: 'application/json',
  suffix: '_layer.json',
  spansSets: false,
  namesSubject: true,
  opensInNavigator: true,
  listed: true,
  purpose: 'For ATT&CK Navigator: techniques shaded by score.',
  scopes: {
    set: { write: ({ set, rows }) => jsonText(layerOf(set, rows)) },
    page: {
      write: (input) => {
        const { set, rows } = pageRowsOfOneSet(input, 'layer');
        return jsonText(layerOf(set, rows, input.subject));
      },
    },
  },
} satisfies DownloadFormat;
