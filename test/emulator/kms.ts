import { randomUUID } from 'crypto';
import { epochSeconds, operation, OperationTable, ServiceError } from './operation';
import type { EmulatorContext, KeyManager, KeySpec, KeyState, KeyUsage, KmsKey } from './state';

/** A key a test seeds; every field has the default of a new customer managed symmetric key. */
export interface KmsKeyOptions {
  /** @default a random UUID */
  readonly keyId?: string;
  /** @default 'SYMMETRIC_DEFAULT' */
  readonly keySpec?: KeySpec;
  /** @default 'CUSTOMER' */
  readonly keyManager?: KeyManager;
  /** @default 'Enabled' */
  readonly keyState?: KeyState;
  /** @default the usage KMS gives the key spec (ENCRYPT_DECRYPT, SIGN_VERIFY or GENERATE_VERIFY_MAC) */
  readonly keyUsage?: KeyUsage;
  /** Alias names such as `alias/workmail`, by which DescribeKey also finds the key. */
  readonly aliases?: readonly string[];
}

/** The KMS keys the emulator knows, seeded by tests (`emulator.kms.addKey(...)`). */
export class KmsKeys {
  constructor(private readonly context: () => EmulatorContext) {}

  /** Adds a key and returns its ARN. */
  public addKey(options: KmsKeyOptions = {}): string {
    const { region, accountId, state } = this.context();
    const keyId = options.keyId ?? randomUUID();
    const keySpec = options.keySpec ?? 'SYMMETRIC_DEFAULT';
    const key: KmsKey = {
      keyId,
      arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
      keySpec,
      keyManager: options.keyManager ?? 'CUSTOMER',
      keyState: options.keyState ?? 'Enabled',
      keyUsage: options.keyUsage ?? defaultKeyUsage(keySpec),
      aliases: options.aliases ?? [],
      creationDate: new Date(),
    };
    state.kmsKeys.push(key);
    return key.arn;
  }

  /** The live key object (tests may change its state), by key id, key ARN, alias name or alias ARN. */
  public key(keyId: string): KmsKey | undefined {
    return findKey(this.context(), keyId);
  }
}

function defaultKeyUsage(keySpec: KeySpec): KeyUsage {
  if (keySpec.startsWith('HMAC_')) {
    return 'GENERATE_VERIFY_MAC';
  }
  return keySpec.startsWith('ECC_') || keySpec.startsWith('ML_DSA_') ? 'SIGN_VERIFY' : 'ENCRYPT_DECRYPT';
}

/** DescribeKey accepts a key id, a key ARN, an alias name or an alias ARN. */
function findKey(ctx: EmulatorContext, keyId: string): KmsKey | undefined {
  const aliasArn = (alias: string) => `arn:aws:kms:${ctx.region}:${ctx.accountId}:${alias}`;
  return ctx.state.kmsKeys.find((key) =>
    key.keyId === keyId || key.arn === keyId || key.aliases.some((alias) => alias === keyId || aliasArn(alias) === keyId));
}

interface DescribeKeyInput {
  readonly KeyId: string;
}

export const kmsOperations: OperationTable = {
  DescribeKey: operation<DescribeKeyInput>((input, ctx) => {
    const key = findKey(ctx, input.KeyId);
    if (key === undefined) {
      throw new ServiceError('NotFoundException', `Key '${input.KeyId}' does not exist`);
    }
    return {
      KeyMetadata: {
        AWSAccountId: ctx.accountId,
        KeyId: key.keyId,
        Arn: key.arn,
        CreationDate: epochSeconds(key.creationDate),
        Enabled: key.keyState === 'Enabled',
        Description: '',
        KeyUsage: key.keyUsage,
        KeyState: key.keyState,
        Origin: 'AWS_KMS',
        KeyManager: key.keyManager,
        KeySpec: key.keySpec,
        MultiRegion: false,
      },
    };
  }),
};
