import { Aws, Duration, Fn, IResource, Names, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IOrganization } from './organization';
import { ResourceType } from './private/constants';
import {
  APPLICATION_ARN_PATTERN,
  APPLICATION_NAME_PATTERN,
  AUTHENTICATION_MODES,
  IdentityProviderResourceProperties,
  INSTANCE_ARN_PATTERN,
  MAX_TOKEN_LIFETIME_DAYS,
  MIN_TOKEN_LIFETIME_DAYS,
} from './private/identity-center-properties';
import { importByKey } from './private/imports';
import { invalid, StringRule, validateString } from './private/validation';
import { ACCOUNT_WORKMAIL_ACTIONS } from './private/workmail-actions';
import { WorkMailProvider } from './provider/workmail-provider';

/** Who may sign in to the organization's mailboxes once IAM Identity Center is connected. */
export enum IdentityCenterAuthenticationMode {
  /**
   * "IAM Identity Center only (recommended for production)": WorkMail directory passwords no
   * longer work, in the web application or in any email client; clients use personal access tokens.
   */
  IDENTITY_PROVIDER_ONLY = 'IDENTITY_PROVIDER_ONLY',
  /**
   * "Amazon WorkMail Directory and IAM Identity Center (recommended for testing)": both
   * credentials work. The console's default.
   */
  IDENTITY_PROVIDER_AND_DIRECTORY = 'IDENTITY_PROVIDER_AND_DIRECTORY',
}

/**
 * An organization's connection to IAM Identity Center: the WorkMail application in Identity
 * Center that its users sign in through.
 */
export interface IIdentityCenter extends IResource {
  /**
   * The WorkMail application in IAM Identity Center that the organization uses. Users and groups
   * assigned to it (`AWS::SSO::ApplicationAssignment`) may sign in to WorkMail.
   * @attribute
   */
  readonly applicationArn: string;
}

/** Properties of an {@link IdentityCenter}. */
export interface IdentityCenterProps {
  /** The organization whose users sign in through IAM Identity Center. It has one such configuration. */
  readonly organization: IOrganization;

  /**
   * The IAM Identity Center instance, `arn:aws:sso:::instance/ssoins-<16 characters>`. It must be
   * in the organization's account and region.
   */
  readonly instanceArn: string;

  /**
   * The WorkMail application in IAM Identity Center that the organization uses (one the
   * console's Enable or CreateIdentityCenterApplication made).
   *
   * @default - the handler creates one in `instanceArn` (CreateIdentityCenterApplication) and
   * deletes it when the construct leaves the stack, unless the organization still uses it
   */
  readonly applicationArn?: string;

  /**
   * The name of the application the handler creates: 1-255 letters, digits and `_+=,.@-`.
   * Only without `applicationArn`.
   *
   * @default - `WorkMail-<organization alias>`, or `WorkMail-<organization id>` for an organization imported without its alias
   */
  readonly applicationName?: string;

  /**
   * How users sign in: through IAM Identity Center only, or through IAM Identity Center and the
   * WorkMail directory.
   *
   * @default IdentityCenterAuthenticationMode.IDENTITY_PROVIDER_AND_DIRECTORY - the console's default
   */
  readonly authenticationMode?: IdentityCenterAuthenticationMode;

  /**
   * Whether users may create personal access tokens, which email clients use instead of a
   * password once IAM Identity Center signs users in.
   *
   * @default true - as the console enables them
   */
  readonly personalAccessTokens?: boolean;

  /**
   * How long a new personal access token stays valid: whole days, 1 to 3653.
   *
   * @default Duration.days(365) - the console's default
   */
  readonly personalAccessTokenLifetime?: Duration;

