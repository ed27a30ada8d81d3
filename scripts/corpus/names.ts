/**
 * Names the synthetic corpus draws from: NIST control titles where they make search tests
 * meaningful, product names per framework, and word lists for the rest (ATT&CK techniques come
 * from the committed catalog, scripts/corpus/attack.ts).
 */

/** NIST SP 800-53 rev5 control titles, by family. */
export const NIST_CONTROLS: readonly [string, string][] = [
  ['AC-1', 'Policy and Procedures'], ['AC-2', 'Account Management'], ['AC-3', 'Access Enforcement'],
  ['AC-4', 'Information Flow Enforcement'], ['AC-5', 'Separation of Duties'], ['AC-6', 'Least Privilege'],
  ['AC-7', 'Unsuccessful Logon Attempts'], ['AC-8', 'System Use Notification'], ['AC-10', 'Concurrent Session Control'],
  ['AC-11', 'Device Lock'], ['AC-12', 'Session Termination'], ['AC-16', 'Security and Privacy Attributes'],
  ['AC-17', 'Remote Access'], ['AC-18', 'Wireless Access'], ['AC-19', 'Access Control for Mobile Devices'],
  ['AC-20', 'Use of External Systems'], ['AC-21', 'Information Sharing'], ['AC-22', 'Publicly Accessible Content'],
  ['AC-23', 'Data Mining Protection'], ['AC-24', 'Access Control Decisions'], ['AC-25', 'Reference Monitor'],
  ['AU-2', 'Event Logging'], ['AU-3', 'Content of Audit Records'], ['AU-6', 'Audit Record Review, Analysis, and Reporting'],
  ['AU-7', 'Audit Record Reduction and Report Generation'], ['AU-9', 'Protection of Audit Information'],
  ['AU-10', 'Non-repudiation'], ['AU-12', 'Audit Record Generation'], ['CA-2', 'Control Assessments'],
  ['CA-3', 'Information Exchange'], ['CA-7', 'Continuous Monitoring'], ['CA-8', 'Penetration Testing'],
  ['CM-2', 'Baseline Configuration'], ['CM-3', 'Configuration Change Control'], ['CM-5', 'Access Restrictions for Change'],
  ['CM-6', 'Configuration Settings'], ['CM-7', 'Least Functionality'], ['CM-8', 'System Component Inventory'],
  ['CM-10', 'Software Usage Restrictions'], ['CM-11', 'User-installed Software'], ['CM-12', 'Information Location'],
  ['CP-2', 'Contingency Plan'], ['CP-6', 'Alternate Storage Site'], ['CP-7', 'Alternate Processing Site'],
  ['CP-9', 'System Backup'], ['CP-10', 'System Recovery and Reconstitution'],
  ['IA-2', 'Identification and Authentication (Organizational Users)'], ['IA-3', 'Device Identification and Authentication'],
  ['IA-4', 'Identifier Management'], ['IA-5', 'Authenticator Management'], ['IA-6', 'Authentication Feedback'],
  ['IA-7', 'Cryptographic Module Authentication'], ['IA-8', 'Identification and Authentication (Non-organizational Users)'],
  ['IA-9', 'Service Identification and Authentication'], ['IA-11', 'Re-authentication'], ['IA-12', 'Identity Proofing'],
  ['IR-4', 'Incident Handling'], ['IR-5', 'Incident Monitoring'], ['MA-4', 'Nonlocal Maintenance'], ['MP-7', 'Media Use'],
  ['PE-3', 'Physical Access Control'], ['RA-5', 'Vulnerability Monitoring and Scanning'], ['RA-9', 'Criticality Analysis'],
  ['RA-10', 'Threat Hunting'], ['SA-3', 'System Development Life Cycle'], ['SA-8', 'Security and Privacy Engineering Principles'],
  ['SA-9', 'External System Services'], ['SA-10', 'Developer Configuration Management'],
  ['SA-11', 'Developer Testing and Evaluation'], ['SA-15', 'Development Process, Standards, and Tools'],
  ['SA-17', 'Developer Security and Privacy Architecture and Design'], ['SA-22', 'Unsupported System Components'],
  ['SC-2', 'Separation of System and User Functionality'], ['SC-3', 'Security Function Isolation'],
  ['SC-4', 'Information in Shared System Resources'], ['SC-5', 'Denial-of-service Protection'], ['SC-7', 'Boundary Protection'],
  ['SC-8', 'Transmission Confidentiality and Integrity'], ['SC-10', 'Network Disconnect'],
  ['SC-12', 'Cryptographic Key Establishment and Management'], ['SC-13', 'Cryptographic Protection'], ['SC-18', 'Mobile Code'],
  ['SC-20', 'Secure Name/Address Resolution Service (Authoritative Source)'],
  ['SC-21', 'Secure Name/Address Resolution Service (Recursive or Caching Resolver)'],
  ['SC-23', 'Session Authenticity'], ['SC-26', 'Decoys'], ['SC-28', 'Protection of Information at Rest'],
  ['SC-29', 'Heterogeneity'], ['SC-30', 'Concealment and Misdirection'], ['SC-31', 'Covert Channel Analysis'],
  ['SC-34', 'Non-modifiable Executable Programs'], ['SC-35', 'External Malicious Code Identification'],
  ['SC-36', 'Distributed Processing and Storage'], ['SC-37', 'Out-of-band Channels'], ['SC-38', 'Operations Security'],
  ['SC-39', 'Process Isolation'], ['SC-41', 'Port and I/O Device Access'], ['SC-43', 'Usage Restrictions'],
  ['SC-44', 'Detonation Chambers'], ['SC-46', 'Cross Domain Policy Enforcement'], ['SI-2', 'Flaw Remediation'],
  ['SI-3', 'Malicious Code Protection'], ['SI-4', 'System Monitoring'], ['SI-5', 'Security Alerts, Advisories, and Directives'],
  ['SI-7', 'Software, Firmware, and Information Integrity'], ['SI-8', 'Spam Protection'], ['SI-10', 'Information Input Validation'],
  ['SI-12', 'Information Management and Retention'], ['SI-15', 'Information Output Filtering'], ['SI-16', 'Memory Protection'],
  ['SI-23', 'Information Fragmentation'], ['SR-4', 'Provenance'], ['SR-5', 'Acquisition Strategies, Tools, and Methods'],
  ['SR-6', 'Supplier Assessments and Reviews'], ['SR-11', 'Component Authenticity'],
];

