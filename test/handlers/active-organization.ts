/** The start of every test of an organization-scoped handler: a fresh emulator state with one Active organization. */
import { ResourceType } from '../../src/private/constants';
import { WorkMailEmulator } from '../emulator';
import { request, run, startEmulator } from './cloudformation';
import { exportSettings } from '../emulator/workmail/export';

/** Resets the emulator, silences handler logs, and creates organization `corp` (Active at once); returns its id. */
export async function freshActiveOrganization(emulator: WorkMailEmulator): Promise<string> {
  emulator.reset();
  emulator.setCreationSteps(0);
  exportSettings.steps = 2;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  return (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'corp' }))).PhysicalResourceId;
}

/** What a test file of an organization-scoped handler works with, valid inside its tests. */
export interface OrganizationTestContext {
  readonly emulator: WorkMailEmulator;
  readonly organizationId: string;
}

/** Registers the hooks: one emulator per file, and a fresh Active organization before each test. */
export function withActiveOrganization(): OrganizationTestContext {
  const context = {} as { emulator: WorkMailEmulator; organizationId: string };
  beforeAll(async () => {
    context.emulator = await startEmulator();
  });
  afterAll(async () => context.emulator.stop());
  beforeEach(async () => {
    context.organizationId = await freshActiveOrganization(context.emulator);
  });
  return context;
}
