/** Pure evaluators of WorkMail's access rules: no CDK, no SDK, usable by constructs and handlers alike. */
export * from './effect';
export * from './access-control';
export * from './impersonation';
export * from './mobile-device-access';
