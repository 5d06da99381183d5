export * from './organization';
export * from './email-flow';
