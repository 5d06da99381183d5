import { IResource, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { IOrganization } from './interfaces';
import { OrganizationContext } from './organization-context';
import { ResourceType } from './private/constants';
import { AvailabilityConfigurationResourceProperties } from './private/entity-properties';
import { regionalServicePrincipal } from './private/environment';
import { importByKey } from './private/imports';
import { adoption } from './private/ownership';
import { grantSecretRead } from './private/secrets';
import { AVAILABILITY_DOMAIN, EWS_ENDPOINT, EWS_USERNAME, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** EWS credentials of an Exchange server that answers free/busy requests. */
export interface EwsAvailabilityProviderOptions {
  /** The EWS URL, for example `https://mail.example.com/EWS/Exchange.asmx`. */
  readonly endpoint: string;
  /** The user WorkMail signs in as (basic authentication). */
  readonly username: string;
  /**
   * The user's password, as a Secrets Manager secret whose string value is the password: a
   * `Secret` of the app or an imported one (`Secret.fromSecretNameV2`, `fromSecretCompleteArn`,
   * `fromSecretPartialArn`, `fromSecretAttributes`). The template carries only its ARN; the
   * handler reads it and hands it to WorkMail.
   */
  readonly password: secretsmanager.ISecret;
  /**
   * The version of the secret to read; change it to send a rotated password.
   * @default - the current version when the configuration is created or changed
   */
  readonly passwordVersionId?: string;
}

/** Where WorkMail gets free/busy information of an external domain. */
export abstract class AvailabilityProvider {
  /** A Microsoft Exchange server, through EWS. */
  public static ews(options: EwsAvailabilityProviderOptions): AvailabilityProvider {
    return new EwsProvider(options);
  }

  /**
   * A Lambda custom availability provider. The function's resource policy lets
   * `availability.workmail.<region>.amazonaws.com` invoke it for this organization only
   * (`SourceArn` is the organization ARN, `SourceAccount` its account).
   */
  public static lambdaFunction(handler: lambda.IFunction): AvailabilityProvider {
    return new LambdaProvider(handler);
  }

  /** @internal */
  public abstract _bind(
    scope: Construct,
    organization: IOrganization,
    provider: WorkMailProvider,
  ): Partial<AvailabilityConfigurationResourceProperties>;
}

class EwsProvider extends AvailabilityProvider {
  constructor(private readonly options: EwsAvailabilityProviderOptions) {
    super();
  }

  public _bind(scope: Construct, _organization: IOrganization, provider: WorkMailProvider) {
    validateString(scope, 'endpoint', this.options.endpoint, EWS_ENDPOINT);
    validateString(scope, 'username', this.options.username, EWS_USERNAME);
    grantSecretRead(scope, 'password', this.options.password, provider);
    return {
      EwsEndpoint: this.options.endpoint,
      EwsUsername: this.options.username,
      EwsPasswordSecretArn: this.options.password.secretArn,
      EwsPasswordSecretVersionId: this.options.passwordVersionId,
    };
  }
}

class LambdaProvider extends AvailabilityProvider {
  constructor(private readonly handler: lambda.IFunction) {
    super();
  }

  public _bind(scope: Construct, organization: IOrganization) {
    const stack = Stack.of(scope);
    this.handler.addPermission(`WorkMailAvailability${scope.node.addr}`, {
      principal: regionalServicePrincipal(scope, 'availability.workmail'),
      action: 'lambda:InvokeFunction',
      sourceArn: organization.organizationArn,
      sourceAccount: stack.account,
    });
    return { LambdaArn: this.handler.functionArn };
  }
}

/** An availability configuration of a WorkMail organization, created by this stack or imported. */
export interface IAvailabilityConfiguration extends IResource {
  /**
   * The external domain whose free/busy information the configuration provides.
   * @attribute
   */
  readonly domainName: string;
}

/** Properties of an {@link AvailabilityConfiguration}. */
export interface AvailabilityConfigurationProps {
  /** The organization whose users look up free/busy information. */
  readonly organization: IOrganization;
  /** The external domain (for example `example.com`) whose calendars the provider answers for. */
  readonly domainName: string;
  /** Where the free/busy information comes from. */
  readonly provider: AvailabilityProvider;

  /**
   * Take over the availability configuration the organization already has for `domainName`.
   * Without it, a deployment that finds one this stack did not make fails and says so. An
   * adopted configuration stays when the construct leaves the stack, unless `removalPolicy` is
   * DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * What happens to the configuration when the construct leaves the stack.
   *
   * @default - RemovalPolicy.DESTROY (it is deleted), or RETAIN with `adoptExisting`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An availability configuration (`Custom::WorkMailAvailabilityConfiguration`): WorkMail users
 * see free/busy times of people in another domain, from Exchange (EWS) or a Lambda custom
 * availability provider. One per organization and domain; the provider changes in place.
 */
export class AvailabilityConfiguration extends Resource implements IAvailabilityConfiguration {
  /**
   * References the availability configuration an organization has for `domainName` outside this
   * stack (as ListAvailabilityConfigurations shows it). The reference changes nothing.
   */
  public static fromDomainName(scope: Construct, id: string, domainName: string): IAvailabilityConfiguration {
    return importByKey(scope, id, 'domainName', domainName, AVAILABILITY_DOMAIN);
  }

  /**
   * The external domain whose free/busy information the configuration provides.
   * @attribute
   */
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: AvailabilityConfigurationProps) {
    super(scope, id);
    validateString(this, 'domainName', props.domainName, AVAILABILITY_DOMAIN);
    this.domainName = props.domainName;
    OrganizationContext.of(props.organization).claimSetting(this, 'availability configuration for domain', props.domainName,
      'WorkMail keeps one availability configuration per organization and domain: keep one AvailabilityConfiguration per domain');
    const ownership = adoption(this, props, RemovalPolicy.DESTROY);
    const provider = WorkMailProvider.of(this);
    const properties: AvailabilityConfigurationResourceProperties = {
      OrganizationId: props.organization.organizationId,
      DomainName: props.domainName,
      ...props.provider._bind(this, props.organization, provider),
      ...ownership.properties,
    };
    if (properties.LambdaArn !== undefined && !Token.isUnresolved(properties.LambdaArn)) {
      validateString(this, 'lambda function ARN', properties.LambdaArn, {
        pattern: /^arn:aws:lambda:[a-z]{2}-[a-z]+-\d:\d{12}:function:[a-zA-Z0-9\-_.]+(:(\$LATEST|[a-zA-Z0-9\-_]+))?$/,
        rule: 'the ARN of a Lambda function in the aws partition',
      });
    }
    provider.createResource(this, {
      resourceType: ResourceType.AVAILABILITY_CONFIGURATION,
      organization: props.organization,
      properties,
      removalPolicy: ownership.removalPolicy,
    });
  }
}
