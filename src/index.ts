export * from './organization';
export * from './domain';
