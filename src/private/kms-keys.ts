import { Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';

/** What synth knows of a key's names: its ARN and, for an alias, the alias name. */
export function knownKeyNames(key: kms.IKey): string[] {
  return [key.keyArn, (key as Partial<kms.IAlias>).aliasName]
    .filter((name): name is string => name !== undefined && !Token.isUnresolved(name));
}

/** The name that shows a key is AWS managed (`alias/aws/...`), if synth can tell. */
export function awsManagedKeyName(key: kms.IKey): string | undefined {
  return knownKeyNames(key).find((name) => /(^|:)alias\/aws\//.test(name));
}
