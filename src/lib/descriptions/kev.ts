/**
 * What a KEV capability page can say from the CVE id and the KEV title alone: links to the CVE
 * record, NVD and the CISA catalog (built from the id, never fetched), and the vendor and product
 * the title names. CISA titles its entries "<vendor> <product> <weakness> Vulnerability"
 * ("Palo Alto Networks PAN-OS Authentication Bypass Vulnerability"); the weakness is found by
 * its wording, the vendor as the title's first word unless a vendor of several words is known.
 * Browser-safe.
 */

const CVE_ID = /^CVE-(\d{4})-(\d{4,})$/;

/** "cve-2023-4966 " -> "CVE-2023-4966"; null for anything that is not a CVE id. */
export function normalizeCveId(raw: string): string | null {
  const id = raw
    .trim()
    .toUpperCase()
    .replace(/[\u2010-\u2015]/g, '-');
  return CVE_ID.test(id) ? id : null;
}

export interface CveLinks {
  id: string;
  /** The CVE Program's record. */
  cveRecord: string;
  /** The National Vulnerability Database's page. */
  nvd: string;
  /** The CISA Known Exploited Vulnerabilities catalog, searched for the id. */
  kev: string;
}

/** The three pages about a CVE id, or null when the id is not one. */
export function cveLinks(rawId: string): CveLinks | null {
  const id = normalizeCveId(rawId);
  if (!id) return null;
  return {
    id,
    cveRecord: `https://www.cve.org/CVERecord?id=${id}`,
    nvd: `https://nvd.nist.gov/vuln/detail/${id}`,
    // The catalog has no page per entry; its list takes a full-text search.
    kev: `https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search_api_fulltext=${id}`,
  };
}

// Vendors whose names are several words; a title starting with one names it whole.
const MULTI_WORD_VENDORS = [
  'Palo Alto Networks',
  'Trend Micro',
  'Check Point',
  'Red Hat',
  'Barracuda Networks',
  'Ignite Realtime',
  'Justice AV Solutions (JAVS)',
  'Hitachi Vantara',
  'Wing FTP Server',
  'Craft CMS',
  'Novi Survey',
  'Rockwell Automation',
  'Schneider Electric',
  'Johnson Controls',
  'Western Digital',
  'Sierra Wireless',
  'Micro Focus',
  'Hewlett Packard Enterprise',
  'Ruckus Wireless',
  'Pulse Secure',
];

// How weaknesses are worded in the titles: a title's weakness starts at the first of these.
// Longer phrases come before the shorter ones they contain, so "Remote Code Execution" wins.
const WEAKNESS_STARTS = [
  'Improper',
  'Incorrect',
  'Insufficient',
  'Incomplete',
  'Insecure',
  'Unrestricted',
  'Unrestrictive',
  'Unauthorized',
  'Unprotected',
  'Unspecified',
  'Uncontrolled',
  'Unsafe',
  'Missing',
  'Use-After-Free',
  'Use After Free',
  'Use of',
  'Double Free',
  'Dereferenced',
  'NULL Pointer',
  'Type Confusion',
  'Memory Corruption',
  'Integer Overflow',
  'Integer Underflow',
  'Heap-Based',
  'Heap Buffer',
  'Stack-Based',
  'Stack Buffer',
  'Buffer Overflow',
  'Buffer Overread',
  'Out-of-Bounds',
  'Out-of-Bound',
  'Race Condition',
  'TOCTOU',
  'Local Privilege Escalation',
  'Privilege Escalation',
  'Elevation of Privilege',
  'Information Disclosure',
  'Hash Disclosure',
  'Denial of Service',
  'Denial-of-Service',
  'Reflected Amplification',
  'Authentication Bypass',
  'Authorization Bypass',
  'Security Feature Bypass',
  'Sandbox Bypass',
  'Sandbox Escape',
  'ASLR Bypass',
  'Mark of the Web Bypass',
  'Persistent Cross-Site',
  'Reflected Cross-Site',
  'Stored Cross-Site',
  'Cross-Site',
  'Server-Side',
  'Server Side Request',
  'Request Forgery',
  'OS Command',
  'SQL Injection',
  'Command Injection',
  'Code Injection',
  'Template Injection',
  'Argument Injection',
  'Special Element',
  'Object-Graph Navigation Language',
  'XML External Entity',
  'Injection',
  'Insecure Deserialization',
  'Deserialization',
  'Absolute Path Traversal',
  'Read-Only Path Traversal',
  'Path Traversal',
  'Directory Traversal',
  'Arbitrary',
  'File Upload',
  'File Read',
  'File Download',
  'Hard-coded',
  'Hardcoded',
  'Static Credential',
  'Default Credential',
  'Default Configuration',
  'Broken Access Control',
  'Open Port',
  'Forced Browsing',
  'Remote Command Execution',
  'Remote Code Execution',
  'Command Execution',
  'Code Execution',
  'Spoofing',
  'Embedded Malicious Code',
  'External Control',
  'Link Following',
  'Exposure of',
  'Initialization of',
  'Process Control',
  'HTTP Tunneling',
  'Rapid Reset',
  'Pre-Authorization',
  'Input Validation',
  'Configuration Upload',
  'PHP External Variable',
].map((phrase) => phrase.toLowerCase().split(' '));

/** What a KEV title names. */
export interface KevTitle {
  vendor: string;
  product: string;
  /** "Authentication Bypass", as the title words it. */
  weakness: string;
}

const words = (text: string) => text.split(' ').filter(Boolean);

/** The vendor, product and weakness a KEV title names, or null when its wording is not one to take apart. */
export function parseKevTitle(title: string): KevTitle | null {
  const clean = title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s+(?:Vulnerability|Vulnerablity|Vulnerabilities|exploit)$/i, '');
  const list = words(clean);
  let start = -1;
  for (let i = 1; i < list.length && start < 0; i++) {
    const ahead = list.slice(i).map((w) => w.toLowerCase().replace(/[,;:]$/, ''));
    if (WEAKNESS_STARTS.some((phrase) => phrase.every((w, j) => ahead[j] === w))) start = i;
  }
  if (start < 0) return null;
  let subject = list.slice(0, start).join(' ');
  let weakness = list.slice(start).join(' ');
  // "VMware Server Side Request Forgery in vRealize Operations Manager API": the product follows.
  const trailing = / in ((?:[A-Za-z0-9][\w.+-]*)(?: [A-Za-z0-9][\w.+-]*)*)$/.exec(weakness);
  if (trailing && words(subject).length === 1) {
    subject = `${subject} ${trailing[1]}`;
    weakness = weakness.slice(0, trailing.index);
  }
  let multiple = false;
  if (/^Multiple /.test(subject) && words(subject).length > 2) {
    // "Multiple SugarCRM Products", "Multiple DrayTek Vigor Routers"
    multiple = true;
    subject = subject.replace(/^Multiple /, '');
  }
  const known = MULTI_WORD_VENDORS.find((v) => subject === v || subject.startsWith(`${v} `));
  const vendor = known ?? words(subject)[0]!;
  let product = subject.slice(vendor.length).trim();
  if (product === '' || product.startsWith('(')) product = subject;
  if (multiple) product = `Multiple ${product}`;
  return { vendor, product, weakness };
}
