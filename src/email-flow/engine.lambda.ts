import { handler as engine } from '../handlers/email-flow';

/** The email flow rule engine, attached to the organization as a synchronous Run Lambda rule. */
export const handler = engine;
