export * from './organization';
export * from './access-control-rule';
export * from './impersonation-role';
export * from './mobile-device-access';
export * from './user';
export { AccessEffect, AccessProtocol } from './policy';
