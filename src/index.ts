export * from './organization';
export * from './audit-log-delivery';
export * from './email-event-logging';
