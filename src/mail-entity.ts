import { IResource } from 'aws-cdk-lib';

/**
 * A user, group or resource of a WorkMail organization: what group membership and mailbox
 * permissions refer to.
 */
export interface IMailEntity extends IResource {
  /**
   * The WorkMail id of the user, group or resource.
   * @attribute
   */
  readonly entityId: string;
}

/** The permissions a user or group can hold on a user's or resource's mailbox. */
export enum MailboxPermissionType {
  /** Read, change and delete everything in the mailbox. */
  FULL_ACCESS = 'FULL_ACCESS',
  /** Send mail as the mailbox's owner: recipients see the owner as the sender. */
  SEND_AS = 'SEND_AS',
  /** Send mail on the owner's behalf: recipients see "<grantee> on behalf of <owner>". */
  SEND_ON_BEHALF = 'SEND_ON_BEHALF',
}
