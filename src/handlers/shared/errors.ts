/**
 * Turning failures into messages a person can act on. CloudFormation shows the message of the
 * error a handler throws as the resource's status reason, so it must say what went wrong and
 * what to do, in one sentence or two.
 */

/** An error whose message is already written for the person deploying. */
export class DeploymentError extends Error {
  public readonly name = 'DeploymentError';
}

/** What to do about each service error, where the error name alone says enough. */
const ADVICE: Record<string, string> = {
  AccessDeniedException:
    'the handler role lacks this permission: if a permissions boundary or SCP applies to the stack, allow it there',
  ThrottlingException:
    'WorkMail kept throttling after every retry: deploy again, and avoid other bulk changes to this organization meanwhile',
  OrganizationNotFoundException:
    'no organization with this id exists in this account and region: it was deleted, or the id is wrong',
  OrganizationStateException:
    'the organization is not Active (it may still be creating, impaired or deleting): check its state in the WorkMail console and deploy again when it is Active',
  LimitExceededException:
    'a WorkMail quota was reached (for example 100 organizations per account): remove what is unused or ask AWS Support for a higher quota',
  InvalidParameterException: 'WorkMail rejected a value: correct the property the message names',
  DirectoryInUseException:
    'the directory already belongs to another WorkMail organization in this account and region: choose another directory',
  DirectoryUnavailableException:
    'the directory cannot be reached: it was deleted or lives in another region; use a directory in the stack\'s region',
  NameAvailabilityException: 'the name is already taken: choose another',
  EntityNotFoundException:
    'the user, group or resource it names does not exist in the organization (deleted outside CloudFormation, or the id is wrong)',
  EntityStateException: 'the user, group or resource is in the wrong state for this call (deleted, or not enabled)',
  ReservedNameException: 'WorkMail reserves this name: choose another',
  UnsupportedOperationException:
    'the organization\'s directory is read-only here (for example an AD Connector directory): manage this in the directory itself',
  MailDomainInUseException:
    'the domain is registered in another WorkMail organization of this account, or addresses still use it: '
    + 'deregister it there (or remove the addresses) first',
  MailDomainStateException: 'the domain is not verified yet: publish its DNS records and wait until WorkMail shows them verified',
  MailDomainNotFoundException: 'the domain is not registered in this organization',
  TooManyTagsException: 'an organization carries at most 50 tags, one of them used by cdk-workmail: remove some tags',
};

/**
 * A service error (from the SDK) with the operation that raised it, recorded by the clients'
 * middleware; anything else passes through unchanged.
 */
export function explain(error: unknown): Error {
  if (error instanceof DeploymentError || !(error instanceof Error)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const operation = (error as { operation?: string }).operation;
  if (operation === undefined) {
    return error;
  }
  const advice = ADVICE[error.name];
  return new DeploymentError(
    `${operation} failed with ${error.name}: ${error.message}${advice ? ` (${advice})` : ''}`,
  );
}

/** True when `error` is the service error called `name`. */
export function isServiceError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/** Runs a Delete-time call; "already gone" (the entity, or the whole organization) counts as done. */
export async function deleting(call: () => Promise<unknown>, ...goneErrors: string[]): Promise<void> {
  try {
    await call();
  } catch (error) {
    if ([...goneErrors, 'OrganizationNotFoundException'].some((name) => isServiceError(error, name))) {
      return;
    }
    throw error;
  }
}
