import {
  attributes,
  creationProgress,
  isDeleted,
  isOrganizationId,
  OrganizationSettings,
  parseSettings,
  planCreate,
  planDelete,
  planInitialTags,
  planUpdate,
} from '../../src/handlers/organization/plan';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function settings(overrides: Partial<OrganizationSettings> = {}): OrganizationSettings {
  return { ...parseSettings({ Alias: 'corp' }), ...overrides };
}

describe('parseSettings', () => {
  test('parses CloudFormation strings', () => {
    expect(parseSettings({
      Alias: 'corp',
      KmsKeyArn: KEY,
      DirectoryId: 'd-0123456789',
      EnableInteroperability: 'true',
      DeleteDirectory: 'false',
      ForceDelete: 'true',
      Tags: [{ Key: 'a', Value: 'b' }],
    })).toEqual({
      alias: 'corp',
      kmsKeyArn: KEY,
      directoryId: 'd-0123456789',
      enableInteroperability: true,
      deleteDirectory: false,
      forceDelete: true,
      tags: { a: 'b' },
    });
  });

  test('defaults: delete a WorkMail directory, keep a directory the user brought, never force', () => {
    expect(parseSettings({ Alias: 'corp' })).toMatchObject({ deleteDirectory: true, forceDelete: false, enableInteroperability: false, tags: {} });
    expect(parseSettings({ Alias: 'corp', DirectoryId: 'd-0123456789' })).toMatchObject({ deleteDirectory: false });
  });

  test('accepts real booleans too and rejects anything else', () => {
    expect(parseSettings({ Alias: 'corp', ForceDelete: true as any }).forceDelete).toBe(true);
    expect(() => parseSettings({ Alias: 'corp', ForceDelete: 'yes' })).toThrow('Property ForceDelete must be true or false, got "yes".');
  });
});

describe('planCreate', () => {
  test('creates with the client token, verifying the KMS key first', () => {
    expect(planCreate(settings({ kmsKeyArn: KEY }), 'token')).toEqual([
      { kind: 'VerifyKmsKey', keyArn: KEY },
      { kind: 'CreateOrganization', clientToken: 'token' },
    ]);
    expect(planCreate(settings(), 'token')).toEqual([{ kind: 'CreateOrganization', clientToken: 'token' }]);
  });

  test('initial tags record the KMS key', () => {
    expect(planInitialTags(settings({ tags: { team: 'mail' } }))).toEqual([{
      kind: 'TagResource', tags: [{ Key: 'team', Value: 'mail' }, { Key: 'cdk-workmail:kms-key', Value: 'aws/workmail' }],
    }]);
    expect(planInitialTags(settings({ kmsKeyArn: KEY }))).toEqual([{
      kind: 'TagResource', tags: [{ Key: 'cdk-workmail:kms-key', Value: KEY }],
    }]);
  });
});

