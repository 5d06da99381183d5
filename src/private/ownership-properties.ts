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