export const NIST_FAMILIES: Readonly<Record<string, string>> = {
  AC: 'Access Control', AU: 'Audit and Accountability', CA: 'Security Assessment and Authorization',
  CM: 'Configuration Management', CP: 'Contingency Planning', IA: 'Identification and Authentication',
  IR: 'Incident Response', MA: 'Maintenance', MP: 'Media Protection', PE: 'Physical and Environmental Protection',
  RA: 'Risk Assessment', SA: 'System and Services Acquisition', SC: 'System and Communications Protection',
  SI: 'System and Information Integrity', SR: 'Supply Chain Risk Management',
};

/** Cloud and product capabilities: [id, name]. */
export const AZURE_CAPABILITIES: readonly [string, string][] = [
  ['azure_ad_identity_protection', 'Azure AD Identity Protection'], ['alerts_for_windows_machines', 'Alerts for Windows Machines'],
  ['azure_defender_for_storage', 'Azure Defender for Storage'], ['network_security_groups', 'Network Security Groups'],
  ['azure_sentinel', 'Azure Sentinel'], ['azure_ad_password_policy', 'Azure AD Password Policy'],
  ['microsoft_defender_for_identity', 'Microsoft Defender for Identity'], ['azure_defender_for_key_vault', 'Azure Defender for Key Vault'],
  ['azure_defender_for_kubernetes', 'Azure Defender for Kubernetes'], ['adaptive_application_controls', 'Adaptive Application Controls'],
  ['azure_ad_multi-factor_authentication', 'Azure AD Multi-Factor Authentication'], ['azure_private_link', 'Azure Private Link'],
  ['azure_automation_update_management', 'Azure Automation Update Management'], ['role_based_access_control', 'Role Based Access Control'],
  ['file_integrity_monitoring', 'File Integrity Monitoring'], ['azure_backup', 'Azure Backup'], ['azure_policy', 'Azure Policy'],
  ['azure_alerts_for_network_layer', 'Azure Alerts for Network Layer'], ['azure_vpn_gateway', 'Azure VPN Gateway'],
  ['azure_ddos_protection_standard', 'Azure DDOS Protection Standard'], ['conditional_access', 'Conditional Access'],
  ['cloud_app_security_policies', 'Cloud App Security Policies'], ['microsoft_antimalware_for_azure', 'Microsoft Antimalware for Azure'],
  ['azure_web_application_firewall', 'Azure Web Application Firewall'], ['azure_dns_analytics', 'Azure DNS Analytics'],
  ['just-in-time_vm_access', 'Just-in-Time VM Access'], ['azure_firewall', 'Azure Firewall'], ['azure_key_vault', 'Azure Key Vault'],
  ['azure_network_traffic_analytics', 'Azure Network Traffic Analytics'], ['docker_host_hardening', 'Docker Host Hardening'],
  ['passwordless_authentication', 'Passwordless Authentication'], ['continuous_access_evaluation', 'Continuous Access Evaluation'],
];

