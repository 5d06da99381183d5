import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';
import { invalid } from './validation';

/**
 * Checks that `secret` is a Secrets Manager secret, told from a string (a password that would be
 * written into the template) by its shape: `new Secret` and every `Secret.fromSecret*` import
 * have an ARN and can grant reading (`Secret.isSecret` knows only `new Secret`). Then lets
 * `grantee` read it: `GetSecretValue` (on `<partial ARN>-??????` for a secret imported by name or
 * partial ARN) and, for a secret under a customer managed key, `kms:Decrypt` through Secrets
 * Manager, which an imported key cannot grant in its key policy.
 */
export function grantSecretRead(scope: IConstruct, property: string, secret: secretsmanager.ISecret, grantee: iam.IGrantable): void {
  const shape = secret as unknown as { secretArn?: unknown; grantRead?: unknown } | undefined;
  if (typeof shape !== 'object' || shape === null || typeof shape.secretArn !== 'string' || typeof shape.grantRead !== 'function') {
    throw invalid(scope, property, '(not shown)',
      'pass a Secrets Manager secret (a Secret, or one imported with Secret.fromSecretNameV2, fromSecretCompleteArn, fromSecretPartialArn or fromSecretAttributes), '
      + 'never the password itself: a plain string would be written into the template');
  }
  secret.grantRead(grantee);
  if (secret.encryptionKey) {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:Decrypt'],
      resourceArns: [secret.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(scope).region}.amazonaws.com` } },
    });
  }
}
