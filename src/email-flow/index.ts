export * from './flow-action';
export * from './email-flow-rule';