export const AWS_CAPABILITIES: readonly [string, string][] = [
  ['amazon_guardduty', 'Amazon GuardDuty'], ['aws_config', 'AWS Config'], ['aws_cloudtrail', 'AWS CloudTrail'],
  ['aws_iam', 'AWS Identity and Access Management'], ['aws_security_hub', 'AWS Security Hub'], ['amazon_inspector', 'Amazon Inspector'],
  ['aws_waf', 'AWS Web Application Firewall'], ['aws_shield', 'AWS Shield'], ['aws_network_firewall', 'AWS Network Firewall'],
  ['amazon_macie', 'Amazon Macie'], ['aws_key_management_service', 'AWS Key Management Service'],
  ['aws_secrets_manager', 'AWS Secrets Manager'], ['aws_single_sign-on', 'AWS Single Sign-On'], ['amazon_cognito', 'Amazon Cognito'],
  ['aws_rds', 'AWS RDS'], ['aws_s3', 'AWS S3'], ['amazon_detective', 'Amazon Detective'], ['aws_organizations', 'AWS Organizations'],
  ['aws_systems_manager', 'AWS Systems Manager'], ['aws_cloudhsm', 'AWS CloudHSM'], ['amazon_virtual_private_cloud', 'Amazon Virtual Private Cloud'],
  ['aws_iot_device_defender', 'AWS IoT Device Defender'], ['aws_cloudwatch', 'AWS CloudWatch'], ['aws_artifact', 'AWS Artifact'],
];

export const GCP_CAPABILITIES: readonly [string, string][] = [
  ['cloud_armor', 'Cloud Armor'], ['security_command_center', 'Security Command Center'], ['cloud_ids', 'Cloud IDS'],
  ['chronicle', 'Chronicle'], ['vpc_service_controls', 'VPC Service Controls'], ['identity_and_access_management', 'Identity and Access Management'],
  ['cloud_key_management', 'Cloud Key Management'], ['binary_authorization', 'Binary Authorization'], ['google_secops', 'Google Security Operations'],
  ['virus_total', 'Virus Total'], ['siemplify', 'Siemplify'], ['artifact_analysis', 'Artifact Analysis'],
  ['access_transparency', 'Access Transparency'], ['assured_workloads', 'Assured Workloads'], ['cloud_ngfw', 'Cloud Next-Generation Firewall (NGFW)'],
  ['sensitive_data_protection', 'Sensitive Data Protection'], ['shielded_vm', 'Shielded VM'], ['os_config', 'OS Config'],
  ['cloud_logging', 'Cloud Logging'], ['beyondcorp_enterprise', 'BeyondCorp Enterprise'], ['recaptcha_enterprise', 'reCAPTCHA Enterprise'],
  ['titan_security_key', 'Titan Security Key'], ['web_security_scanner', 'Web Security Scanner'],
];

export const M365_CAPABILITIES: readonly [string, string, string][] = [
  ['DEF-AIR-E5', 'Automated Investigation and Response', 'm365-defender'], ['DEF-ATP-E5', 'Defender for Office 365', 'm365-defender'],
  ['DEF-EDR-E5', 'Endpoint Detection and Response', 'm365-defender'], ['DEF-TVM-E5', 'Threat and Vulnerability Management', 'm365-defender'],
  ['DEF-ASR-E3', 'Attack Surface Reduction Rules', 'm365-defender'], ['DEF-SECA-E5', 'Secure Score', 'm365-defender'],
  ['ME-PWA', 'Password Authentication', 'entra-id'], ['ME-MFA-E3', 'Multi-Factor Authentication', 'entra-id'],
  ['ME-CA-E3', 'Conditional Access', 'entra-id'], ['ME-PIM-E5', 'Privileged Identity Management', 'entra-id'],
  ['ME-IDPR-E5', 'Identity Protection', 'entra-id'], ['EOP-ASP-E3', 'Anti-spam Protection', 'eop'],
  ['EOP-AMP-E3', 'Anti-malware Protection', 'eop'], ['EOP-APH-E3', 'Anti-phishing Protection', 'eop'],
  ['PUR-AUS-E5', 'Audit Solutions', 'purview'], ['PUR-DLP-E5', 'Data Loss Prevention', 'purview'],
  ['PUR-IRM-E5', 'Insider Risk Management', 'purview'], ['PUR-CC-E5', 'Communication Compliance', 'purview'],
];