describe('planUpdate', () => {
  const actual = { alias: 'corp', directoryId: 'd-aaaaaaaaaa', interoperabilityEnabled: false, kmsKey: 'aws/workmail' };

  test('tags change in place; tags set outside the stack are left alone', () => {
    expect(planUpdate(settings({ tags: { a: '1', b: '2' } }), settings({ tags: { a: '1', b: '3', c: '4' } }), actual)).toEqual([
      { kind: 'TagResource', tags: [{ Key: 'b', Value: '3' }, { Key: 'c', Value: '4' }] },
    ]);
    expect(planUpdate(settings({ tags: { a: '1', b: '2' } }), settings({ tags: { a: '1' } }), actual)).toEqual([
      { kind: 'UntagResource', tagKeys: ['b'] },
    ]);
    expect(planUpdate(settings(), settings(), actual)).toEqual([]);
  });

  test('delete options change nothing in WorkMail', () => {
    expect(planUpdate(settings(), settings({ forceDelete: true, deleteDirectory: false }), actual)).toEqual([]);
  });

  test.each([
    ['alias', settings({ alias: 'other' }), /Refusing to change alias \(corp -> other\)/],
    ['KMS key', settings({ kmsKeyArn: KEY }), /Refusing to change kmsKey \(aws\/workmail -> arn:aws:kms/],
    ['directory', settings({ directoryId: 'd-bbbbbbbbbb' }), /Refusing to change directoryId \(d-aaaaaaaaaa -> d-bbbbbbbbbb\)/],
    ['interoperability', settings({ enableInteroperability: true }), /Refusing to change enableInteroperability \(false -> true\)/],
  ])('refuses a %s change, explaining why and what to do', (_, next, message) => {
    const update = () => planUpdate(settings(), next, actual);
    expect(update).toThrow(message);
    expect(update).toThrow(/replacing the organization would delete every mailbox.*create a second Organization construct/);
  });

  test('names every refused change at once', () => {
    expect(() => planUpdate(settings(), settings({ alias: 'x', kmsKeyArn: KEY }), actual)).toThrow(/alias \(corp -> x\), kmsKey/);
  });

  test('the rollback of a refused change succeeds: it asks for what the organization has', () => {
    // CloudFormation rolls back by sending the original properties as new, the refused ones as old.
    expect(planUpdate(settings({ alias: 'other' }), settings(), actual)).toEqual([]);
    expect(planUpdate(settings({ kmsKeyArn: KEY }), settings(), actual)).toEqual([]);
    expect(planUpdate(settings({ directoryId: 'd-bbbbbbbbbb' }), settings(), actual)).toEqual([]);
    expect(planUpdate(settings({ enableInteroperability: true }), settings(), actual)).toEqual([]);
  });

  test('dropping the directory the organization was created with is a change', () => {
    expect(() => planUpdate(settings({ directoryId: 'd-aaaaaaaaaa' }), settings(), actual))
      .toThrow(/directoryId \(d-aaaaaaaaaa -> a WorkMail directory\)/);
  });

  test('without the key tag, the old properties tell the key', () => {
    const untagged = { ...actual, kmsKey: undefined };
    expect(planUpdate(settings({ kmsKeyArn: KEY }), settings({ kmsKeyArn: KEY }), untagged)).toEqual([]);
    expect(() => planUpdate(settings({ kmsKeyArn: KEY }), settings(), untagged)).toThrow(/kmsKey/);
  });
});

describe('planDelete', () => {
  test('deletes an organization with the client token', () => {
    expect(planDelete(ORG_ID, 'token')).toEqual([{ kind: 'DeleteOrganization', clientToken: 'token' }]);
  });

  test.each([undefined, 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', 'corp', 'm-123'])(
    'does nothing for a physical id left by a failed create: %j', (physicalId) => {
      expect(planDelete(physicalId, 'token')).toEqual([]);
      expect(isOrganizationId(physicalId)).toBe(false);
    });
});

describe('progress', () => {
  test.each(['Requested', 'Creating', 'Validating', undefined])('%s means waiting', (State) => {
    expect(creationProgress({ State })).toBe('waiting');
  });

  test('Active means done', () => {
    expect(creationProgress({ State: 'Active' })).toBe('active');
  });

  test('Failed fails with WorkMail\'s reason and what to do', () => {
    expect(() => creationProgress({ State: 'Failed', Alias: 'corp', OrganizationId: ORG_ID, ErrorMessage: 'Directory limit' }))
      .toThrow(`WorkMail could not create organization corp (${ORG_ID}): Directory limit. The organization is left in state Failed`);
  });

  test('deleted means gone or Deleted', () => {
    expect(isDeleted(undefined)).toBe(true);
    expect(isDeleted({ State: 'Deleted' })).toBe(true);
    expect(isDeleted({ State: 'Deleting' })).toBe(false);
    expect(isDeleted({ State: 'Active' })).toBe(false);
  });

  test('attributes', () => {
    expect(attributes({ OrganizationId: ORG_ID, ARN: 'arn', Alias: 'corp', DefaultMailDomain: 'corp.awsapps.com', DirectoryId: 'd-1' })).toEqual({
      OrganizationId: ORG_ID, OrganizationArn: 'arn', Alias: 'corp', DefaultMailDomain: 'corp.awsapps.com', DirectoryId: 'd-1',
    });
  });
});
