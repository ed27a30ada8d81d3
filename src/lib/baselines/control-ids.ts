/**
 * NIST SP 800-53 control ids in their two spellings: OSCAL's ("ac-2", enhancement "ac-2.1"), as
 * the OSCAL catalogs and profiles write them, and NIST's display form ("AC-2", "AC-2(1)"), as the
 * publication and the mapping files write them.
 */

/**
 * The control families of SP 800-53, a closed list: rev4's 18 (AC to SI, and PM) and rev5's two
 * more, PT and SR (as NIST's OSCAL catalogs of both revisions group their controls).
 */
export const SP800_53_FAMILIES = [
  'AC',
  'AT',
  'AU',
  'CA',
  'CM',
  'CP',
  'IA',
  'IR',
  'MA',
  'MP',
  'PE',
  'PL',
  'PM',
  'PS',
  'PT',
  'RA',
  'SA',
  'SC',
  'SI',
  'SR',
] as const;

const FAMILIES: ReadonlySet<string> = new Set(SP800_53_FAMILIES);

/** Whether a family ("ac" or "AC") is one of SP 800-53's. */
export const isSp80053Family = (family: string): boolean => FAMILIES.has(family.toUpperCase());

/**
 * An OSCAL control or enhancement id as NIST's catalogs spell it: a two-letter family, a number
 * without zero padding, an optional ".n" enhancement. A profile must use the catalog's ids
 * exactly (otherwise they select nothing), so nothing looser is accepted.
 */
export const OSCAL_CONTROL_ID = /^([a-z]{2})-([1-9]\d{0,2})(?:\.([1-9]\d{0,2}))?$/;

/** NIST's display form, as baseline files keep it: "AC-2", "AC-2(1)" (its family checked apart: isSp80053Family). */
export const DISPLAY_CONTROL_ID = /^[A-Z]{2}-[1-9]\d{0,2}(?:\([1-9]\d{0,2}\))?$/;

/** "ac-2" -> "AC-2", "ac-2.1" -> "AC-2(1)"; null when the id is not an OSCAL control id. */
export function oscalToDisplay(oscalId: string): string | null {
  const match = OSCAL_CONTROL_ID.exec(oscalId);
  if (!match) return null;
  const [, family, number, enhancement] = match;
  return `${family!.toUpperCase()}-${number}${enhancement ? `(${enhancement})` : ''}`;
}

// The spellings mapping files use besides the display form: padded ("AC-02", "SC-07(05)"), with
// spaces ("SC-7 (5)"), lower case, or OSCAL's dot for the enhancement.
const LOOSE_CONTROL_ID = /^([a-z]{2})\s*-?\s*0*([1-9]\d{0,2})\s*(?:\(\s*0*([1-9]\d{0,2})\s*\)|\.0*([1-9]\d{0,2}))?$/i;

/** "AC-2(1)", "AC-02 (01)", "ac-2.1" -> "ac-2.1"; null when it is not an 800-53 control id (of one of its families). */
export function displayToOscal(displayId: string): string | null {
  const match = LOOSE_CONTROL_ID.exec(displayId.trim());
  if (!match || !isSp80053Family(match[1]!)) return null;
  const [, family, number, enhancement, dotted] = match;
  const part = enhancement ?? dotted;
  return `${family!.toLowerCase()}-${number}${part ? `.${part}` : ''}`;
}
