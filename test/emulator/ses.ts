/**
 * SES (v1) identity settings WorkMail's domains use: the custom MAIL FROM domain. Identities are
 * created by WorkMail's RegisterMailDomain (see `workmail/mail-domains.ts`).
 */
import { operation, OperationTable, ServiceError } from './operation';
import type { SesIdentity } from './state';

interface SetIdentityMailFromDomainInput {
  readonly Identity: string;
  readonly MailFromDomain?: string;
  readonly BehaviorOnMXFailure?: SesIdentity['behaviorOnMxFailure'];
}

interface GetIdentityMailFromDomainAttributesInput {
  readonly Identities: readonly string[];
}

export const sesOperations: OperationTable = {
  SetIdentityMailFromDomain: operation<SetIdentityMailFromDomainInput>((input, ctx) => {
    const name = input.Identity.toLowerCase();
    const identity = ctx.state.sesIdentities.get(name);
    if (identity === undefined) {
      throw new ServiceError('InvalidParameterValue', `Identity ${input.Identity} does not exist.`);
    }
    const mailFrom = input.MailFromDomain?.toLowerCase() || undefined;
    // "The MAIL FROM domain must be a subdomain of the verified identity."
    if (mailFrom !== undefined && !mailFrom.endsWith(`.${name}`)) {
      throw new ServiceError('InvalidParameterValue', `MAIL FROM domain ${mailFrom} is not a subdomain of ${name}.`);
    }
    identity.mailFromDomain = mailFrom;
    identity.behaviorOnMxFailure = input.BehaviorOnMXFailure ?? 'UseDefaultValue';
    return {};
  }),

  GetIdentityMailFromDomainAttributes: operation<GetIdentityMailFromDomainAttributesInput>((input, ctx) => {
    // Identities without a custom MAIL FROM domain are left out, as are unknown ones.
    const attributes = new Map<string, object>();
    for (const name of input.Identities) {
      const identity = ctx.state.sesIdentities.get(name.toLowerCase());
      if (identity?.mailFromDomain !== undefined) {
        attributes.set(name, {
          MailFromDomain: identity.mailFromDomain,
          MailFromDomainStatus: 'Pending',
          BehaviorOnMXFailure: identity.behaviorOnMxFailure,
        });
      }
    }
    return { MailFromDomainAttributes: attributes };
  }),
};