export const M365_GROUPS: Readonly<Record<string, string>> = {
  'm365-defender': 'Microsoft 365 Defender', 'entra-id': 'Microsoft Entra ID', eop: 'Exchange Online Protection', purview: 'Microsoft Purview',
};

export const INTEL_CAPABILITIES: readonly [string, string, string][] = [
  ['intel-aes-ni', 'Intel Advanced Encryption Standard - New Instructions', 'encryption'],
  ['intel-pt', 'Intel Processor Trace', 'advanced_threat_protection'], ['intel-tdt', 'Intel Threat Detection Technology', 'advanced_threat_protection'],
  ['intel-bios-guard', 'Intel BIOS Guard', 'trusted_computing'], ['intel-boot-guard', 'Intel Boot Guard', 'trusted_computing'],
  ['intel-txt', 'Intel Trusted Execution Technology', 'trusted_computing'], ['intel-vt-x', 'Intel Virtualization Technology', 'virtualization'],
  ['intel-vt-d', 'Intel Virtualization Technology for Directed I/O', 'virtualization'], ['intel-tme', 'Intel Total Memory Encryption', 'encryption'],
  ['intel-cet', 'Intel Control-flow Enforcement Technology', 'advanced_threat_protection'], ['intel-ptt', 'Intel Platform Trust Technology', 'trusted_computing'],
  ['intel-os-guard', 'Intel OS Guard', 'advanced_threat_protection'],
];

export const INTEL_GROUPS: Readonly<Record<string, string>> = {
  advanced_threat_protection: 'Hardware - Advanced Threat Protection', trusted_computing: 'Hardware - Trusted Computing',
  encryption: 'Hardware - Encryption and Data Protection', virtualization: 'Hardware - Virtualization',
};

export const INTEL_MAPPING_TYPES: Readonly<Record<string, string>> = {
  'crowdstrike-heed': 'Crowdstrike HEED', 'win11-pde': 'Win 11, PDE', 'win11-bl': 'Win 11, BitLocker', 'win11-sb': 'Win 11, Secure Boot',
  'win11-cg': 'Win 11, Credential Guard', 'win11-def': 'Microsoft Defender',
};

export const KEV_GROUPS: Readonly<Record<string, string>> = {
  access_ctrl: 'Improper Access Control', auth_bypass: 'Authentication Bypass', auth_missing: 'Missing Authentication',
  buffer_overflow: 'Buffer Overflow', code_execution: 'Code Execution', command_injection: 'Command Injection',
  deserialization: 'Deserialization of Untrusted Data', memory_corruption: 'Memory Corruption', path_traversal: 'Path Traversal',
  privilege_escalation: 'Privilege Escalation', sql_injection: 'SQL Injection', use_after_free: 'Use-After-Free',
  xss: 'Cross-Site Scripting', xxe: 'XML External Entity (XXE)',
};

export const VENDORS: readonly string[] = [
  'Microsoft Windows', 'Microsoft Exchange Server', 'Apache Log4j2', 'Cisco IOS XE', 'Fortinet FortiOS', 'Ivanti Connect Secure',
  'Citrix NetScaler ADC', 'VMware vCenter Server', 'Atlassian Confluence', 'Apple Multiple Products', 'Google Chromium V8',
  'Progress MOVEit Transfer', 'Palo Alto Networks PAN-OS', 'Oracle WebLogic Server', 'SAP NetWeaver', 'Zoho ManageEngine',
  'F5 BIG-IP', 'Adobe ColdFusion', 'Qualcomm Multiple Chipsets', 'Samsung Mobile Devices', 'Juniper Junos OS', 'SonicWall SMA',
];

