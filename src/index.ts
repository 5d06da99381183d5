export * from './organization';
export * from './retention-policy';
