/** A room's or equipment's own settings as pure decisions; registration is shared with users. */
import { ResourceResourceProperties } from '../../private/entity-properties';
import { ActualEntity, EntityState, parseRegistration, RegistrationSettings } from '../entity/plan';
import { parseBoolean } from '../shared/properties';

export interface BookingOptions {
  readonly AutoAcceptRequests?: boolean;
  readonly AutoDeclineRecurringRequests?: boolean;
  readonly AutoDeclineConflictingRequests?: boolean;
}

const BOOKING_OPTIONS = ['AutoAcceptRequests', 'AutoDeclineRecurringRequests', 'AutoDeclineConflictingRequests'] as const;

export interface ResourceSettings {
  readonly registration: RegistrationSettings;
  readonly type: string;
  readonly description?: string;
  readonly bookingOptions: BookingOptions;
  readonly delegates: readonly string[];
}

export interface ActualResource extends ActualEntity {
  readonly type?: string;
  readonly description?: string;
  readonly bookingOptions: BookingOptions;
}

/** The UpdateResource members that must change. */
export interface ResourceChanges {
  Name?: string;
  Type?: string;
  Description?: string;
  HiddenFromGlobalAddressList?: boolean;
  BookingOptions?: BookingOptions;
}

export function parseResourceSettings(properties: ResourceResourceProperties): ResourceSettings {
  const options = properties.BookingOptions ?? {};
  return {
    registration: parseRegistration(properties, true),
    type: properties.Type,
    description: properties.Description || undefined,
    bookingOptions: Object.fromEntries(BOOKING_OPTIONS
      .filter((name) => options[name] !== undefined)
      .map((name) => [name, parseBoolean(`BookingOptions.${name}`, options[name], false)])),
    delegates: properties.Delegates ?? [],
  };
}

/**
 * What differs from WorkMail, compared with the actual resource so that rollbacks restore it.
 * Unlike users and groups, a resource can be renamed in place. A description the previous
 * properties set and the new ones do not is cleared; booking options the properties do not
 * set are left as they are. The whole booking options structure is sent when one changes, as
 * UpdateResource expects the dataset DescribeResource would then show.
 */
export function planResourceUpdate(
  previous: ResourceSettings | undefined,
  next: ResourceSettings,
  actual: ActualResource,
): ResourceChanges | undefined {
  const changes: ResourceChanges = {};
  if (next.registration.name !== actual.name) {
    changes.Name = next.registration.name;
  }
  if (next.type !== actual.type) {
    changes.Type = next.type;
  }
  const description = next.description ?? (previous?.description !== undefined ? '' : undefined);
  if (description !== undefined && description !== (actual.description ?? '')) {
    changes.Description = description;
  }
  const hidden = next.registration.hiddenFromGlobalAddressList;
  if (hidden !== undefined && hidden !== (actual.hiddenFromGlobalAddressList ?? false)) {
    changes.HiddenFromGlobalAddressList = hidden;
  }
  if (BOOKING_OPTIONS.some((name) => next.bookingOptions[name] !== undefined && next.bookingOptions[name] !== actual.bookingOptions[name])) {
    changes.BookingOptions = { ...actual.bookingOptions, ...next.bookingOptions };
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** Whether `actual` is what CreateResource made from these settings, untouched since (see madeByCreateUser). */
export function madeByCreateResource(settings: ResourceSettings, actual: ActualResource): boolean {
  return actual.type === settings.type && (actual.description ?? '') === (settings.description ?? '');
}

/**
 * The registration of an adopted resource whose properties do not name `Enabled`: it keeps the
 * state WorkMail reports. Enabled, it gets the properties' address and aliases; disabled, it
 * stays disabled (registering it would enable it).
 */
export function keepState(registration: RegistrationSettings, state: EntityState): RegistrationSettings {
  return { ...registration, enabled: registration.enabled && state === 'ENABLED' };
}
