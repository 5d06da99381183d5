export * from './organization';
export * from './domain';
export * from './retention-policy';
export * from './mailbox-export';
