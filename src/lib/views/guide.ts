/**
 * The guide (/guide/): how to read Mapscope, in its own words. Sections have stable anchors that
 * set pages, matrix legends and other pages link; which section explains a mapping type is
 * decided here (guideSectionFor). The scope section is derived from the model at build time.
 */
import type { ModelIndex } from '../model/model-index.ts';
import { FRAMEWORK_FACTS, MAPPING_PROJECT } from '../core/framework-facts.ts';
import { SCORED_MAPPING_TYPE } from '../core/vocabulary.ts';
import { withAnchor, type SiteUrls } from '../core/urls.ts';

/** A piece of a paragraph: plain text, or a link. */
export type GuideSegment = string | { text: string; href: string; code?: boolean };
/** A block of a section: a paragraph, or a list of items (each a paragraph), or terms with their meaning. */
export type GuideBlock =
  { kind: 'p'; segments: GuideSegment[] } | { kind: 'list'; items: GuideSegment[][] } | { kind: 'terms'; items: { term: string; segments: GuideSegment[] }[] };

export interface GuideSection {
  /** Stable anchor: other pages link "/guide/#<id>". */
  id: string;
  title: string;
  blocks: GuideBlock[];
}

/** Anchors of the guide's sections, named once. */
export const GUIDE_SECTIONS = {
  mapping: 'what-a-mapping-is',
  controls: 'control-mappings',
  scores: 'technique-scores',
  cves: 'cve-mappings',
  veris: 'veris',
  otherTypes: 'other-mapping-types',
  nonMappable: 'non-mappable',
  scope: 'scope',
  sets: 'sets',
  rows: 'merged-rows',
  matrix: 'matrix',
  warnings: 'warnings',
  coverage: 'coverage-builder',
  comparisons: 'comparisons',
  urls: 'urls',
} as const;
export type GuideSectionId = (typeof GUIDE_SECTIONS)[keyof typeof GUIDE_SECTIONS];

/** What each known mapping type claims, in one sentence, and the guide section that says more. */
const TYPE_MEANINGS: Readonly<Record<string, { section: GuideSectionId; claim: string }>> = {
  protects: { section: GUIDE_SECTIONS.controls, claim: 'The control, put in place, can prevent or limit the technique.' },
  mitigates: { section: GUIDE_SECTIONS.controls, claim: 'The control, put in place, can prevent or limit the technique (the older name of “protects”).' },
  [SCORED_MAPPING_TYPE]: {
    section: GUIDE_SECTIONS.scores,
    claim: 'The feature can protect against, detect or respond to the technique, with a score (minimal, partial or significant) saying how well.',
  },
  exploitation_technique: { section: GUIDE_SECTIONS.cves, claim: 'How an attacker exploits the vulnerability: the technique of the exploit itself.' },
  primary_impact: { section: GUIDE_SECTIONS.cves, claim: 'What an attacker gains first by exploiting the vulnerability.' },
  secondary_impact: { section: GUIDE_SECTIONS.cves, claim: 'What an attacker can go on to do once the primary impact is reached.' },
  uncategorized: { section: GUIDE_SECTIONS.cves, claim: 'A technique tied to the vulnerability that fits none of the other CVE types.' },
  related_to: {
    section: GUIDE_SECTIONS.veris,
    claim: 'The incident category and the technique describe related attacker behaviour; neither implies the other.',
  },
  non_mappable: { section: GUIDE_SECTIONS.nonMappable, claim: 'The capability or technique was reviewed and deliberately left without a mapping.' },
};

/** The guide section that explains a mapping type (by its normalized id); types the guide does not know go to the general one. */
export function guideSectionFor(mappingTypeId: string): GuideSectionId {
  return TYPE_MEANINGS[mappingTypeId]?.section ?? GUIDE_SECTIONS.otherTypes;
}

/** A mapping type's one-sentence meaning, with the link to its guide section. */
export function mappingTypeMeaning(urls: SiteUrls, mappingTypeId: string): { claim: string; href: string } {
  const known = TYPE_MEANINGS[mappingTypeId];
  return {
    claim: known?.claim ?? 'A mapping type this set defines for itself; the set’s own files say what it claims.',
    href: withAnchor(urls.guide(), guideSectionFor(mappingTypeId)),
  };
}

