/**
 * The ownership part of the custom resource properties (DESIGN.md §8), shared by the constructs
 * that write it and the handlers that read it.
 */

/**
 * Written by the constructs whose live object may already exist in the organization. Without
 * `AdoptExisting`, a Create that finds a live object this resource did not make fails and names
 * the two ways on (a `fromXxx` import, or `adoptExisting: true`).
 */
export interface AdoptableResourceProperties {
  /**
   * "true": the user asked this resource to take over the live object it finds (never resetting a
   * password, never changing what the props do not name). Absent otherwise.
   */
  readonly AdoptExisting?: string;
}

/**
 * What cdk-workmail appends to the description of a rule, override or retention policy it
 * writes: ` (cdk-workmail <12 hex digits>)`, the digits naming the stack (6) and the resource
 * (6). Constructs keep descriptions this much shorter than WorkMail's limit.
 */
export const OWNER_MARKER_LENGTH = ' (cdk-workmail 0123456789ab)'.length;

const OWNER_MARKER = / ?\(cdk-workmail ([0-9a-f]{12})\)$/;

/** A description as the person who wrote it sees it, and the owner its marker names, if any. */
export function readOwnerMarker(description: string | undefined): { readonly description: string; readonly owner?: string } {
  const text = description ?? '';
  const match = OWNER_MARKER.exec(text);
  return match ? { description: text.slice(0, match.index), owner: match[1] } : { description: text };
}

/** `description` with the marker of `owner` appended. */
export function withOwnerMarker(description: string | undefined, owner: string): string {
  return `${description ? `${description} ` : ''}(cdk-workmail ${owner})`;
}
