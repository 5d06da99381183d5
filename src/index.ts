export * from './organization';
export * from './retention-policy';
export * from './mailbox-export';