  /**
   * Take over an identity provider configuration the organization already has (made in the
   * console, say): removing the construct then restores it exactly. Without it, a deployment
   * that finds such a configuration fails and leaves it as it is.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/**
 * Connects a WorkMail organization to an IAM Identity Center instance
 * (`Custom::WorkMailIdentityProvider`, PutIdentityProviderConfiguration): the console's
 * Identity Center page, its authentication mode and its personal access token settings.
 *
 * Removing the construct gives back what the organization had before (no configuration, or the
 * adopted one), as long as nobody changed the configuration since. Assigning Identity Center
 * users and groups to the application is native CloudFormation (`AWS::SSO::ApplicationAssignment`
 * with {@link IdentityCenter.applicationArn}).
 */
export class IdentityCenter extends Resource implements IIdentityCenter {
  /**
   * Refers to a connection made outside the stack (the console's **Enable**), by its WorkMail
   * application, for example to assign Identity Center users and groups to it. It changes nothing
   * in the organization.
   */
  public static fromApplicationArn(scope: Construct, id: string, applicationArn: string): IIdentityCenter {
    return importByKey(scope, id, 'applicationArn', applicationArn, APPLICATION_ARN_RULE);
  }

  /** The WorkMail application in IAM Identity Center that the organization uses. */
  public readonly applicationArn: string;

  /** The organization connected to IAM Identity Center. */
  public readonly organization: IOrganization;

  constructor(scope: Construct, id: string, props: IdentityCenterProps) {
    super(scope, id);
    const organization = props.organization;
    this.organization = organization;
    claimOrganization(this, organization);
    validateString(this, 'instanceArn', props.instanceArn, {
      pattern: INSTANCE_ARN_PATTERN,
      rule: 'an IAM Identity Center instance ARN, arn:aws:sso:::instance/ssoins-<16 letters, digits, - or .> (the IAM Identity Center console\'s Settings page shows it)',
    });
    validateString(this, 'applicationArn', props.applicationArn, APPLICATION_ARN_RULE);
    if (props.applicationArn !== undefined && props.applicationName !== undefined) {
      throw invalid(this, 'applicationName', props.applicationName,
        'it names the application the handler creates, and applicationArn names an existing one: pass only one of them');
    }
    const applicationName = props.applicationArn === undefined ? props.applicationName ?? `WorkMail-${aliasOrId(organization)}` : undefined;
    validateString(this, 'applicationName', applicationName, { pattern: APPLICATION_NAME_PATTERN, rule: '1-255 letters, digits and _+=,.@-' });
    const mode = props.authenticationMode ?? IdentityCenterAuthenticationMode.IDENTITY_PROVIDER_AND_DIRECTORY;
    if (!AUTHENTICATION_MODES.includes(mode)) {
      throw invalid(this, 'authenticationMode', mode, `it must be one of ${AUTHENTICATION_MODES.join(', ')} (IdentityCenterAuthenticationMode)`);
    }

    const properties: IdentityProviderResourceProperties = {
      OrganizationId: organization.organizationId,
      InstanceArn: props.instanceArn,
      ApplicationArn: props.applicationArn,
      ApplicationName: applicationName,
      AuthenticationMode: mode,
      PersonalAccessTokenStatus: props.personalAccessTokens ?? true ? 'ACTIVE' : 'INACTIVE',
      PersonalAccessTokenLifetimeInDays: String(this.lifetimeInDays(props.personalAccessTokenLifetime ?? Duration.days(365))),
      AdoptExisting: props.adoptExisting ? 'true' : undefined,
    };
    const provider = WorkMailProvider.of(this);
    const resource = provider.createResource(this, {
      resourceType: ResourceType.IDENTITY_PROVIDER,
      organization,
      properties,
    });
    if (props.applicationArn === undefined) {
      // A policy of this construct's own: CloudFormation deletes it after the resource, whose
      // Delete still needs it to delete the application it created.
      const policy = new iam.Policy(this, 'ApplicationPolicy', { statements: applicationStatements(props.instanceArn) });
      const role = provider.grantPrincipal;
      if (role instanceof iam.Role) {
        policy.attachToRole(role);
      }
      resource.node.addDependency(policy);
    }
    this.applicationArn = props.applicationArn ?? resource.getAttString('ApplicationArn');
  }

