/** The kinds of search results and their labels. */

export type EntityKind = 'technique' | 'tactic' | 'capability' | 'group' | 'framework' | 'set' | 'adversary' | 'campaign' | 'software' | 'mitigation';
export type ResultKind = EntityKind | 'comment';

/** Labels of result kinds. */
export const KIND_LABELS: Readonly<Record<ResultKind, string>> = {
  technique: 'Techniques',
  tactic: 'Tactics',
  capability: 'Capabilities',
  group: 'Capability groups',
  framework: 'Frameworks',
  set: 'Mapping sets',
  adversary: 'Adversary groups',
  campaign: 'Campaigns',
  software: 'Software',
  mitigation: 'Mitigations',
  comment: 'Mapping notes',
};
