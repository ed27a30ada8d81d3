/**
 * What a capability page shows of the texts given at build time (--descriptions): the NIST
 * control first (statement, discussion, related controls, withdrawal, the enhancements a baseline
 * selects), then the description files' texts, each named by its source where two describe one
 * capability, and for a KEV entry the CVE's pages and the vendor and product its title names.
 * Null when the build was given no texts, so the page is as it was.
 */
import { capabilityKey } from '../core/ids.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Capability } from '../model/schema.ts';
import type { ControlDescription } from '../descriptions/control-text.ts';
import type { MatchedDescription } from '../descriptions/match-descriptions.ts';
import { BASELINE_LEVELS, levelsInTitle } from '../baselines/baseline-naming.ts';
import { cveLinks, parseKevTitle, type CveLinks, type KevTitle } from '../descriptions/kev.ts';

/** A capability as a URL needs it. */
export interface CapabilityRef {
  frameworkId: string;
  slug: string;
}

export interface ControlView {
  /** "rev5" */
  frameworkVersion: string;
  control: ControlDescription;
  /** The control's enhancements that a baseline of its revision selects, each with those baselines. */
  selected: {
    id: string;
    title: string;
    withdrawn: boolean;
    capability: CapabilityRef | null; /** Each baseline by its level ("MODERATE"), else its title. */
    baselines: { id: string; title: string }[];
  }[];
  /** How many enhancements the control has in all. */
  enhancementCount: number;
}

export interface DescriptionView {
  html: string;
  /** Its sources in words: "NIST SP 800-53 rev5 (mappings/NIST_800-53/nist-rev5_descriptions.json)". */
  sources: string[];
}

export interface CapabilityTextsView {
  /** Newest revision first: the first is shown in full, older ones on request. */
  controls: ControlView[];
  descriptions: DescriptionView[];
  /** Whether to name each text's source: when two or more texts (or a control and a text) describe it. */
  named: boolean;
  cve: { links: CveLinks; title: KevTitle | null } | null;
  /** The capabilities (pages) of the controls the texts mention, by display id, for links. */
  controlLinks: Record<string, CapabilityRef>;
}

function describeSources(index: ModelIndex, text: MatchedDescription): string[] {
  return text.sources.map((s) => {
    const framework = index.frameworks.get(s.framework)?.name ?? s.framework;
    return `${framework}${s.version ? ` ${s.version}` : ''} (${s.file})`;
  });
}

/** The texts of a capability's page, or null without --descriptions. */
export function capabilityTexts(index: ModelIndex, capability: Capability): CapabilityTextsView | null {
  const descriptions = index.model.descriptions;
  if (!descriptions) return null;
  const texts = descriptions.capabilities[capability.id];
  const byKey = new Map<string, CapabilityRef>();
  for (const c of index.model.capabilities) if (c.frameworkId === capability.frameworkId) byKey.set(c.key, { frameworkId: c.frameworkId, slug: c.slug });
  const controlLinks: Record<string, CapabilityRef> = {};
  const link = (display: string) => {
    const ref = byKey.get(capabilityKey(display));
    if (ref) controlLinks[display] = ref;
    return ref ?? null;
  };
  const controls: ControlView[] = (texts?.controls ?? []).map(({ frameworkVersion, control, enhancements }) => {
    const level = (title: string) => levelsInTitle(title).join(', ').toUpperCase() || title;
    const rank = (title: string) => BASELINE_LEVELS.findIndex((l) => levelsInTitle(title).includes(l.toLowerCase())) >>> 0;
    const baselines = index.model.baselines
      .filter((b) => b.frameworkId === capability.frameworkId && b.frameworkVersion.toLowerCase() === frameworkVersion)
      .sort((a, b) => rank(a.title) - rank(b.title));
    const selected = enhancements.flatMap((e) => {
      const by = baselines.filter((b) => b.controls.includes(e.id)).map((b) => ({ id: b.id, title: level(b.title) }));
      return by.length ? [{ ...e, capability: link(e.id), baselines: by }] : [];
    });
    for (const r of control.related) link(r);
    for (const t of control.withdrawn ? [...control.withdrawn.incorporatedInto, ...control.withdrawn.movedTo] : []) if (t.control) link(t.control);
    return { frameworkVersion, control, selected, enhancementCount: enhancements.length };
  });
  // Mentions inside the prose link too.
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (v['kind'] === 'control' && typeof v['control'] === 'string') link(v['control']);
      else Object.values(v).forEach(walk);
    }
  };
  for (const c of controls) walk([c.control.statement, c.control.discussion, c.control.withdrawn]);
  const descriptionViews = (texts?.texts ?? []).map((t) => ({ html: t.html, sources: describeSources(index, t) }));
  const links = capability.frameworkId === 'kev' ? cveLinks(capability.displayId) : null;
  const cve = links ? { links, title: capability.description ? parseKevTitle(capability.description) : null } : null;
  if (controls.length === 0 && descriptionViews.length === 0 && !cve) return null;
  return { controls, descriptions: descriptionViews, named: descriptionViews.length + (controls.length ? 1 : 0) > 1, cve, controlLinks };
}
