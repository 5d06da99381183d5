import { readFileSync } from 'fs';
import { join } from 'path';
import { ungrantedOperations } from './cloudformation';
import { ResourceType } from '../../src/private/constants';
import { WORKMAIL_ACTIONS } from '../../src/private/workmail-actions';

const operations = Object.keys(JSON.parse(readFileSync(join(__dirname, '../emulator/model/workmail.json'), 'utf8')).operations);

describe('WORKMAIL_ACTIONS', () => {
  test('has an entry for every child resource type, and only for those', () => {
    const children = Object.values(ResourceType).filter((type) => type !== ResourceType.ORGANIZATION);
    expect(Object.keys(WORKMAIL_ACTIONS).sort()).toEqual([...children].sort());
  });

  test('names only real WorkMail operations, each once per type', () => {
    for (const actions of Object.values(WORKMAIL_ACTIONS)) {
      expect(new Set(actions).size).toBe(actions.length);
      actions.forEach((action) => expect(operations).toContain(action.replace(/^workmail:/, '')));
    }
  });

  // Every handler test's `run` checks the emulator's calls with this: here it is shown failing.
  test('the check of the handler tests names a call the table lacks, and ignores other services and the organization', () => {
    const call = (service: 'workmail' | 'kms' | 'ses', operation: string) => ({ service, operation, input: {} });
    expect(ungrantedOperations(ResourceType.ACCESS_CONTROL_RULE, [
      call('workmail', 'ListAccessControlRules'), call('workmail', 'DeleteUser'), call('workmail', 'DeleteUser'), call('kms', 'DescribeKey'),
    ])).toEqual(['DeleteUser']);
    expect(ungrantedOperations(ResourceType.ORGANIZATION, [call('workmail', 'DeleteOrganization')])).toEqual([]);
  });
});
