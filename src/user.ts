import { IResource, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { USER_ID, validateString } from './private/validation';

/** A WorkMail user. */
export interface IUser extends IResource {
  /**
   * The user id, as WorkMail reports it (e.g. `12345678-1234-1234-1234-123456789012`).
   * @attribute
   */
  readonly userId: string;
}

/** A WorkMail user. */
export class User {
  /** Imports an existing user by id (the id shown in the WorkMail console, not the email address). */
  public static fromUserId(scope: Construct, id: string, userId: string): IUser {
    class Import extends Resource implements IUser {
      public readonly userId = userId;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'userId', userId, USER_ID);
    return imported;
  }

  private constructor() {}
}
