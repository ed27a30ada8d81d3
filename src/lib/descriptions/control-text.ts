/**
 * NIST SP 800-53 control text, render-ready: what a capability page shows of a control or an
 * enhancement (its statement, discussion, related controls, withdrawal), as plain text segments.
 * Nothing here is HTML: pages render every segment as text and choose the links themselves.
 * Browser-safe (no Node, no markdown-it), so pages and search can import it.
 */

/**
 * A run of text. A plain string is text as it stands; the objects are text with a meaning the
 * page may show: a parameter (already rendered to its text), a mention of a control (linked when
 * that control has a page), or an http(s) link.
 */
export type Segment = string | ParamSegment | ControlSegment | LinkSegment;

/** An organization-defined parameter, e.g. "[Assignment: organization-defined frequency]". */
export interface ParamSegment {
  kind: 'param';
  /** The OSCAL parameter id ("ac-1_prm_1"). */
  param: string;
  text: string;
}

/** A mention of a control: `control` in NIST's display form ("AC-2(1)"), `text` as written ("AC-16a"). */
export interface ControlSegment {
  kind: 'control';
  control: string;
  text: string;
}

/** A link to an http(s) address (the catalog's own references, or a URL the prose links). */
export interface LinkSegment {
  kind: 'link';
  href: string;
  text: string;
}

/** One labelled item of a statement ("a.", "1.", "(a)") and the items under it. */
export interface StatementItem {
  label: string;
  text: Segment[];
  items: StatementItem[];
}

/** What a control requires: its lead-in text (often empty in rev5) and its items. */
export interface Statement {
  text: Segment[];
  items: StatementItem[];
}

/** Where a withdrawn control went: a control (or one of its items), or a whole family. */
export interface WithdrawalTarget {
  /** The control in display form, or null when the target is a family ("the SR family"). */
  control: string | null;
  /** As shown: "AC-6", "AC-2k" (an item of AC-2), "the SR family". */
  text: string;
  /** An http(s) address, when the catalog points outside itself (rev4 points at the publication). */
  href?: string;
}

export interface Withdrawal {
  incorporatedInto: WithdrawalTarget[];
  movedTo: WithdrawalTarget[];
  /** The reason the catalog gives instead of a target ("Addressed through tailoring."), if any. */
  note: Segment[];
  /** The line a page shows: "Withdrawn: incorporated into AC-6 and SC-28." */
  summary: Segment[];
}

/** A control or an enhancement as a page shows it. */
export interface ControlDescription {
  /** NIST's display form: "AC-2", "AC-2(1)". */
  id: string;
  title: string;
  /** The family in display form: "AC". */
  family: string;
  /** The control an enhancement belongs to ("AC-2" for AC-2(1)); null for a control. */
  parent: string | null;
  /** Null for a withdrawn control (its reason, if any, is in `withdrawn.note`). */
  statement: Statement | null;
  /** The discussion (OSCAL's "guidance" part), as paragraphs; empty when the catalog has none. */
  discussion: Segment[][];
  /** Related controls in display form, in the catalog's order, each once. */
  related: string[];
  withdrawn: Withdrawal | null;
  /** The enhancements of a control in display form, in the catalog's order. */
  enhancements: string[];
}

export interface ControlFamily {
  /** "AC" */
  id: string;
  /** "Access Control" */
  title: string;
}

/** A whole catalog, as the build would keep it (in the model or a side file). */
export interface ControlCatalog {
  /** metadata.title: "NIST Special Publication 800-53 Revision 5: ..." */
  title: string;
  /** metadata.version: "5.0.1", "2015-01-22". */
  version: string | null;
  families: ControlFamily[];
  /** Every control, each followed by its enhancements, in the catalog's order. */
  controls: ControlDescription[];
}

/** The text of segments, for search or a plain-text export. */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((segment) => (typeof segment === 'string' ? segment : segment.text)).join('');
}

/** A statement as one line of text, each item led by its label: "Do this: a. one; b. two". */
export function statementText(statement: Statement): string {
  const parts: string[] = [];
  const text = segmentsText(statement.text);
  if (text) parts.push(text);
  const walk = (items: readonly StatementItem[]) => {
    for (const item of items) {
      parts.push([item.label, segmentsText(item.text)].filter(Boolean).join(' '));
      walk(item.items);
    }
  };
  walk(statement.items);
  return parts.join(' ');
}
