/**
 * The ATT&CK Navigator layer file format 4.5, as its field list defines it
 * (mitre-attack/attack-navigator, layers/spec/v4.5/layerformat.md): a structural check for the
 * layers Mapscope writes. Strict objects, so an unknown or misspelled field fails.
 */
import { z } from 'zod';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const divider = z.strictObject({ divider: z.boolean() });
const metadata = z.array(z.union([z.strictObject({ name: z.string(), value: z.string() }), divider]));
const links = z.array(z.union([z.strictObject({ label: z.string(), url: z.string().regex(/^https?:\/\//) }), divider]));

const technique = z.strictObject({
  techniqueID: z.string().regex(/^T\d{4}(\.\d{3})?$/),
  tactic: z.string().optional(),
  comment: z.string().optional(),
  enabled: z.boolean().optional(),
  score: z.number().optional(),
  color: z.string().optional(),
  metadata: metadata.optional(),
  links: links.optional(),
  showSubtechniques: z.boolean().optional(),
});

export const navigatorLayer45 = z.strictObject({
  versions: z.strictObject({
    attack: z.string().optional(),
    navigator: z.string().refine((v) => {
      const [major = 0, minor = 0] = v.split('.').map(Number);
      return major > 4 || (major === 4 && minor >= 9);
    }, 'at least 4.9.0'),
    layer: z.literal('4.5'),
  }),
  name: z.string().min(1),
  description: z.string().optional(),
  domain: z.enum(['enterprise-attack', 'mobile-attack', 'ics-attack']),
  customDataURL: z.string().optional(),
  filters: z.strictObject({ platforms: z.array(z.string()).optional() }).optional(),
  sorting: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  layout: z
    .strictObject({
      layout: z.enum(['side', 'flat', 'mini']).optional(),
      showID: z.boolean().optional(),
      showName: z.boolean().optional(),
      showAggregateScores: z.boolean().optional(),
      countUnscored: z.boolean().optional(),
      aggregateFunction: z.enum(['average', 'min', 'max', 'sum']).optional(),
      expandedSubtechniques: z.enum(['none', 'all', 'annotated']).optional(),
    })
    .optional(),
  hideDisabled: z.boolean().optional(),
  techniques: z.array(technique).optional(),
  gradient: z
    .strictObject({ colors: z.array(hexColor).min(2), minValue: z.number(), maxValue: z.number() })
    .refine((g) => g.maxValue > g.minValue, 'maxValue must be > minValue')
    .optional(),
  legendItems: z.array(z.strictObject({ label: z.string(), color: hexColor })).optional(),
  showTacticRowBackground: z.boolean().optional(),
  tacticRowBackground: z.string().optional(),
  selectTechniquesAcrossTactics: z.boolean().optional(),
  selectSubtechniquesWithParent: z.boolean().optional(),
  selectVisibleTechniques: z.boolean().optional(),
  metadata: metadata.optional(),
  links: links.optional(),
});

/** Problems of a layer against the 4.5 format, as readable lines (none when it conforms). */
export function layerProblems(layer: unknown): string[] {
  const result = navigatorLayer45.safeParse(layer);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(layer)'}: ${i.message}`);
}
