/**
 * Every closed vocabulary of the data, named once. Validation (schema.ts), labels on pages and
 * filters all derive from these tables, so they cannot drift apart.
 */

/** ATT&CK technique and sub-technique ids: T1046, T1059.001. */
export const TECHNIQUE_ID = /^T\d{4}(?:\.\d{3})?$/;

/** ATT&CK tactic ids: TA0007. */
export const TACTIC_ID = /^TA\d{4}$/;

/** ATT&CK versions as the catalog and the model write them: 8.2, 16.1. */
export const ATTACK_VERSION = /^\d+\.\d+$/;

/** The longest a framework id may be: it is a URL segment and a part of file names (src/lib/model/slugs.ts). */
export const MAX_FRAMEWORK_ID_LENGTH = 64;

/** Framework ids become URL segments as they are, so they are held to a strict shape and length. */
export const FRAMEWORK_ID = new RegExp(`^(?=.{1,${MAX_FRAMEWORK_ID_LENGTH}}$)[a-z0-9]+(?:[_-][a-z0-9]+)*$`);

/** ATT&CK technology domains, with the names the ATT&CK Navigator uses for them. */
export const DOMAINS = {
  enterprise: { label: 'Enterprise', navigator: 'enterprise-attack' },
  mobile: { label: 'Mobile', navigator: 'mobile-attack' },
  ics: { label: 'ICS', navigator: 'ics-attack' },
} as const;
export type Domain = keyof typeof DOMAINS;
export const DOMAIN_IDS = Object.keys(DOMAINS) as [Domain, ...Domain[]];

/** Score categories of scored (technique_scores) frameworks. */
export const SCORE_CATEGORIES = {
  protect: { label: 'Protect' },
  detect: { label: 'Detect' },
  respond: { label: 'Respond' },
} as const;
export type ScoreCategory = keyof typeof SCORE_CATEGORIES;
export const SCORE_CATEGORY_IDS = Object.keys(SCORE_CATEGORIES) as [ScoreCategory, ...ScoreCategory[]];

/** Score values, weakest first; `rank` is the number a Navigator layer shows. */
export const SCORE_VALUES = {
  minimal: { label: 'Minimal', rank: 1 },
  partial: { label: 'Partial', rank: 2 },
  significant: { label: 'Significant', rank: 3 },
} as const;
export type ScoreValue = keyof typeof SCORE_VALUES;
export const SCORE_VALUE_IDS = Object.keys(SCORE_VALUES) as [ScoreValue, ...ScoreValue[]];

/**
 * Mapping statuses: the unified format's three, plus "participant_review", which published CSA
 * CCM files use. `unified` is the status written where the unified schema's enum applies.
 */
export const STATUSES = {
  complete: { label: 'Complete', unified: 'complete' },
  in_progress: { label: 'In progress', unified: 'in_progress' },
  participant_review: { label: 'Participant review', unified: 'in_progress' },
  non_mappable: { label: 'Non-mappable', unified: 'non_mappable' },
} as const;
export type Status = keyof typeof STATUSES;
export const STATUS_IDS = Object.keys(STATUSES) as [Status, ...Status[]];

/** How a framework's versions are named (unified format `mapping_framework_version_schema`). */
export const VERSION_SCHEMAS = ['FRAMEWORK_VERSION', 'ACCESS_DATE'] as const;

/** The mapping type of scored frameworks: rows carry a score category and value. */
export const SCORED_MAPPING_TYPE = 'technique_scores';

/**
 * Mapping type names that drifted between releases of one framework, mapped to the name used
 * now. Keys are compared after `mappingTypeKey` normalization.
 */
export const MAPPING_TYPE_ALIASES: Readonly<Record<string, string>> = {
  technique_score: 'technique_scores',
  techniquescores: 'technique_scores',
  mitigates: 'protects',
};

/** Display labels for mapping types that every reader of the corpus knows by name. */
export const MAPPING_TYPE_LABELS: Readonly<Record<string, string>> = {
  protects: 'Protects',
  technique_scores: 'Technique Scores',
  detects: 'Detects',
  primary_impact: 'Primary Impact',
  secondary_impact: 'Secondary Impact',
  exploitation_technique: 'Exploitation Technique',
  uncategorized: 'Uncategorized',
  related_to: 'Related To',
  mitigates: 'Mitigates',
};

/** Display names of the frameworks of the public corpus; other frameworks show their id. */
export const FRAMEWORK_NAMES: Readonly<Record<string, string>> = {
  nist_800_53: 'NIST SP 800-53',
  azure: 'Microsoft Azure',
  aws: 'Amazon Web Services',
  gcp: 'Google Cloud Platform',
  m365: 'Microsoft 365',
  kev: 'CISA Known Exploited Vulnerabilities',
  veris: 'VERIS',
  cri_profile: 'CRI Profile',
  csa_ccm: 'CSA Cloud Controls Matrix',
  'intel-vpro': 'Intel vPro',
};

/** Short names of the same frameworks, for one line of a crowded cell ("NIST 800-53 3"); other frameworks show their name. */
export const FRAMEWORK_SHORT_NAMES: Readonly<Record<string, string>> = {
  nist_800_53: 'NIST 800-53',
  azure: 'Azure',
  aws: 'AWS',
  gcp: 'Google Cloud',
  m365: 'Microsoft 365',
  kev: 'KEV',
  veris: 'VERIS',
  cri_profile: 'CRI Profile',
  csa_ccm: 'CSA CCM',
  'intel-vpro': 'Intel vPro',
};

/** Columns of the published CSV export, in order. */
export const CSV_COLUMNS = [
  'mapping_framework',
  'mapping_framework_version',
  'capability_group',
  'capability_id',
  'capability_description',
  'mapping_type',
  'attack_object_id',
  'attack_object_name',
  'attack_version',
  'technology_domain',
  'score_category',
  'score_value',
  'related_score',
  'references',
  'comments',
  'organization',
  'creation_date',
  'last_update',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * Fields whose text downloads write as the source does, where the model keeps another form
 * (trimmed, spaces collapsed, ids normalized). Closed vocabularies (scores, status, type and
 * group keys, domain) are written in their one form.
 */
export const WRITTEN_FIELDS = [
  'capability_id',
  'capability_description',
  'attack_object_id',
  'attack_object_name',
  'related_score',
  'comments',
  'mapping_framework',
  'mapping_framework_version',
  'attack_version',
] as const;
export type WrittenField = (typeof WRITTEN_FIELDS)[number];

/** Columns a mapping CSV cannot do without; the others may be missing and read as empty. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = [
  'mapping_framework',
  'mapping_framework_version',
  'capability_id',
  'mapping_type',
  'attack_object_id',
  'attack_version',
  'technology_domain',
];

/**
 * Columns the ATT&CK technique catalog CSV (data/attack/techniques.csv) cannot do without; its
 * `tactics` and `description` columns may be missing.
 */
export const REQUIRED_TECHNIQUE_CSV_COLUMNS = ['attack_object_id', 'attack_object_name', 'attack_version', 'technology_domain'] as const;
