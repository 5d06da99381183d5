/**
 * Reads passwords from AWS Secrets Manager. The value only ever lives in this process's memory
 * on its way to WorkMail: it is never logged (the client logs operation names only), never
 * returned in `Data`, never put in an error message.
 */
import type { GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { secretsManagerClient, secretsManagerSdk } from './clients';
import { DeploymentError } from './errors';
import { logOperation } from './log';

/** The SecretString of a secret (the given version, or the current one). */
export async function readSecretString(secretArn: string, versionId?: string): Promise<string> {
  const { GetSecretValueCommand } = secretsManagerSdk();
  let secret: GetSecretValueCommandOutput;
  try {
    secret = await secretsManagerClient().send(new GetSecretValueCommand({ SecretId: secretArn, VersionId: versionId }));
    logOperation('secretsmanager', 'GetSecretValue', 'ok');
  } catch (error) {
    const name = error instanceof Error ? error.name : 'error';
    logOperation('secretsmanager', 'GetSecretValue', name);
    throw new DeploymentError(
      `GetSecretValue failed with ${name} for password secret ${secretArn}${versionId ? ` (version ${versionId})` : ''}: `
      + 'check that the secret and version exist in this region and that its KMS key lets the cdk-workmail handler role decrypt.',
    );
  }
  if (secret.SecretString === undefined || secret.SecretString === '') {
    throw new DeploymentError(
      `Password secret ${secretArn} has no SecretString (binary secrets cannot hold a WorkMail password): store the password as the secret's string value.`,
    );
  }
  return secret.SecretString;
}