/** Per framework with known groups (NIST SP 800-53's families): those no set of the model maps. */
export interface UnmappedGroups {
  frameworkId: string;
  frameworkName: string;
  /** Group ids as the framework writes them ("PE", "PM"). */
  unmapped: string[];
  total: number;
}

/** The groups a framework defines that no mapping of any of its sets falls in. */
export function unmappedGroups(index: ModelIndex): UnmappedGroups[] {
  const out: UnmappedGroups[] = [];
  for (const framework of index.frameworks.values()) {
    const groups = FRAMEWORK_FACTS[framework.id]?.groups;
    if (!groups) continue;
    const unmapped = groups.filter((g) => {
      const group = index.groups.get(`${framework.id}:${g.toLowerCase()}`);
      return !group || index.groupMappings(group.id).length === 0;
    });
    out.push({ frameworkId: framework.id, frameworkName: framework.name, unmapped, total: groups.length });
  }
  return out;
}

const p = (...segments: GuideSegment[]): GuideBlock => ({ kind: 'p', segments });
const link = (text: string, href: string): GuideSegment => ({ text, href });
const code = (text: string): GuideSegment => ({ text, href: '', code: true });

/** The guide's sections, in order. */
export function guideSections(index: ModelIndex, urls: SiteUrls): GuideSection[] {
  const S = GUIDE_SECTIONS;
  const scope = unmappedGroups(index);
  const exampleSet = [...index.sets.values()][0];
  return [
    {
      id: S.mapping,
      title: 'What a mapping is, and what it is not',
      blocks: [
        p(
          'A mapping links one capability (a control of a framework, a feature of a cloud product, a vulnerability) to one ATT&CK technique, with a type saying how they relate. ',
          '“AC-4 Protects T1046” reads: NIST control AC-4, if it is put in place as written, can prevent or limit network service discovery.',
        ),
        p(
          'A mapping is a claim about what the capability can do. It is not a claim that it does so in your environment: that depends on whether the control is implemented, configured and kept up. ',
          'Nor is the absence of a mapping proof that nothing helps: mapping projects decide what they cover, and some leave whole parts of a framework out (see ',
          link('scope', `#${S.scope}`),
          ').',
        ),
        p(
          'Mappings are made by people, for one version of a framework and one version of ATT&CK. Mapscope shows them as published and says where it mended or doubted something.',
        ),
      ],
    },
    {
      id: S.controls,
      title: 'Control frameworks: protects and mitigates',
      blocks: [
        p(
          'NIST SP 800-53, the CRI Profile and the CSA Cloud Controls Matrix map their controls with one type: ',
          code('protects'),
          ' (older NIST sets and the CRI and CSA sets call it ',
          code('mitigates'),
          '; Mapscope treats the two names as one type and shows the name each set uses).',
        ),
        p(
          'The claim is that the control, once implemented, can reduce the chance the technique succeeds or the harm it does. There is no score: a control either maps or it does not. ',
          'Control enhancements (AC-2(1)) are mapped on their own; a baseline selects some of them.',
        ),
        p(
          'The CRI Profile maps diagnostic statements, grouped by function and category; CSA CCM maps controls grouped by domain. Their sets may list entries as non-mappable.',
        ),
      ],
    },
    {
      id: S.scores,
      title: 'Security stacks: technique scores',
      blocks: [
        p(
          'Cloud security features (Azure, AWS, Google Cloud, Microsoft 365) are mapped with the type ',
          code(SCORED_MAPPING_TYPE),
          '. Each mapping has a category and a value:',
        ),
        {
          kind: 'terms',
          items: [
            { term: 'Protect', segments: ['the feature can stop the technique, or make it much harder, before it succeeds.'] },
            { term: 'Detect', segments: ['the feature can notice the technique, while or after it happens, and raise it.'] },
            { term: 'Respond', segments: ['the feature can act on the technique once it is found: contain it, undo it, recover.'] },
          ],
        },
        {
          kind: 'terms',
          items: [
            { term: 'Minimal', segments: ['it addresses only a small part of the ways the technique is carried out, or with much delay or error.'] },
            { term: 'Partial', segments: ['it addresses a good part of them, but leaves notable ways, delays or errors.'] },
            { term: 'Significant', segments: ['it addresses most of them, in good time and with few errors.'] },
          ],
        },
        p(
          'What moves a score: how much of the technique’s procedures (and its sub-techniques) the feature covers, how timely it acts (real time, or hours later in a batch), and how accurate it is (false positives and misses). ',
          '“Azure Firewall: Protect, Partial” means the firewall can block a fair share of the ways the technique is done, not all of them. One feature can have several scores for one technique, one per category.',
        ),
        p('Some rows of a scored set carry no score; Mapscope counts and shows them as “not scored”.'),
      ],
    },
    {
      id: S.cves,
      title: 'Vulnerabilities: KEV mappings',
      blocks: [
        p(
          'The CISA Known Exploited Vulnerabilities sets map each CVE to techniques with four types, which together tell the story of an attack through that vulnerability:',
        ),
        {
          kind: 'terms',
          items: [
            { term: 'Exploitation technique', segments: ['how the attacker exploits the flaw (for example, exploiting a public-facing application).'] },
            { term: 'Primary impact', segments: ['what the attacker gains at once by it (running code, reading data).'] },
            { term: 'Secondary impact', segments: ['what the attacker can go on to do from there.'] },
            { term: 'Uncategorized', segments: ['a technique tied to the CVE that fits none of the above.'] },
          ],
        },
        p(
          'These mappings say nothing of defence: a CVE “covering” a technique means the technique is part of how it is exploited. A KEV capability page links the CVE record, NVD and the KEV entry.',
        ),
      ],
    },
    {
      id: S.veris,
      title: 'VERIS: related to',
      blocks: [
        p(
          'VERIS enumerations (incident actions, attributes) are mapped with ',
          code('related_to'),
          ': the incident category and the technique describe related attacker behaviour. It is a bridge between incident records and ATT&CK, not a claim of protection or of cause.',
        ),
      ],
    },
    {
      id: S.otherTypes,
      title: 'Other mapping types',
      blocks: [
        p(
          'A set can define its own types (the Intel vPro sets name one type per platform feature). Mapscope shows them with the label the set gives; what they claim is what the set’s own files say, and Mapscope adds nothing to it.',
        ),
      ],
    },
    {
      id: S.nonMappable,
      title: 'Non-mappable entries',
      blocks: [
        p(
          'A non-mappable entry is a capability (or a technique) that the mapping project looked at and decided maps to nothing, for example a control about personnel or physical security that no technique fits. ',
          'It is a decision, not an omission: such capabilities are listed on their set page and their own pages, and a gap a set lists as non-mappable is marked so.',
        ),
      ],
    },
    {
      id: S.scope,
      title: 'Scope: what the mappings leave out',
      blocks: [
        p(
          'Every mapping project chooses what to cover. A technique with no mapping in a set is a gap of that set; whether it is a gap of yours depends on what you run. ',
          'Some gaps are there by design:',
        ),
        {
          kind: 'list',
          items: [
            ...scope.map((s): GuideSegment[] =>
              s.unmapped.length > 0
                ? [
                    link(s.frameworkName, urls.framework(s.frameworkId)),
                    `: ${s.unmapped.length} of its ${s.total} families have no mapping in any set of this site (${s.unmapped.join(', ')}), so techniques only they could address show as gaps by design. This list is computed from the data when the site is built.`,
                  ]
                : [link(s.frameworkName, urls.framework(s.frameworkId)), `: every one of its ${s.total} families has a mapping in some set of this site.`],
            ),
            [
              'Security-stack sets map only the features their vendor offers natively; techniques outside a cloud (on endpoints, in networks you run) are mostly gaps by design.',
            ],
            ['KEV sets map only the vulnerabilities on the list when the set was made; a CVE added later is in later sets only.'],
          ],
        },
        p(
          'A technique can be a gap in one version and not another: ATT&CK adds, splits, renames and retires techniques between versions, and each set is mapped to one ATT&CK version. ',
          'A technique new in ATT&CK 16 cannot be mapped by a set made for ATT&CK 14, and a retired one disappears from the gaps of sets made after it.',
        ),
        p('Mapping methodology and scope as the mapping project writes them: ', link(MAPPING_PROJECT.name, MAPPING_PROJECT.url), '.'),
      ],
    },
    {
      id: S.sets,
      title: 'Sets',
      blocks: [
        p(
          'A set is one published mapping file (or several files of one release): one framework, one framework version, one ATT&CK version and domain. ',
          'Its id says so: ',
          code(exampleSet?.id ?? 'nist_800_53-rev5_attack-16.1-enterprise'),
          '. Each set has a page with its matrix, its gaps, its capabilities and its downloads.',
        ),
      ],
    },
    {
      id: S.rows,
      title: 'Merged rows',
      blocks: [
        p(
          'The same mapping often appears in several sets (AC-4 protects T1046 in rev4 and rev5, in several ATT&CK versions). Technique, capability and group pages show it once, as one row, listing the sets it appears in; ',
          'a row differs where the type, the score or the comment differs. Duplicate objects within one set are dropped and counted on the set page.',
        ),
      ],
    },
    {
      id: S.matrix,
      title: 'The matrix',
      blocks: [
        p(
          'A matrix lays out ATT&CK’s tactics as columns and their techniques as cells. Cells are shaded by how many capabilities map to the technique (sub-techniques included, shown under their parent); the legend says what each shade counts. ',
          'A blank cell is a gap of what the matrix shows.',
        ),
        p(
          link('The matrix of every framework', urls.matrix()),
          ' shades each technique by how many frameworks cover it instead, each framework counting with its newest set in the domain, in the newest ATT&CK version the sets map to; ',
          'a technique revoked since a set’s version counts for the one that replaced it, as in the coverage builder. Each domain’s matrix has a Navigator layer with the same counts.',
        ),
      ],
    },
    {
      id: S.warnings,
      title: 'Warnings',
      blocks: [
        p(
          'Published files have irregularities: ids spelled two ways, dates in several formats, rows naming another set, unknown techniques. Mapscope reads them anyway and records each as a warning, by set and kind, on ',
          link('the data-quality page', urls.dataQuality()),
          '. A warning says what the build mended or kept as found; an error (unreadable file) stops the build.',
        ),
      ],
    },
    {
      id: S.coverage,
      title: 'The coverage builder',
      blocks: [
        p(
          link('The coverage builder', urls.coverage()),
          ' takes the capabilities you choose (controls you implement, features you run, or a whole NIST SP 800-53 baseline) and shows the techniques they cover and the gaps they leave. ',
          'The counting rules: each chosen capability counts with its newest set in each ATT&CK domain; techniques are united by ATT&CK id and carried into the newest ATT&CK version the sets map to, a revoked technique counting as the one that replaced it; ',
          'a technique is covered when at least one chosen capability maps to it, and the matrix shades it by how many do or by the best score.',
        ),
        p(
          'Coverage is always of the whole matrix: the gaps are every active technique no chosen capability maps, whether or not your threats use it. Your selection lives in the URL, so a link shares it.',
        ),
      ],
    },
    {
      id: S.comparisons,
      title: 'Comparisons',
      blocks: [
        p(
          link('Comparisons', urls.compareIndex()),
          ' show what changed between two sets of one framework: mappings added, removed, and changed (another score or type). ',
          'Each set page links its comparisons with the sets before and after it; the picker compares any two.',
        ),
      ],
    },
    {
      id: S.urls,
      title: 'Links and deep links',
      blocks: [
        p('Every page has a stable address, so links can be shared and bookmarked:'),
        {
          kind: 'terms',
          items: [
            { term: urls.technique('T1046'), segments: ['a technique and everything that maps to it'] },
            { term: urls.framework('nist_800_53'), segments: ['a framework: its sets, groups and capabilities'] },
            { term: urls.capability({ frameworkId: 'nist_800_53', slug: 'ac-4' }), segments: ['a capability and its mappings'] },
            {
              term: urls.set(exampleSet?.id ?? 'nist_800_53-rev5_attack-16.1-enterprise'),
              segments: ['a set; ', code('#matrix'), ' and ', code('#gaps'), ' go to its parts'],
            },
            { term: urls.search('AC-4'), segments: ['a search'] },
            { term: urls.coverage(['nist_800_53:ac-4']), segments: ['the coverage builder with a selection'] },
          ],
        },
        p('On technique, capability and group pages, ', code('#<row id>'), ' goes to one row and ', code('#set-<set id>'), ' narrows the page to one set.'),
      ],
    },
  ];
}