  private lifetimeInDays(lifetime: Duration): number | string {
    const text = lifetime.toString();
    if (Token.isUnresolved(text)) {
      return text;
    }
    const days = lifetime.toDays({ integral: false });
    if (!Number.isInteger(days) || days < MIN_TOKEN_LIFETIME_DAYS || days > MAX_TOKEN_LIFETIME_DAYS) {
      throw invalid(this, 'personalAccessTokenLifetime', lifetime.toHumanString(),
        `it must be whole days from ${MIN_TOKEN_LIFETIME_DAYS} to ${MAX_TOKEN_LIFETIME_DAYS} (about ten years), for example Duration.days(90)`);
    }
    return days;
  }
}

/** WorkMail keeps one identity provider configuration per organization: two constructs would overwrite each other. */
const CLAIMS = new WeakMap<Stack, Map<string, IdentityCenter>>();

function claimOrganization(scope: IdentityCenter, organization: IOrganization): void {
  const stack = Stack.of(scope);
  const claims = CLAIMS.get(stack) ?? new Map<string, IdentityCenter>();
  CLAIMS.set(stack, claims);
  const key = Token.isUnresolved(organization.organizationId) ? Names.nodeUniqueId(organization.node) : organization.organizationId;
  const existing = claims.get(key);
  if (existing !== undefined) {
    throw invalid(scope, 'organization', organization.organizationId,
      `${existing.node.path} already connects it to IAM Identity Center, and WorkMail keeps one configuration per organization: keep one IdentityCenter per organization`);
  }
  claims.set(key, scope);
}

const APPLICATION_ARN_RULE: StringRule = {
  pattern: APPLICATION_ARN_PATTERN,
  rule: 'a WorkMail application ARN of IAM Identity Center, arn:aws:sso::<account>:application/ssoins-<16 characters>/apl-<16 letters or digits>',
};

function aliasOrId(organization: IOrganization): string {
  try {
    return organization.alias;
  } catch {
    return organization.organizationId;
  }
}

/**
 * CreateIdentityCenterApplication and DeleteIdentityCenterApplication name no organization, so
 * they are granted on `*`. WorkMail makes the application in Identity Center with the caller's
 * permissions. Neither the Administrator Guide, nor the API reference, nor the
 * AmazonWorkMailFullAccess policy names the `sso:` actions this takes, so the set is the smallest
 * the call needs, as AWS documents it for other services that create an Identity Center
 * application for their caller (S3 Access Grants, Lake Formation): `CreateApplication`, its
 * sign-in (`PutApplicationAuthenticationMethod`, `PutApplicationGrant`), assignment required
 * (`PutApplicationAssignmentConfiguration`: the guide says users without an assignment cannot sign
 * in), and `DeleteApplication` for the removal; on the instance, its applications and the AWS
 * application providers only.
 */
function applicationStatements(instanceArn: string): iam.PolicyStatement[] {
  const instanceId = Fn.select(1, Fn.split('/', instanceArn));
  return [
    new iam.PolicyStatement({ actions: [...ACCOUNT_WORKMAIL_ACTIONS[ResourceType.IDENTITY_PROVIDER]], resources: ['*'] }),
    new iam.PolicyStatement({
      actions: [
        'sso:CreateApplication', 'sso:DeleteApplication', 'sso:PutApplicationAuthenticationMethod', 'sso:PutApplicationGrant',
        'sso:PutApplicationAssignmentConfiguration',
      ],
      resources: [
        instanceArn,
        `arn:${Aws.PARTITION}:sso::${Aws.ACCOUNT_ID}:application/${instanceId}/*`,
        `arn:${Aws.PARTITION}:sso::aws:applicationProvider/*`,
      ],
    }),
  ];
}
