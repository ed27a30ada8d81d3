/**
 * The part of the ATT&CK catalog (data/attack/<domain>.json, "complete") that only MITRE's
 * complete bundles give: groups, campaigns, software, mitigations and the ATT&CK v18 detection
 * model (detection strategies, analytics, data components), for the newest complete version
 * imported. Facts only: ids, names, aliases, platforms, dates, and relationships as id lists on
 * the object they start from. Descriptions, procedure texts and log-source channels are MITRE's
 * prose and stay in the bundles (read at build time, see prose in complete-stix.ts).
 *
 * Ids are read per object type: an id is unique within its list, not across the catalog (old
 * deprecated mitigations carried technique ids; they are left out, like every revoked or
 * deprecated object and relationship).
 */
import { z } from 'zod';
import { ATTACK_VERSION, TECHNIQUE_ID } from '../core/vocabulary.ts';

export const GROUP_ID = /^G\d{4}$/;
export const CAMPAIGN_ID = /^C\d{4}$/;
export const SOFTWARE_ID = /^S\d{4}$/;
export const MITIGATION_ID = /^M\d{4}$/;
export const DETECTION_STRATEGY_ID = /^DET\d{4}$/;
export const ANALYTIC_ID = /^AN\d{4}$/;
export const DATA_COMPONENT_ID = /^DC\d{4}$/;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ids = (pattern: RegExp) => z.array(z.string().regex(pattern));
const name = z.string().min(1);

export const completeGroupSchema = z.object({
  id: z.string().regex(GROUP_ID),
  name,
  /** Other names, as the bundle lists them, less the name itself. */
  aliases: z.array(z.string()),
  created: day.nullable(),
  modified: day.nullable(),
  /** Targets of the group's own `uses`: techniques, then software. */
  techniques: ids(TECHNIQUE_ID),
  software: ids(SOFTWARE_ID),
});

export const completeCampaignSchema = z.object({
  id: z.string().regex(CAMPAIGN_ID),
  name,
  aliases: z.array(z.string()),
  firstSeen: day.nullable(),
  lastSeen: day.nullable(),
  created: day.nullable(),
  modified: day.nullable(),
  /** The groups it is attributed to (`attributed-to`). */
  groups: ids(GROUP_ID),
  techniques: ids(TECHNIQUE_ID),
  software: ids(SOFTWARE_ID),
});

export const completeSoftwareSchema = z.object({
  id: z.string().regex(SOFTWARE_ID),
  name,
  /** The STIX type: malware or tool. */
  type: z.enum(['malware', 'tool']),
  aliases: z.array(z.string()),
  platforms: z.array(z.string()),
  created: day.nullable(),
  modified: day.nullable(),
  techniques: ids(TECHNIQUE_ID),
});

export const completeMitigationSchema = z.object({
  id: z.string().regex(MITIGATION_ID),
  name,
  created: day.nullable(),
  modified: day.nullable(),
  /** What it mitigates (`mitigates`). */
  techniques: ids(TECHNIQUE_ID),
});

export const completeDetectionStrategySchema = z.object({
  id: z.string().regex(DETECTION_STRATEGY_ID),
  name,
  /** What it detects (`detects`). */
  techniques: ids(TECHNIQUE_ID),
  /** Its analytics (x_mitre_analytic_refs), one per platform or so. */
  analytics: ids(ANALYTIC_ID),
});

export const completeAnalyticSchema = z.object({
  id: z.string().regex(ANALYTIC_ID),
  name,
  platforms: z.array(z.string()),
  /** What it reads (x_mitre_log_source_references): a data component and a log source name; the channel is prose. */
  logSources: z.array(z.object({ dataComponent: z.string().regex(DATA_COMPONENT_ID), name: z.string() })),
});

export const completeDataComponentSchema = z.object({
  id: z.string().regex(DATA_COMPONENT_ID),
  name,
});

/** Revoked objects and what replaces them (revoked-by, followed to the end), per object type. */
const redirects = (pattern: RegExp) => z.record(z.string().regex(pattern), z.string().regex(pattern));

export const completeCatalogSchema = z.object({
  /** The ATT&CK version of the bundle these facts come from. */
  version: z.string().regex(ATTACK_VERSION),
  groups: z.array(completeGroupSchema),
  campaigns: z.array(completeCampaignSchema),
  software: z.array(completeSoftwareSchema),
  mitigations: z.array(completeMitigationSchema),
  detectionStrategies: z.array(completeDetectionStrategySchema),
  analytics: z.array(completeAnalyticSchema),
  dataComponents: z.array(completeDataComponentSchema),
  revokedBy: z.object({
    groups: redirects(GROUP_ID),
    campaigns: redirects(CAMPAIGN_ID),
    software: redirects(SOFTWARE_ID),
    mitigations: redirects(MITIGATION_ID),
  }),
});

export type CompleteCatalog = z.infer<typeof completeCatalogSchema>;
export type CompleteGroup = z.infer<typeof completeGroupSchema>;
export type CompleteCampaign = z.infer<typeof completeCampaignSchema>;
export type CompleteSoftware = z.infer<typeof completeSoftwareSchema>;
export type CompleteMitigation = z.infer<typeof completeMitigationSchema>;
export type CompleteDetectionStrategy = z.infer<typeof completeDetectionStrategySchema>;
export type CompleteAnalytic = z.infer<typeof completeAnalyticSchema>;
export type CompleteDataComponent = z.infer<typeof completeDataComponentSchema>;

/** The object lists of the complete part, by their key. */
export const COMPLETE_LISTS = ['groups', 'campaigns', 'software', 'mitigations', 'detectionStrategies', 'analytics', 'dataComponents'] as const;
export type CompleteList = (typeof COMPLETE_LISTS)[number];

/** STIX ids of a technique over the versions that share one (an attack-pattern--uuid; issue 22 writes STIX with them). */
export const stixIdStateSchema = z.object({
  versions: z.array(z.string().regex(ATTACK_VERSION)).min(1),
  stixId: z.string().regex(/^attack-pattern--[0-9a-f-]{36}$/),
});
export type StixIdState = z.infer<typeof stixIdStateSchema>;
