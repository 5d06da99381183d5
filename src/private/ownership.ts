import { RemovalPolicy } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AdoptableResourceProperties } from './ownership-properties';
import { invalid, StringRule, validateString } from './validation';

/** The ownership props of a construct whose live object may already exist. */
export interface AdoptionOptions {
  readonly adoptExisting?: boolean;
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The `AdoptExisting` property (written only when set) and the removal policy: an adopted object
 * is retained when it leaves the stack unless `removalPolicy` says DESTROY explicitly.
 */
export function adoption(scope: IConstruct, options: AdoptionOptions, defaultPolicy: RemovalPolicy): {
  readonly properties: AdoptableResourceProperties;
  readonly removalPolicy: RemovalPolicy;
} {
  const adopt = options.adoptExisting;
  if (adopt !== undefined && typeof adopt !== 'boolean') {
    throw invalid(scope, 'adoptExisting', adopt, 'it must be true or false');
  }
  return {
    properties: adopt ? { AdoptExisting: 'true' } : {},
    removalPolicy: options.removalPolicy ?? (adopt ? RemovalPolicy.RETAIN : defaultPolicy),
  };
}

/**
 * Refuses `adoptExisting` (from a JavaScript caller: the props type has no such member) on a
 * construct that has nothing to adopt.
 */
export function refuseAdoption(scope: IConstruct, props: object, reason: string): void {
  const adopt = (props as { adoptExisting?: unknown }).adoptExisting;
  if (adopt !== undefined) {
    throw invalid(scope, 'adoptExisting', adopt, `${reason}: drop adoptExisting`);
  }
}

/** What an id-keyed adoption needs: the live object's kind, the id prop and where its ids are listed. */
export interface AdoptionById {
  /** e.g. "impersonation role" */
  readonly kind: string;
  /** The prop with the live id, e.g. "impersonationRoleId". */
  readonly idProperty: string;
  /** Its value. */
  readonly liveId: string | undefined;
  /** Where the user finds the id, e.g. "the console or ListImpersonationRoles". */
  readonly source: string;
}

/**
 * The id prop of an object WorkMail keys by id, not by name: adoption takes over the object with
 * that id, so one needs the other.
 */
export function validateAdoptionById(scope: IConstruct, options: AdoptionOptions, byId: AdoptionById): void {
  const { kind, idProperty, liveId, source } = byId;
  if (options.adoptExisting && liveId === undefined) {
    throw invalid(scope, idProperty, liveId,
      `adoptExisting takes over a live ${kind} by its id, as WorkMail does not key them by name: pass ${idProperty} (from ${source}), or drop adoptExisting`);
  }
  if (!options.adoptExisting && liveId !== undefined) {
    throw invalid(scope, idProperty, liveId,
      `it names the live ${kind} to take over, which only adoptExisting: true does: add adoptExisting: true, or drop ${idProperty}`);
  }
  validateString(scope, idProperty, liveId, LIVE_ID);
}

/** The model's ImpersonationRoleId and MobileDeviceAccessRuleId. */
const LIVE_ID: StringRule = { minLength: 1, maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/, rule: '1-64 letters, digits, "_" or "-", as WorkMail shows the id' };
