/** Checks of the customer managed KMS keys WorkMail encrypts with. */
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { kmsClient, kmsSdk } from './clients';
import { DeploymentError, isServiceError } from './errors';

/** What a key is checked for, in the words of the refusal. */
export interface KeyUse {
  /** What the key would encrypt, e.g. `a WorkMail organization`. */
  readonly encrypts: string;
  /** The property that names the key. */
  readonly property: string;
  /** What to do instead of passing a key, e.g. `omit kmsKey to use the AWS managed key aws/workmail`. */
  readonly alternative: string;
}

/**
 * WorkMail needs an enabled symmetric customer managed key; say so, naming the key and the fix,
 * before anything is started with it.
 */
export async function verifyKmsKey(keyArn: string, use: KeyUse): Promise<void> {
  const fix = `Pass an enabled symmetric customer managed key (KeySpec SYMMETRIC_DEFAULT, usage ENCRYPT_DECRYPT) as ${use.property}, `
    + `or ${use.alternative}.`;
  const { DescribeKeyCommand } = kmsSdk();
  let key: KeyMetadata | undefined;
  try {
    ({ KeyMetadata: key } = await kmsClient().send(new DescribeKeyCommand({ KeyId: keyArn })));
  } catch (error) {
    if (isServiceError(error, 'NotFoundException')) {
      throw new DeploymentError(`KMS key ${keyArn} cannot encrypt ${use.encrypts}: it does not exist in this account and region. ${fix}`);
    }
    throw error;
  }
  const problems = [
    key?.KeyManager !== 'CUSTOMER' && `it is managed by ${key?.KeyManager ?? 'an unknown party'}, not by you`,
    key?.KeySpec !== 'SYMMETRIC_DEFAULT' && `its key spec is ${key?.KeySpec}`,
    key?.KeyUsage !== 'ENCRYPT_DECRYPT' && `its usage is ${key?.KeyUsage}`,
    key?.KeyState !== 'Enabled' && `its state is ${key?.KeyState}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) {
    throw new DeploymentError(`KMS key ${keyArn} cannot encrypt ${use.encrypts}: ${problems.join('; ')}. ${fix}`);
  }
}