export const VERIS_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'action.hacking': ['Abuse of functionality', 'Brute force', 'Buffer overflow', 'Scan network', 'Use of stolen creds', 'Use of backdoor or C2',
    'SQLi', 'Exploit vuln', 'Footprinting', 'Forced browsing', 'Path traversal', 'Prompt injection', 'Session replay', 'XSS'],
  'action.malware': ['Adware', 'Backdoor or C2', 'Capture app data', 'Click fraud', 'Downloader', 'Export data', 'Password dumper',
    'Ransomware', 'RAM scraper', 'Rootkit', 'Scan network', 'Spyware/Keylogger', 'Worm'],
  'action.social': ['Baiting', 'Bribery', 'Extortion', 'Forgery', 'Influence', 'Phishing', 'Pretexting', 'Propaganda'],
  'attribute.confidentiality': ['data_disclosure', 'Credentials', 'Personal', 'Internal', 'Secrets'],
  'attribute.integrity': ['Alter behavior', 'Created account', 'Hardware tampering', 'Modify configuration', 'Software installation'],
  'attribute.availability': ['Destruction', 'Interruption', 'Degradation', 'Obscuration', 'Loss'],
  'value_chain.development': ['Bot', 'Exploit', 'Malware', 'Payload', 'Ransomware'],
};

export const CRI_GROUPS: Readonly<Record<string, string>> = {
  'ID.AM': 'Identify: Asset Management', 'ID.RA': 'Identify: Risk Assessment', 'ID.IM': 'Identify: Improvement',
  'PR.AA': 'Protect: Identity Management, Authentication, Access Control', 'PR.AT': 'Protect: Awareness and Training',
  'PR.DS': 'Protect: Data Security', 'PR.PS': 'Protect: Platform Security', 'PR.IR': 'Protect: Technology Infrastructure Resilience',
  'DE.CM': 'Detect: Continuous Monitoring', 'DE.AE': 'Detect: Adverse Event Analysis', 'RS.MA': 'Respond: Incident Management',
  'RS.AN': 'Respond: Incident Analysis', 'RS.MI': 'Respond: Incident Mitigation', 'RC.RP': 'Recover: Incident Recovery Plan Execution',
  'GV.OC': 'Govern: Organizational Context', 'GV.SC': 'Govern: Cybersecurity Supply Chain Risk Management', 'EX.TR': 'Extend: Relationship Termination',
};

export const CSA_GROUPS: Readonly<Record<string, string>> = {
  'A&A': 'Audit and Assurance', AIS: 'Application and Interface Security',
  BCR: 'Business Continuity Management and Operational Resilience', CCC: 'Change Control and Configuration Management',
  CEK: 'Cryptography, Encryption, and Key Management', DCS: 'Datacenter Security', DSP: 'Data Security and Privacy Lifecycle Management',
  GRC: 'Governance, Risk and Compliance', HRS: 'Human Resources', IAM: 'Identity and Access Management',
  IPY: 'Interoperability and Portability', IVS: 'Infrastructure and Virtualization Security', LOG: 'Logging and Monitoring',
  SEF: 'Security Incident Management, E-Discovery, and Cloud Forensics', STA: 'Supply Chain Management, Transparency, and Accountability',
  TVM: 'Threat and Vulnerability Management', UEM: 'Universal Endpoint Management',
};

/** Words for generated names and comments. */
export const ADJECTIVES: readonly string[] = [
  'Hidden', 'Remote', 'Local', 'Scheduled', 'Encrypted', 'Automated', 'Cloud', 'Container', 'Kernel', 'Browser', 'Email', 'Network',
  'Registry', 'Service', 'Domain', 'Credential', 'Firmware', 'Token', 'Session', 'Script', 'Memory', 'Boot', 'Log', 'Policy',
];
export const NOUNS: readonly string[] = [
  'Injection', 'Hijacking', 'Discovery', 'Execution', 'Persistence', 'Modification', 'Collection', 'Exfiltration', 'Tampering',
  'Abuse', 'Spoofing', 'Manipulation', 'Enumeration', 'Redirection', 'Evasion', 'Staging', 'Harvesting', 'Replay', 'Escalation',
];
export const ACTIVITIES: readonly string[] = [
  'unusual process creation', 'anomalous sign-in activity', 'suspicious network connections', 'unexpected changes to configuration',
  'access to sensitive files', 'use of administrative tools', 'creation of new accounts', 'modification of audit policies',
  'outbound traffic to rare destinations', 'execution of unsigned binaries', 'privilege changes', 'high volumes of failed logons',
];
