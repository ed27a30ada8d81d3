/**
 * The field's abbreviations and their spelled-out forms, for search: a query holding any form
 * of a group finds documents holding any other ("mfa" finds "Multi-Factor Authentication", "c2"
 * the Command and Control tactic). One group per concept; forms are written as words are
 * indexed (lower case, punctuation as spaces).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['mfa', '2fa', 'multi factor authentication', 'multifactor authentication', 'two factor authentication'],
  ['c2', 'command and control'],
  ['privesc', 'privilege escalation'],
  ['waf', 'web application firewall'],
  ['edr', 'endpoint detection and response'],
  ['xdr', 'extended detection and response'],
  ['dlp', 'data loss prevention'],
  ['siem', 'security information and event management'],
  ['soar', 'security orchestration automation and response'],
  ['iam', 'identity and access management'],
  ['pam', 'privileged access management'],
  ['pim', 'privileged identity management'],
  ['kms', 'key management service'],
  ['hsm', 'hardware security module'],
  ['ids', 'intrusion detection system'],
  ['ips', 'intrusion prevention system'],
  ['sso', 'single sign on'],
  ['ddos', 'distributed denial of service'],
  ['dos', 'denial of service'],
  ['vpn', 'virtual private network'],
  ['vpc', 'virtual private cloud'],
  ['ngfw', 'next generation firewall'],
  ['casb', 'cloud access security broker'],
  ['rdp', 'remote desktop protocol'],
  ['smb', 'server message block'],
  ['xss', 'cross site scripting'],
  ['sqli', 'sql injection'],
  ['rce', 'remote code execution'],
  ['aitm', 'mitm', 'adversary in the middle', 'man in the middle'],
  ['av', 'antivirus', 'anti malware', 'antimalware'],
  ['ioc', 'indicator of compromise'],
  ['tls', 'transport layer security'],
  ['exfil', 'exfiltration'],
  ['recon', 'reconnaissance'],
  ['creds', 'credentials'],
  ['vuln', 'vulnerability'],
  ['encryption', 'cryptography', 'cryptographic'],
];

/** Each form, as its words, with the group it belongs to; longest forms first. */
export const SYNONYM_FORMS: readonly { words: readonly string[]; group: readonly (readonly string[])[] }[] = SYNONYM_GROUPS.flatMap((group) => {
  const forms = group.map((form) => form.split(' '));
  return forms.map((words) => ({ words, group: forms }));
}).sort((a, b) => b.words.length - a.words.length);
