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
 * Written by the constructs whose removal policy can delete a live object (User, Group,
 * Resource): "destroy" when the removal policy is DESTROY. The handler then records the
 * resource as the object's owner in an organization tag, so that a Delete of a resource the
 * object has moved away from (a construct given a new logical id, whose new resource adopted the
 * object) leaves it.
 */
export interface DestroyableResourceProperties {
  readonly RemovalPolicy?: string;
}

/** The value of `RemovalPolicy` that lets a Delete remove the live object. */
export const REMOVAL_POLICY_DESTROY = 'destroy';

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
