import { exportEngineHandler } from '../handlers/mailbox-export';

/** The mailbox export state machine's step: what to start, check and report, and how long to wait. */
export const handler = exportEngineHandler;
