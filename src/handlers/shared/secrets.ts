/**
 * Reads passwords from AWS Secrets Manager. The value only ever lives in this process's memory
 * on its way to WorkMail: it is never logged (the client logs operation names only), never
 * returned in `Data`, never put in an error message.
 *
 * The client comes from the Lambda runtime's AWS SDK v3, like every `@aws-sdk/*` module of
 * the bundled handlers (they are external to the bundle). `@aws-sdk/client-secrets-manager` is
 * not a dependency of this project yet, so it is required by name with the small part of its
 * API used here typed below; once it is a dev dependency this becomes an ordinary import.
 */
import { DeploymentError } from './errors';
import { logOperation } from './log';

interface GetSecretValueInput {
  readonly SecretId: string;
  readonly VersionId?: string;
}

interface SecretsManagerModule {
  SecretsManagerClient: new (config: { maxAttempts: number; retryMode: 'adaptive' }) => {
    send(command: unknown): Promise<{ SecretString?: string }>;
  };
  GetSecretValueCommand: new (input: GetSecretValueInput) => unknown;
}

let client: InstanceType<SecretsManagerModule['SecretsManagerClient']> | undefined;

function secretsManager(): SecretsManagerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- provided by the Lambda runtime, see above
  return require('@aws-sdk/client-secrets-manager') as SecretsManagerModule;
}

/** The SecretString of a secret (the given version, or the current one). */
export async function readSecretString(secretArn: string, versionId?: string): Promise<string> {
  const module = secretsManager();
  client ??= new module.SecretsManagerClient({ maxAttempts: 10, retryMode: 'adaptive' });
  let secret: { SecretString?: string };
  try {
    secret = await client.send(new module.GetSecretValueCommand({ SecretId: secretArn, VersionId: versionId }));
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
