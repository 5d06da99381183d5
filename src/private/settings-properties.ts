/**
 * The properties of the organization settings resources, as the constructs write them and the
 * handlers read them. CloudFormation delivers every scalar as a string.
 */
import { AdoptableResourceProperties } from './ownership-properties';

/** `Custom::WorkMailRetentionPolicy` */
export interface RetentionPolicyResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  readonly PolicyName: string;
  readonly Description?: string;
  readonly Folders: ReadonlyArray<{
    /** INBOX, DELETED_ITEMS, SENT_ITEMS, DRAFTS or JUNK_EMAIL */
    readonly Name: string;
    /** NONE, DELETE or PERMANENTLY_DELETE */
    readonly Action: string;
    /** Days, 1-730. */
    readonly Period?: string;
  }>;
}

/** `Custom::WorkMailInboundDmarcSettings` */
export interface InboundDmarcResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  readonly Enforced: string;
}
