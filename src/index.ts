export * from './organization';
export * from './domain';
export * from './retention-policy';
export * from './mailbox-export';
export * from './audit-log-delivery';
export * from './email-event-logging';
