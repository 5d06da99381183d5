/**
 * IAM Identity Center integration, personal access tokens, DescribeEntity and the availability
 * test. Identity Center instances, personal access tokens (users make them in the web
 * application; the API only reads and deletes them) and reachable availability providers have no
 * WorkMail API to create them: tests seed them through `WorkMailEmulator.identity()`.
 */
import { randomBytes } from 'crypto';
import { epochSeconds, operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { EmulatorContext, EmulatorState, Organization } from '../state';
import { requireActiveOrganization, requireUser } from './lookup';

export interface IdentityProviderConfiguration {
  readonly AuthenticationMode: 'IDENTITY_PROVIDER_ONLY' | 'IDENTITY_PROVIDER_AND_DIRECTORY';
  readonly IdentityCenterConfiguration: { readonly InstanceArn: string; readonly ApplicationArn: string };
  readonly PersonalAccessTokenConfiguration: { Status: 'ACTIVE' | 'INACTIVE'; readonly LifetimeInDays?: number };
}

export interface PersonalAccessToken {
  readonly PersonalAccessTokenId: string;
  readonly UserId: string;
  readonly Name: string;
  readonly DateCreated: Date;
  readonly DateLastUsed?: Date;
  readonly ExpiresTime?: Date;
  readonly Scopes: string[];
}

/** What the account holds outside WorkMail's organizations. */
export interface IdentityState {
  /** Identity Center instance ARNs of the account (in the emulator's region). */
  readonly instances: Set<string>;
  /** WorkMail applications in Identity Center: ARN to the instance it belongs to. */
  readonly applications: Map<string, string>;
  /** CreateIdentityCenterApplication ClientToken to the ARN it created. */
  readonly applicationTokens: Map<string, string>;
  /** EWS endpoints and Lambda ARNs that answer an availability test; others fail it. */
  readonly reachableProviders: Set<string>;
}

const IDENTITY = new WeakMap<EmulatorState, IdentityState>();

export function identityStateOf(state: EmulatorState): IdentityState {
  let identity = IDENTITY.get(state);
  if (identity === undefined) {
    identity = { instances: new Set(), applications: new Map(), applicationTokens: new Map(), reachableProviders: new Set() };
    IDENTITY.set(state, identity);
  }
  return identity;
}

interface OrganizationIdentity {
  configuration?: IdentityProviderConfiguration;
  /** By id, in creation order. */
  readonly tokens: Map<string, PersonalAccessToken>;
}

const ORGANIZATIONS = new WeakMap<Organization, OrganizationIdentity>();

/** An organization's identity provider configuration and personal access tokens: tests may read and change them. */
export function organizationIdentity(organization: Organization): OrganizationIdentity {
  let identity = ORGANIZATIONS.get(organization);
  if (identity === undefined) {
    identity = { tokens: new Map() };
    ORGANIZATIONS.set(organization, identity);
  }
  return identity;
}

/** A token as a user would create it in the web application; returns its id. */
export function seedPersonalAccessToken(organization: Organization, userId: string, name: string, options: {
  readonly expires?: Date; readonly lastUsed?: Date; readonly scopes?: string[];
} = {}): string {
  const id = randomBytes(16).toString('hex');
  organizationIdentity(organization).tokens.set(id, {
    PersonalAccessTokenId: id,
    UserId: userId,
    Name: name,
    DateCreated: new Date(),
    DateLastUsed: options.lastUsed,
    ExpiresTime: options.expires,
    Scopes: options.scopes ?? ['IMAP', 'EWS', 'ActiveSync'],
  });
  return id;
}

/** The application ARN WorkMail gives, in the instance's namespace. */
function applicationArn(ctx: EmulatorContext, instanceArn: string): string {
  const instanceId = instanceArn.split('/').pop();
  return `arn:aws:sso::${ctx.accountId}:application/${instanceId}/apl-${randomBytes(8).toString('hex')}`;
}

function tokenOutput(token: PersonalAccessToken): Record<string, unknown> {
  return {
    ...token,
    DateCreated: epochSeconds(token.DateCreated),
    DateLastUsed: epochSeconds(token.DateLastUsed),
    ExpiresTime: epochSeconds(token.ExpiresTime),
  };
}

interface OrganizationInput {
  readonly OrganizationId: string;
}

interface AvailabilityTestInput extends OrganizationInput {
  readonly DomainName?: string;
  readonly EwsProvider?: { readonly EwsEndpoint: string; readonly EwsUsername: string; readonly EwsPassword: string };
  readonly LambdaProvider?: { readonly LambdaArn: string };
}

export const identityOperations: OperationTable = {
  CreateIdentityCenterApplication: operation<{ Name: string; InstanceArn: string; ClientToken?: string }>((input, ctx) => {
    const identity = identityStateOf(ctx.state);
    const known = input.ClientToken === undefined ? undefined : identity.applicationTokens.get(input.ClientToken);
    if (known !== undefined) {
      return { ApplicationArn: known };
    }
    // "Must be in the same AWS account and region as WorkMail organization."
    if (!identity.instances.has(input.InstanceArn)) {
      throw new ServiceError('InvalidParameterException', `No IAM Identity Center instance ${input.InstanceArn} in this account and region.`);
    }
    const arn = applicationArn(ctx, input.InstanceArn);
    identity.applications.set(arn, input.InstanceArn);
    if (input.ClientToken !== undefined) {
      identity.applicationTokens.set(input.ClientToken, arn);
    }
    return { ApplicationArn: arn };
  }),

  DeleteIdentityCenterApplication: operation<{ ApplicationArn: string }>((input, ctx) => {
    // "This action does not affect authentication settings for any organization."
    identityStateOf(ctx.state).applications.delete(input.ApplicationArn);
    return {};
  }),

  PutIdentityProviderConfiguration: operation<OrganizationInput & IdentityProviderConfiguration>(({ OrganizationId, ...configuration }, ctx) => {
    const organization = requireActiveOrganization(ctx, OrganizationId);
    const { InstanceArn, ApplicationArn } = configuration.IdentityCenterConfiguration;
    const instance = identityStateOf(ctx.state).applications.get(ApplicationArn);
    if (instance === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Identity Center application ${ApplicationArn} does not exist.`);
    }
    if (instance !== InstanceArn) {
      throw new ServiceError('InvalidParameterException', `Application ${ApplicationArn} does not belong to instance ${InstanceArn}.`);
    }
    organizationIdentity(organization).configuration = {
      AuthenticationMode: configuration.AuthenticationMode,
      IdentityCenterConfiguration: { InstanceArn, ApplicationArn },
      PersonalAccessTokenConfiguration: { ...configuration.PersonalAccessTokenConfiguration },
    };
    return {};
  }),

  DescribeIdentityProviderConfiguration: operation<OrganizationInput>((input, ctx) => {
    const configuration = organizationIdentity(requireActiveOrganization(ctx, input.OrganizationId)).configuration;
    if (configuration === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Organization ${input.OrganizationId} has no identity provider configuration.`);
    }
    return { ...configuration };
  }),

  DeleteIdentityProviderConfiguration: operation<OrganizationInput>((input, ctx) => {
    organizationIdentity(requireActiveOrganization(ctx, input.OrganizationId)).configuration = undefined;
    return {};
  }),

  ListPersonalAccessTokens: operation<OrganizationInput & PageRequest & { UserId?: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const userId = input.UserId === undefined ? undefined : requireUser(organization, input.UserId).id;
    const tokens = [...organizationIdentity(organization).tokens.values()].filter((token) => userId === undefined || token.UserId === userId);
    const page = paginate(tokens, input);
    return { PersonalAccessTokenSummaries: page.items.map(tokenOutput), NextToken: page.nextToken };
  }),

  GetPersonalAccessTokenMetadata: operation<OrganizationInput & { PersonalAccessTokenId: string }>((input, ctx) => {
    const token = organizationIdentity(requireActiveOrganization(ctx, input.OrganizationId)).tokens.get(input.PersonalAccessTokenId);
    if (token === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Personal access token ${input.PersonalAccessTokenId} does not exist.`);
    }
    return tokenOutput(token);
  }),

  DeletePersonalAccessToken: operation<OrganizationInput & { PersonalAccessTokenId: string }>((input, ctx) => {
    // The model lists no not-found error: deleting a token that is gone succeeds.
    organizationIdentity(requireActiveOrganization(ctx, input.OrganizationId)).tokens.delete(input.PersonalAccessTokenId);
    return {};
  }),

  DescribeEntity: operation<OrganizationInput & { Email: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const entity = organization.entities.get(organization.addresses.get(input.Email.toLowerCase()) ?? '');
    if (entity === undefined || entity.state === 'DELETED') {
      throw new ServiceError('EntityNotFoundException', `No user, group or resource has the address ${input.Email}.`);
    }
    return { EntityId: entity.id, Name: entity.name, Type: entity.kind };
  }),

  TestAvailabilityConfiguration: operation<AvailabilityTestInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const given = [input.DomainName, input.EwsProvider, input.LambdaProvider].filter((value) => value !== undefined);
    if (given.length !== 1) {
      throw new ServiceError('InvalidParameterException', 'Give exactly one of DomainName, EwsProvider and LambdaProvider.');
    }
    let provider = input.EwsProvider?.EwsEndpoint ?? input.LambdaProvider?.LambdaArn;
    if (input.DomainName !== undefined) {
      const configuration = organization.availabilityConfigurations.get(input.DomainName.toLowerCase());
      if (configuration === undefined) {
        throw new ServiceError('ResourceNotFoundException', `No availability configuration for ${input.DomainName}.`);
      }
      provider = configuration.ews?.endpoint ?? configuration.lambdaArn;
    }
    return identityStateOf(ctx.state).reachableProviders.has(provider!)
      ? { TestPassed: true }
      : { TestPassed: false, FailureReason: `The availability provider ${provider} did not answer.` };
  }),
};
