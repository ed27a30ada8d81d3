/**
 * What each framework of the public corpus is, in Mapscope's words: who publishes it, where, and
 * where the mapping project explains how its mappings were made. Keyed by framework id; other
 * frameworks have no entry and their pages show none.
 */

export interface FrameworkFacts {
  /** One or two plain sentences: what the framework is and what its capabilities are. */
  summary: string;
  /** What one capability of it is called ("control", "product feature", "CVE"). */
  capabilityKind: string;
  publisher: string;
  publisherUrl: string;
  /** Where the mappings' methodology (rules, scoring) is written up: the mapping project's page for it. */
  methodologyUrl: string;
  /** The mapping project's page on what the framework's mappings cover and leave out, where it has one. */
  scopeUrl?: string;
  /**
   * The capability groups the framework itself defines (NIST SP 800-53's families), by id as the
   * mappings write them, so the guide can say which ones no set maps. Absent where the groups are
   * only those the mappings name.
   */
  groups?: readonly string[];
}

/** The Mappings Explorer project, which publishes the public mapping sets. */
export const MAPPING_PROJECT = {
  name: 'Mappings Explorer (Center for Threat-Informed Defense)',
  url: 'https://center-for-threat-informed-defense.github.io/mappings-explorer/',
  repository: 'https://github.com/center-for-threat-informed-defense/mappings-explorer',
} as const;

/**
 * A page of the mapping project's methodology section (its site's about/methodology/<page>/, as
 * its site builder, src/mappings_explorer/site_builder.py, writes them); the section's own page without one.
 */
const methodology = (page?: string) => `${MAPPING_PROJECT.url}about/methodology/${page ? `${page}/` : ''}`;

export const FRAMEWORK_FACTS: Readonly<Record<string, FrameworkFacts>> = {
  nist_800_53: {
    summary:
      'A catalog of security and privacy controls for information systems, used by US federal agencies and widely beyond them. Controls are grouped into families (AC for access control, SI for system integrity...) and many have numbered enhancements.',
    capabilityKind: 'control',
    publisher: 'National Institute of Standards and Technology (NIST)',
    publisherUrl: 'https://csrc.nist.gov/projects/risk-management/sp800-53-controls',
    methodologyUrl: methodology('nist-methodology'),
    scopeUrl: methodology('nist-scope'),
    groups: ['AC', 'AT', 'AU', 'CA', 'CM', 'CP', 'IA', 'IR', 'MA', 'MP', 'PE', 'PL', 'PM', 'PS', 'PT', 'RA', 'SA', 'SC', 'SI', 'SR'],
  },
  azure: {
    summary: 'The security features built into Microsoft Azure, each scored for how well it can protect against, detect or respond to a technique.',
    capabilityKind: 'product feature',
    publisher: 'Microsoft',
    publisherUrl: 'https://learn.microsoft.com/azure/security/',
    methodologyUrl: methodology('ssm-methodology'),
  },
  aws: {
    summary: 'The security services of Amazon Web Services, each scored for how well it can protect against, detect or respond to a technique.',
    capabilityKind: 'product feature',
    publisher: 'Amazon Web Services',
    publisherUrl: 'https://aws.amazon.com/security/',
    methodologyUrl: methodology('ssm-methodology'),
  },
  gcp: {
    summary: 'The security features of Google Cloud, each scored for how well it can protect against, detect or respond to a technique.',
    capabilityKind: 'product feature',
    publisher: 'Google',
    publisherUrl: 'https://cloud.google.com/security',
    methodologyUrl: methodology('ssm-methodology'),
  },
  m365: {
    summary: 'The security features of Microsoft 365 (mail, identity, endpoint and cloud app protection), each scored like the other security stacks.',
    capabilityKind: 'product feature',
    publisher: 'Microsoft',
    publisherUrl: 'https://learn.microsoft.com/microsoft-365/security/',
    methodologyUrl: methodology('ssm-methodology'),
  },
  kev: {
    summary:
      'A list of software vulnerabilities (CVEs) known to have been exploited in real attacks, kept by a US government agency. The mappings say how attackers exploit each one and what they gain by it.',
    capabilityKind: 'CVE',
    publisher: 'Cybersecurity and Infrastructure Security Agency (CISA)',
    publisherUrl: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog',
    methodologyUrl: methodology('cve-methodology'),
  },
  veris: {
    summary: 'A shared vocabulary for recording security incidents (actors, actions, assets, attributes), used among others for yearly breach reports.',
    capabilityKind: 'VERIS enumeration',
    publisher: 'VERIS Community',
    publisherUrl: 'https://verisframework.org/',
    methodologyUrl: methodology('veris-methodology'),
  },
  cri_profile: {
    summary:
      'A cybersecurity profile for the financial sector, built on the NIST Cybersecurity Framework and extended with sector-specific diagnostic statements.',
    capabilityKind: 'diagnostic statement',
    publisher: 'Cyber Risk Institute (CRI)',
    publisherUrl: 'https://cyberriskinstitute.org/the-profile/',
    methodologyUrl: methodology(),
    scopeUrl: methodology('cri-profile-scope'),
  },
  csa_ccm: {
    summary: 'A control framework for cloud computing, grouped into domains, with which cloud providers and customers describe who secures what.',
    capabilityKind: 'control',
    publisher: 'Cloud Security Alliance (CSA)',
    publisherUrl: 'https://cloudsecurityalliance.org/research/cloud-controls-matrix',
    methodologyUrl: methodology(),
    scopeUrl: methodology('csa-ccm-scope'),
  },
  'intel-vpro': {
    summary: 'Hardware-assisted security features of Intel vPro business PCs and the Windows and partner features built on them.',
    capabilityKind: 'platform feature',
    publisher: 'Intel',
    publisherUrl: 'https://www.intel.com/content/www/us/en/architecture-and-technology/vpro/hardware-security-features.html',
    methodologyUrl: methodology('ssm-methodology'),
  },
};

/** A framework's facts, or null for a framework the table does not know. */
export const frameworkFacts = (id: string): FrameworkFacts | null => FRAMEWORK_FACTS[id] ?? null;
